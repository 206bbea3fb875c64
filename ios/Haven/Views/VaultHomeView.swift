import HavenAppLogic
import SwiftUI

/// The vault's home: one entry per section, each pushed on the model's navigation stack (which
/// the model empties whenever the vault locks).
struct VaultHomeView: View {
    @Bindable var model: AppModel

    var body: some View {
        NavigationStack(path: $model.path) {
            List(AppModel.VaultScreen.allCases, id: \.self) { screen in
                NavigationLink(value: screen) { Text(title(screen)) }
            }
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
        case .settings: SettingsView(model: model)
        }
    }
}

/// The platform key is gone: say so plainly, offer to start again or go back to the calculator.
struct KeyUnavailableView: View {
    let model: AppModel

    var body: some View {
        VStack(alignment: .leading, spacing: 16) {
            Text(Strings.text(.keyUnavailableTitle, in: model.language)).font(.title2.bold())
            Text(Strings.text(.keyUnavailableBody, in: model.language))
            Button(Strings.text(.startAgain, in: model.language), role: .destructive) {
                Task { await model.startAgainAfterKeyLoss() }
            }
            Button(Strings.text(.backToCalculator, in: model.language)) { model.exit() }
            Spacer()
        }
        .padding()
        .vaultAlert(model)
    }
}
