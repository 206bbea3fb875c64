import HavenAppLogic
import SwiftUI

extension View {
    /// The exit button, on every vault screen: closes the vault at once and shows the calculator.
    func exitButton(_ model: AppModel) -> some View {
        toolbar {
            ToolbarItem(placement: .topBarTrailing) {
                Button(Strings.text(.exit, in: model.language), role: .destructive) { model.exit() }
                    .accessibilityIdentifier("exit")
            }
        }
    }

    /// For every text field inside the vault: no autocorrection, no suggestions learned from
    /// what she types, no capitalization, no autofill. (Third-party keyboards are refused
    /// app-wide by `AppDelegate`.)
    func vaultTextInput(_ keyboard: UIKeyboardType = .default) -> some View {
        autocorrectionDisabled()
            .textInputAutocapitalization(.never)
            .keyboardType(keyboard)
            .textContentType(nil)
    }

    /// Shows the model's alert message, if any.
    func vaultAlert(_ model: AppModel) -> some View {
        alert(
            model.alertMessage ?? "",
            isPresented: Binding(get: { model.alertMessage != nil }, set: { if !$0 { model.alertMessage = nil } })
        ) {
            Button(Strings.text(.done, in: model.language)) { model.alertMessage = nil }
        }
    }
}

extension View {
    /// Asks before opening a `tel:`/`sms:` link: calls and messages leave a trace outside Haven.
    func callConfirmation(_ model: AppModel, url: Binding<URL?>) -> some View {
        modifier(CallConfirmation(model: model, url: url))
    }
}

private struct CallConfirmation: ViewModifier {
    let model: AppModel
    @Binding var url: URL?
    @Environment(\.openURL) private var openURL

    func body(content: Content) -> some View {
        content.confirmationDialog(
            Strings.text(.callHistoryWarning, in: model.language),
            isPresented: Binding(get: { url != nil }, set: { if !$0 { url = nil } }),
            titleVisibility: .visible
        ) {
            Button(Strings.text(.continueAction, in: model.language)) {
                if let url { openURL(url) }
                url = nil
            }
            Button(Strings.text(.cancel, in: model.language), role: .cancel) { url = nil }
        }
    }
}

/// A PIN field: digits only, hidden, nothing remembered.
struct PinField: View {
    let title: String
    @Binding var text: String

    var body: some View {
        SecureField(title, text: $text)
            .vaultTextInput(.numberPad)
    }
}

/// A validation message under a field.
struct IssueText: View {
    let issue: ValidationIssue?
    let language: Language

    var body: some View {
        if let issue {
            Text(issue.message(in: language))
                .font(.footnote)
                .foregroundStyle(.red)
        }
    }
}
