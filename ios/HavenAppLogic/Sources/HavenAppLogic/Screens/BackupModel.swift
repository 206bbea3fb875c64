import Foundation
import HavenCore
import Observation

/// Backup and restore of the journal as the core's encrypted bundle (passphrase-protected),
/// through the Files exporter and importer.
///
/// Both directions are streamed: the core writes the encrypted bundle chunk by chunk into a
/// file in `tmp/e` (ciphertext only: nothing readable is ever in `tmp/`), which the exporter
/// copies where she chooses and which is deleted right after (and on lock, wipe and launch);
/// a restore reads the picked file chunk by chunk into the core, which checks the passphrase
/// and the whole evidence chain before changing anything.
@MainActor
@Observable
public final class BackupModel: ScreenModel {
    public static let minPassphraseLength = 12

    public var passphrase = ""
    public var passphraseConfirmation = ""
    public var pin = ""
    /// The encrypted bundle, ready for the exporter.
    public private(set) var bundleFile: URL?
    /// What happened (saved, restored N entries, or why not), in her language.
    public private(set) var message: String?
    public private(set) var isWorking = false

    @ObservationIgnored private weak var app: AppModel?

    init() {}

    func attach(_ app: AppModel) { self.app = app }

    func reset() {
        clearSecrets()
        bundleFile = nil
        message = nil
        isWorking = false
    }

    private func clearSecrets() {
        passphrase = ""
        passphraseConfirmation = ""
        pin = ""
    }

    /// Plain guidance on the passphrase she is typing.
    public var passphraseAdvice: String {
        let language = app?.language ?? .ru
        let count = passphrase.count
        if count < Self.minPassphraseLength { return Strings.text(.passphraseTooShort, in: language, Self.minPassphraseLength) }
        if count < 20 { return Strings.text(.passphraseOk, in: language) }
        return Strings.text(.passphraseStrong, in: language)
    }

    /// Writes the encrypted bundle (the core asks for the PIN again). Returns whether the file
    /// is ready for the exporter.
    @discardableResult
    public func prepareBackup() async -> Bool {
        guard let app else { return false }
        message = nil
        guard passphrase.count >= Self.minPassphraseLength else {
            message = Strings.text(.passphraseTooShort, in: app.language, Self.minPassphraseLength)
            return false
        }
        guard passphrase == passphraseConfirmation else {
            message = Strings.text(.passphrasesDoNotMatch, in: app.language)
            return false
        }
        let (pin, passphrase) = (self.pin, self.passphrase)
        clearSecrets()
        isWorking = true
        defer { isWorking = false }
        let url = app.exports.directory.appendingPathComponent("backup.haven")
        do {
            try DataDirectory(url: app.exports.directory).prepare()
            try? FileManager.default.removeItem(at: url)
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
            let sink = try FileSink(url: url)
            defer { sink.close() }
            try await app.perform { try $0.exportBundleTo(pin: pin, passphrase: passphrase, sink: sink) }
            try? DataDirectory(url: app.exports.directory).applyProtection()
            bundleFile = url
            return true
        } catch is AppModel.VaultClosed {
            try? FileManager.default.removeItem(at: url)
            return false
        } catch {
            try? FileManager.default.removeItem(at: url)
            message = Problem.message(for: error, in: app.language)
            return false
        }
    }

    /// The exporter closed (saved or cancelled): the bundle file here is deleted.
    public func backupFinished(saved: Bool) {
        if let bundleFile { try? FileManager.default.removeItem(at: bundleFile) }
        bundleFile = nil
        if saved, let app { message = Strings.text(.backupSaved, in: app.language) }
    }

    /// Restores a bundle picked in Files into the (empty) journal, streamed from the file.
    /// Wrong passphrase, a damaged or foreign file, or a journal that already has entries: she
    /// is told why, and nothing is changed.
    public func restore(from url: URL) async {
        guard let app else { return }
        message = nil
        let passphrase = self.passphrase
        clearSecrets()
        isWorking = true
        defer { isWorking = false }
        #if canImport(Darwin)
        // A file picked in Files lies outside the sandbox: read it under its security scope.
        let scoped = url.startAccessingSecurityScopedResource()
        defer { if scoped { url.stopAccessingSecurityScopedResource() } }
        #endif
        do {
            let source = try FileSource(url: url)
            defer { source.close() }
            let count = try await app.perform { try $0.importBundleFrom(passphrase: passphrase, source: source) }
            message = Strings.text(.backupRestored, in: app.language, Int(count))
        } catch is AppModel.VaultClosed {
        } catch let error as HavenError {
            message = Problem.message(for: error, in: app.language)
        } catch {
            message = Strings.text(.backupNotABackup, in: app.language) + " "
                + Strings.text(.backupNothingChanged, in: app.language)
        }
    }
}

/// Writes the core's chunks into a file.
final class FileSink: ByteSink, @unchecked Sendable {
    private let handle: FileHandle

    init(url: URL) throws {
        handle = try FileHandle(forWritingTo: url)
    }

    func write(chunk: Data) throws {
        try handle.write(contentsOf: chunk)
    }

    func close() {
        try? handle.close()
    }
}

/// Gives the core a bundle already in memory chunk by chunk (the one picked at setup).
final class DataSource: ByteSource, @unchecked Sendable {
    private let data: Data
    private var offset = 0
    private let lock = NSLock()

    init(_ data: Data) { self.data = data }

    func read(maxLen: UInt32) throws -> Data {
        lock.lock()
        defer { lock.unlock() }
        let end = min(data.count, offset + Int(maxLen))
        let chunk = data.subdata(in: (data.startIndex + offset)..<(data.startIndex + end))
        offset = end
        return chunk
    }
}

/// Gives the core a file chunk by chunk.
final class FileSource: ByteSource, @unchecked Sendable {
    private let handle: FileHandle

    init(url: URL) throws {
        handle = try FileHandle(forReadingFrom: url)
    }

    func read(maxLen: UInt32) throws -> Data {
        try handle.read(upToCount: Int(maxLen)) ?? Data()
    }

    func close() {
        try? handle.close()
    }
}
