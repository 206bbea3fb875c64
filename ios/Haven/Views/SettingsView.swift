import HavenAppLogic
import HavenCore
import SwiftUI
import UIKit

/// Settings: language, PIN, duress PIN, erase after N wrong PINs, auto-lock, the disguise icon,
/// and "erase everything" with its cancellable countdown. Each PIN change asks for the current
/// PIN. Decided in `SettingsModel` and `AppModel`.
struct SettingsView: View {
    @Bindable var model: AppModel
    @State private var erasePin = ""
    @State private var eraseIssue: ValidationIssue?

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        @Bindable var settings = model.settings
        Form {
            Section(t(.languageField)) {
                Picker(t(.languageField), selection: Binding(
                    get: { model.language },
                    set: { language in Task { await model.setLanguage(language) } }
                )) {
                    ForEach(Language.allCases, id: \.self) { Text($0.nativeName).tag($0) }
                }
            }

            Section(footer: Text(t(.pinHint))) {
                PinField(title: t(.currentPin), text: $settings.currentPin)
                IssueText(issue: model.settings.issues[.currentPin], language: model.language)
                if let problem = model.settings.problem { Text(problem).font(.footnote).foregroundStyle(.red) }
            }

            Section(t(.changePin)) {
                PinField(title: t(.newPin), text: $settings.newPin)
                IssueText(issue: model.settings.issues[.newPin], language: model.language)
                PinField(title: t(.pinConfirmField), text: $settings.newPinConfirmation)
                IssueText(issue: model.settings.issues[.newPinConfirmation], language: model.language)
                Button(model.settings.done == .pin ? t(.done) : t(.changePin)) { Task { await model.settings.changePin() } }
            }

            Section(header: Text(t(.duressSettings)), footer: Text(t(.duressExplanation))) {
                PinField(title: t(.duressPinField), text: $settings.duressPin)
                IssueText(issue: model.settings.issues[.duressPin], language: model.language)
                PinField(title: t(.duressPinConfirmField), text: $settings.duressConfirmation)
                IssueText(issue: model.settings.issues[.duressConfirmation], language: model.language)
                Picker("", selection: $settings.duressChoice) {
                    Text(t(.duressNothingHere)).tag(SetupForm.DuressChoice.nothingHere)
                    Text(t(.duressOpenDecoy)).tag(SetupForm.DuressChoice.openDecoy)
                }
                .pickerStyle(.inline)
                Toggle(t(.duressShred), isOn: $settings.duressShredsReal)
                Button(model.settings.done == .duress ? t(.done) : t(.save)) { Task { await model.settings.setDuressPin() } }
                Button(t(.removeDuress), role: .destructive) { Task { await model.settings.clearDuressPin() } }
            }

            Section(footer: Text(t(.wipeAfterWarning))) {
                if let current = model.settings.currentWipeAfterText {
                    Text(current).font(.footnote)
                }
                Toggle(t(.wipeAfterToggle), isOn: $settings.wipeAfterEnabled)
                if model.settings.wipeAfterEnabled {
                    Stepper(Strings.text(.wipeAfterCount, in: model.language, model.settings.wipeAfterCount),
                            value: $settings.wipeAfterCount, in: PinRules.wipeAfterRange)
                }
                IssueText(issue: model.settings.issues[.wipeAfter], language: model.language)
                Button(model.settings.done == .wipeAfter ? t(.done) : t(.wipeAfterSave)) {
                    Task { await model.settings.setWipeAfter() }
                }
            }

            Section(footer: Text(t(.decoyNotesExplanation))) {
                NavigationLink(t(.decoyNotes)) { DecoyNotesView(model: model) }
            }

            Section(t(.autoLock)) {
                Picker(t(.autoLock), selection: Binding(get: { model.settings.autoLockMinutes },
                                                        set: { model.settings.setAutoLock(minutes: $0) })) {
                    ForEach(model.settings.autoLockChoices, id: \.self) { Text(model.settings.autoLockLabel($0)).tag($0) }
                }
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
        .task { await model.settings.load() }
    }

    private func iconButton(_ name: String?, title: String) -> some View {
        Button(title) {
            // iOS shows its own "icon changed" alert; the scene turns inactive and the vault
            // locks, as the footer says.
            UIApplication.shared.setAlternateIconName(name)
        }
    }
}
