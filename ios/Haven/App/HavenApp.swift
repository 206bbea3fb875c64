import HavenAppLogic
import HavenCore
import SwiftUI
import UIKit

/// Haven's entry point: builds the vault over the protected data directory and the Keychain
/// protector, and forwards the scene's phase to the model (which locks on leaving `.active`).
@main
struct HavenApp: App {
    @UIApplicationDelegateAdaptor(AppDelegate.self) private var appDelegate
    @Environment(\.scenePhase) private var scenePhase
    @State private var model: AppModel?

    init() {
        _model = State(initialValue: Self.makeModel())
    }

    var body: some Scene {
        WindowGroup {
            Group {
                if let model {
                    RootView(model: model)
                } else {
                    // The vault could not be opened at all (the data directory is unusable):
                    // still a calculator face, never an error that names the app.
                    PrivacyCoverView()
                }
            }
            .onChange(of: scenePhase) { _, newPhase in
                model?.scenePhaseChanged(AppModel.ScenePhase(newPhase))
            }
        }
    }

    private static func makeModel() -> AppModel? {
        ExportFiles.standard.removeAll() // a report left behind by a crash
        do {
            let directory = try DataDirectory.standard()
            try directory.prepare()
            let haven = try Haven(dataDir: directory.url.path, protector: KeychainKeyProtector())
            // Next to the data directory, outside it (the core's wipe owns that one).
            let settingsFile = directory.url.deletingLastPathComponent().appendingPathComponent("s")
            return AppModel(
                haven: haven,
                preferredLanguages: Locale.preferredLanguages,
                settingsStore: ShellSettingsStore(url: settingsFile),
                exports: .standard,
                afterWrite: { try? directory.applyProtection() }
            )
        } catch {
            return nil
        }
    }
}

extension AppModel.ScenePhase {
    init(_ phase: SwiftUI.ScenePhase) {
        switch phase {
        case .active: self = .active
        case .inactive: self = .inactive
        default: self = .background
        }
    }
}

/// UIKit hooks SwiftUI does not offer.
final class AppDelegate: NSObject, UIApplicationDelegate {
    /// Third-party keyboards can log and send what is typed; inside Haven only the system
    /// keyboard is allowed.
    func application(
        _ application: UIApplication,
        shouldAllowExtensionPointIdentifier extensionPointIdentifier: UIApplication.ExtensionPointIdentifier
    ) -> Bool {
        extensionPointIdentifier != .keyboard
    }
}
