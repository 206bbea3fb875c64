import HavenAppLogic
import SwiftUI
import UniformTypeIdentifiers

/// Backup and restore of the journal as the core's encrypted bundle, through the Files
/// exporter and importer. Decided and streamed in `BackupModel`: the only file here is the
/// encrypted bundle, deleted as soon as the exporter closes.
struct BackupView: View {
    @Bindable var model: AppModel
    @State private var showingImporter = false

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        @Bindable var backup = model.backup
        Form {
            Section(footer: Text(t(.backupExplanation))) {
                SecureField(t(.passphrase), text: $backup.passphrase).vaultTextInput()
                Text(model.backup.passphraseAdvice).font(.footnote)
            }
            Section(t(.makeBackup)) {
                SecureField(t(.passphraseConfirm), text: $backup.passphraseConfirmation).vaultTextInput()
                PinField(title: t(.currentPin), text: $backup.pin)
                Button(t(.makeBackup)) { Task { await model.backup.prepareBackup() } }
                    .disabled(model.backup.isWorking)
            }
            Section(t(.restoreBackup)) {
                Button(t(.restoreBackup)) { showingImporter = true }
                    .disabled(model.backup.isWorking)
            }
            if model.backup.isWorking { ProgressView() }
            if let message = model.backup.message { Text(message) }
        }
        .fileExporter(isPresented: Binding(get: { model.backup.bundleFile != nil },
                                           set: { if !$0 { model.backup.backupFinished(saved: false) } }),
                      document: model.backup.bundleFile.map { BundleFile(url: $0) },
                      contentType: .data,
                      defaultFilename: "backup") { result in
            model.backup.backupFinished(saved: (try? result.get()) != nil)
        }
        .fileImporter(isPresented: $showingImporter, allowedContentTypes: [.data]) { result in
            guard let url = try? result.get() else { return }
            Task { await model.backup.restore(from: url) }
        }
    }
}

/// The encrypted bundle handed to the exporter (ciphertext only; the passphrase opens it).
private struct BundleFile: FileDocument {
    static var readableContentTypes: [UTType] { [.data] }
    let url: URL

    init(url: URL) { self.url = url }

    init(configuration: ReadConfiguration) throws { throw CocoaError(.featureUnsupported) }

    func fileWrapper(configuration: WriteConfiguration) throws -> FileWrapper {
        try FileWrapper(url: url, options: .immediate)
    }
}
