import HavenAppLogic
import SwiftUI

/// The vault's home: one entry per section, each pushed on the model's navigation stack (which
/// the model empties whenever the vault locks).
struct VaultHomeView: View {
    @Bindable var model: AppModel
    @State private var pendingURL: URL?

    var body: some View {
        NavigationStack(path: $model.path) {
            List {
                // The lines that help now, one tap away (from the signed pack, with sources).
                Section(Strings.text(.nationalLines, in: model.language)) {
                    ForEach(model.rights.lines) { line in
                        Button("\(line.number) · \(line.name)") { pendingURL = model.rights.callLink(line) }
                    }
                }
                Section {
                    ForEach(AppModel.VaultScreen.allCases, id: \.self) { screen in
                        NavigationLink(value: screen) { Text(title(screen)) }
                    }
                }
            }
            .callConfirmation(model, url: $pendingURL)
            .task { await model.rights.loadRights() }
            .navigationTitle(Strings.text(.homeTitle, in: model.language))
            .navigationDestination(for: AppModel.VaultScreen.self) { screen in
                destination(screen)
                    .navigationTitle(title(screen))
                    .exitButton(model)
                    .vaultAlert(model)
            }
            .exitButton(model)
            .vaultAlert(model)
        }
    }

    private func title(_ screen: AppModel.VaultScreen) -> String {
        let key: TextKey
        switch screen {
        case .safetyPlan: key = .safetyPlan
        case .contacts: key = .contacts
        case .journal: key = .journal
        case .orders: key = .orders
        case .directory: key = .directory
        case .rights: key = .rights
        case .dangerSigns: key = .dangerSigns
        case .backup: key = .backup
        case .settings: key = .settings
        }
        return Strings.text(key, in: model.language)
    }

    @ViewBuilder
    private func destination(_ screen: AppModel.VaultScreen) -> some View {
        switch screen {
        case .safetyPlan: SafetyPlanView(model: model)
        case .contacts: ContactsView(model: model)
        case .journal: JournalView(model: model)
        case .orders: OrdersView(model: model)
        case .directory: DirectoryView(model: model)
        case .rights: RightsView(model: model)
        case .dangerSigns: DangerSignsView(model: model)
        case .backup: BackupView(model: model)
        case .settings: SettingsView(model: model)
        }
    }
}
