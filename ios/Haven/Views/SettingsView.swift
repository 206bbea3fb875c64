import HavenAppLogic
import HavenCore
import SwiftUI
import UIKit

/// Settings: language, PIN and duress PIN (each asks for the current PIN), the disguise icon,
/// and "erase everything" with its cancellable countdown.
struct SettingsView: View {
    @Bindable var model: AppModel
    @State private var currentPin = ""
    @State private var newPin = ""
    @State private var newPinConfirmation = ""
    @State private var pinIssue: ValidationIssue?
    @State private var pinChanged = false
    @State private var erasePin = ""
    @State private var eraseIssue: ValidationIssue?

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        Form {
            Section(t(.languageField)) {
                Picker(t(.languageField), selection: Binding(
                    get: { model.language },
                    set: { language in Task { await model.setLanguage(language) } }
                )) {
                    ForEach(Language.allCases, id: \.self) { Text($0.nativeName).tag($0) }
                }
            }

            Section(t(.changePin)) {
                PinField(title: t(.currentPin), text: $currentPin)
                PinField(title: t(.newPin), text: $newPin)
                PinField(title: t(.pinConfirmField), text: $newPinConfirmation)
                IssueText(issue: pinIssue, language: model.language)
                Button(pinChanged ? t(.done) : t(.changePin)) { Task { await changePin() } }
                    .disabled(model.isBusy)
            }

            Section(header: Text(t(.appIcon)), footer: Text(t(.iconAlertNote))) {
                iconButton(nil, title: t(.iconStandard))
                iconButton("CalculatorDark", title: t(.iconDark))
                iconButton("CalculatorClassic", title: t(.iconClassic))
            }

            Section(footer: Text(t(.eraseExplanation))) {
                if let countdown = model.wipeCountdown, case .counting(let left) = countdown.status {
                    Text(Strings.text(.eraseCountdown, in: model.language, left)).font(.title3.monospacedDigit())
                    Button(t(.cancel)) { model.cancelWipe() }.font(.title3.bold())
                } else {
                    PinField(title: t(.erasePinPrompt), text: $erasePin)
                    IssueText(issue: eraseIssue, language: model.language)
                    Button(t(.eraseEverything), role: .destructive) {
                        let pin = erasePin
                        erasePin = ""
                        Task { eraseIssue = await model.startWipe(confirmingPin: pin) }
                    }
                    .disabled(model.isBusy)
                }
            }
        }
    }

    private func iconButton(_ name: String?, title: String) -> some View {
        Button(title) {
            // iOS shows its own "icon changed" alert; the scene turns inactive and the vault
            // locks, as the footer says.
            UIApplication.shared.setAlternateIconName(name)
        }
    }

    private func changePin() async {
        pinChanged = false
        pinIssue = PinRules.check(newPin) ?? (newPin == newPinConfirmation ? nil : .pinsDoNotMatch)
        guard pinIssue == nil else { return }
        let current = currentPin
        let new = newPin
        currentPin = ""
        newPin = ""
        newPinConfirmation = ""
        do {
            try await model.perform { try $0.changePin(current: current, newPin: new) }
            pinChanged = true
        } catch is AppModel.VaultClosed {
        } catch {
            pinIssue = .wrongPin
        }
    }
}
