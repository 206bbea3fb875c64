import HavenAppLogic
import SwiftUI
import UniformTypeIdentifiers

/// First run: what Haven is, honestly what it cannot hide, the PIN, and the optional duress PIN
/// and automatic wipe, and optionally a backup to restore into the new vault.
struct SetupView: View {
    @Bindable var model: AppModel
    @State private var showingImporter = false

    private var language: Language { model.language }
    private func t(_ key: TextKey) -> String { Strings.text(key, in: language) }

    var body: some View {
        NavigationStack {
            Form {
                Section {
                    Picker(t(.languageField), selection: Binding(
                        get: { model.setupForm.language },
                        set: { model.chooseSetupLanguage($0) }
                    )) {
                        ForEach(Language.allCases, id: \.self) { Text($0.nativeName).tag($0) }
                    }
                    Text(t(.setupIntro))
                    Text(t(.setupHowToOpen))
                }
                Section(t(.setupLimitsTitle)) {
                    Text(t(.setupLimitSettings))
                    Text(t(.setupLimitIcon))
                    Text(t(.setupLimitCalls))
                    Text(t(.setupLimitSpyware))
                    Text(t(.setupLimitPin))
                    Text(t(.setupAgainHint))
                    if !KeychainKeyProtector.isPasscodeBound {
                        Text(t(.noPasscodeWarning)).foregroundStyle(.orange)
                    }
                    Toggle(t(.setupAcknowledge), isOn: $model.setupForm.acknowledgedLimits)
                    IssueText(issue: model.setupIssues[.acknowledgement], language: language)
                }
                Section(footer: Text(t(.pinHint))) {
                    PinField(title: t(.pinField), text: $model.setupForm.pin)
                    IssueText(issue: model.setupIssues[.pin], language: language)
                    PinField(title: t(.pinConfirmField), text: $model.setupForm.pinConfirmation)
                    IssueText(issue: model.setupIssues[.pinConfirmation], language: language)
                }
                Section(footer: Text(t(.duressExplanation))) {
                    Toggle(t(.duressToggle), isOn: $model.setupForm.duressEnabled)
                    if model.setupForm.duressEnabled {
                        PinField(title: t(.duressPinField), text: $model.setupForm.duressPin)
                        IssueText(issue: model.setupIssues[.duressPin], language: language)
                        PinField(title: t(.duressPinConfirmField), text: $model.setupForm.duressConfirmation)
                        IssueText(issue: model.setupIssues[.duressConfirmation], language: language)
                        Picker("", selection: $model.setupForm.duressChoice) {
                            Text(t(.duressNothingHere)).tag(SetupForm.DuressChoice.nothingHere)
                            Text(t(.duressOpenDecoy)).tag(SetupForm.DuressChoice.openDecoy)
                        }
                        .pickerStyle(.inline)
                        Toggle(t(.duressShred), isOn: $model.setupForm.duressShredsReal)
                    }
                }
                Section(footer: Text(t(.wipeAfterWarning))) {
                    Toggle(t(.wipeAfterToggle), isOn: $model.setupForm.wipeAfterEnabled)
                    if model.setupForm.wipeAfterEnabled {
                        Stepper(Strings.text(.wipeAfterCount, in: language, model.setupForm.wipeAfterCount),
                                value: $model.setupForm.wipeAfterCount, in: PinRules.wipeAfterRange)
                        IssueText(issue: model.setupIssues[.wipeAfter], language: language)
                    }
                }
                Section(footer: Text(t(.setupRestoreExplanation))) {
                    Toggle(t(.setupRestoreToggle), isOn: $model.setupForm.restoreEnabled)
                    if model.setupForm.restoreEnabled {
                        Button(t(.setupRestorePick)) { showingImporter = true }
                        if let name = model.setupForm.restoreFileName {
                            Text(Strings.text(.setupRestoreFileChosen, in: language, name)).font(.footnote)
                        }
                        IssueText(issue: model.setupIssues[.restoreFile], language: language)
                        SecureField(t(.passphrase), text: $model.setupForm.restorePassphrase).vaultTextInput()
                        IssueText(issue: model.setupIssues[.restorePassphrase], language: language)
                    }
                }
                Section {
                    Button(t(.createVault)) { Task { await model.submitSetup() } }
                        .disabled(model.isBusy)
                    if model.isBusy { ProgressView() }
                }
            }
            .navigationTitle(t(.setupTitle))
            .toolbar {
                ToolbarItem(placement: .topBarTrailing) {
                    Button(t(.exit)) { model.exit() }
                }
            }
            .vaultAlert(model)
            .fileImporter(isPresented: $showingImporter, allowedContentTypes: [.data]) { result in
                // Read into memory by the model (ciphertext only, no copy on disk).
                guard let url = try? result.get() else { return }
                model.chooseRestoreBundle(at: url)
            }
        }
    }
}
