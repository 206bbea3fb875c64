import Foundation
import HavenCore
import XCTest
@testable import HavenAppLogic

/// Backup and restore of the encrypted bundle through `BackupModel`, streamed through files.
@MainActor
final class BackupTests: XCTestCase {
    private let passphrase = "river stone quiet morning"
    private let secret = "He said he would take the children."

    private func vaultWithEntry(_ fixture: VaultFixture) async throws -> AppModel {
        let model = try await fixture.modelWithVault()
        model.journal.newEntry()
        model.journal.form.narrative = secret
        model.journal.addPending(bytes: Data(repeating: 0xAB, count: 300_000), fileName: "photo.jpg", mimeType: "image/jpeg")
        let saved = await model.journal.save()
        XCTAssertTrue(saved, model.alertMessage ?? "")
        return model
    }

    /// Makes the bundle and copies it where the exporter would put it; returns that copy.
    private func backUp(_ model: AppModel, to folder: URL) async throws -> URL {
        model.backup.passphrase = passphrase
        model.backup.passphraseConfirmation = passphrase
        model.backup.pin = TestPins.real
        let ready = await model.backup.prepareBackup()
        XCTAssertTrue(ready, model.backup.message ?? "")
        let file = try XCTUnwrap(model.backup.bundleFile)
        let bytes = try Data(contentsOf: file)
        XCTAssertNil(bytes.range(of: Data(secret.utf8)), "the file in tmp is ciphertext")
        XCTAssertGreaterThan(bytes.count, 300_000)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("backup.haven")
        try bytes.write(to: copy)
        model.backup.backupFinished(saved: true)
        XCTAssertNil(model.backup.bundleFile)
        XCTAssertFalse(FileManager.default.fileExists(atPath: file.path), "deleted once exported")
        XCTAssertEqual(model.backup.message, Strings.text(.backupSaved, in: .en))
        XCTAssertEqual(model.backup.passphrase, "", "secrets forgotten")
        XCTAssertEqual(model.backup.pin, "")
        return copy
    }

    func testRoundTripIntoAnotherVault() async throws {
        let source = try VaultFixture()
        let model = try await vaultWithEntry(source)
        let copy = try await backUp(model, to: source.shellDirectory.appendingPathComponent("files"))

        let target = try VaultFixture()
        let restored = try await target.modelWithVault()
        restored.backup.passphrase = passphrase
        await restored.backup.restore(from: copy)
        XCTAssertEqual(restored.backup.message, Strings.text(.backupRestored, in: .en, 1))
        let entries = try await restored.perform { try $0.journalBetween(from: .distantPast, to: .distantFuture, includeHidden: true) }
        XCTAssertEqual(entries.map(\.narrative), [secret])
        XCTAssertEqual(entries.first?.attachments.first?.size, 300_000)
        let chain = try await restored.perform { try $0.verifyChain() }
        if case .intact = chain {} else { XCTFail("the restored chain verifies") }

        // A second restore into the now non-empty journal is refused, saying why.
        restored.backup.passphrase = passphrase
        await restored.backup.restore(from: copy)
        XCTAssertEqual(restored.backup.message, Strings.text(.backupJournalNotEmpty, in: .en) + " "
                       + Strings.text(.backupNothingChanged, in: .en))
    }

    func testWrongPassphraseAndDamagedBundleChangeNothing() async throws {
        let source = try VaultFixture()
        let model = try await vaultWithEntry(source)
        let folder = source.shellDirectory.appendingPathComponent("files")
        let copy = try await backUp(model, to: folder)

        let target = try VaultFixture()
        let restored = try await target.modelWithVault()
        restored.backup.passphrase = "not the right passphrase"
        await restored.backup.restore(from: copy)
        XCTAssertEqual(restored.backup.message, Strings.text(.backupWrongPassphrase, in: .en) + " "
                       + Strings.text(.backupNothingChanged, in: .en))

        var damaged = try Data(contentsOf: copy)
        damaged[damaged.count / 2] ^= 0xFF
        let damagedFile = folder.appendingPathComponent("damaged.haven")
        try damaged.write(to: damagedFile)
        restored.backup.passphrase = passphrase
        await restored.backup.restore(from: damagedFile)
        let message = try XCTUnwrap(restored.backup.message)
        XCTAssertTrue(message.hasSuffix(Strings.text(.backupNothingChanged, in: .en)), message)
        XCTAssertNotEqual(message, Strings.text(.somethingWentWrong, in: .en))

        let notABackup = folder.appendingPathComponent("notes.txt")
        try Data("hello".utf8).write(to: notABackup)
        restored.backup.passphrase = passphrase
        await restored.backup.restore(from: notABackup)
        XCTAssertTrue(try XCTUnwrap(restored.backup.message).hasSuffix(Strings.text(.backupNothingChanged, in: .en)))

        let entries = try await restored.perform { try $0.journalBetween(from: .distantPast, to: .distantFuture, includeHidden: true) }
        XCTAssertEqual(entries, [], "nothing was half-imported")
    }

    func testBackupRefusesAShortPassphraseAWrongPinAndLeavesNoFile() async throws {
        let fixture = try VaultFixture()
        let model = try await vaultWithEntry(fixture)
        model.backup.passphrase = "short"
        model.backup.passphraseConfirmation = "short"
        XCTAssertEqual(model.backup.passphraseAdvice, Strings.text(.passphraseTooShort, in: .en, 12))
        let short = await model.backup.prepareBackup()
        XCTAssertFalse(short)

        model.backup.passphrase = passphrase
        model.backup.passphraseConfirmation = passphrase
        model.backup.pin = TestPins.wrong
        let wrongPin = await model.backup.prepareBackup()
        XCTAssertFalse(wrongPin)
        XCTAssertEqual(model.backup.message, Strings.text(.wrongPin, in: .en))
        XCTAssertTrue(fixture.exports.isEmpty, "no file left behind")

        // A bundle waiting for the exporter is deleted by a lock.
        model.backup.passphrase = passphrase
        model.backup.passphraseConfirmation = passphrase
        model.backup.pin = TestPins.real
        let ready = await model.backup.prepareBackup()
        XCTAssertTrue(ready)
        model.scenePhaseChanged(.background)
        XCTAssertTrue(fixture.exports.isEmpty)
        XCTAssertNil(model.backup.bundleFile)
    }
}
