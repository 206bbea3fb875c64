import Foundation
import HavenCore
import XCTest
@testable import HavenAppLogic

/// "Restore from a backup" at setup, and the settings screen showing the erase-after-N
/// choice in force, against the real core.
@MainActor
final class SetupRestoreTests: XCTestCase {
    private let passphrase = "river stone quiet morning"
    private let secret = "He took my passport on the 3rd."

    /// A bundle exported by a first vault (one entry), as the file she would pick in Files.
    private func exportedBundle(into folder: URL) async throws -> URL {
        let source = try VaultFixture()
        let model = try await source.modelWithVault()
        model.journal.newEntry()
        model.journal.form.narrative = secret
        let saved = await model.journal.save()
        XCTAssertTrue(saved, model.alertMessage ?? "")
        model.backup.passphrase = passphrase
        model.backup.passphraseConfirmation = passphrase
        model.backup.pin = TestPins.real
        let ready = await model.backup.prepareBackup()
        XCTAssertTrue(ready, model.backup.message ?? "")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("backup.haven")
        try Data(contentsOf: try XCTUnwrap(model.backup.bundleFile)).write(to: copy)
        model.backup.backupFinished(saved: true)
        return copy
    }

    /// Fills the setup form of a fresh vault, with a backup picked and its passphrase.
    private func setupForm(_ fixture: VaultFixture, bundle: URL, passphrase: String) async -> AppModel {
        let model = fixture.makeModel()
        await model.start()
        XCTAssertEqual(model.phase, .setup)
        model.chooseSetupLanguage(.en)
        model.setupForm.pin = TestPins.real
        model.setupForm.pinConfirmation = TestPins.real
        model.setupForm.acknowledgedLimits = true
        model.setupForm.restoreEnabled = true
        model.chooseRestoreBundle(at: bundle)
        model.setupForm.restorePassphrase = passphrase
        return model
    }

    private func entries(_ model: AppModel) async throws -> [JournalEntry] {
        try await model.perform { try $0.journalBetween(from: .distantPast, to: .distantFuture, includeHidden: true) }
    }

    func testSetupRestoresABackupIntoTheNewVault() async throws {
        let fixture = try VaultFixture()
        let bundle = try await exportedBundle(into: fixture.shellDirectory.appendingPathComponent("files"))
        let model = await setupForm(fixture, bundle: bundle, passphrase: passphrase)
        XCTAssertEqual(model.setupForm.restoreFileName, "backup.haven")
        await model.submitSetup()
        XCTAssertEqual(model.setupIssues, [:])
        XCTAssertEqual(model.phase, .vault)
        XCTAssertEqual(model.alertMessage, Strings.text(.backupRestored, in: .en, 1))
        let restoredEntries = try await entries(model)
        XCTAssertEqual(restoredEntries.map(\.narrative), [secret])
        let chain = try await model.perform { try $0.verifyChain() }
        if case .intact = chain {} else { XCTFail("the restored chain verifies") }
        XCTAssertNil(model.setupForm.restoreBundle, "the bundle is not kept after setup")
        XCTAssertEqual(model.setupForm.restorePassphrase, "")
    }

    func testWrongPassphraseLeavesTheNewVaultEmptyAndUsable() async throws {
        let fixture = try VaultFixture()
        let bundle = try await exportedBundle(into: fixture.shellDirectory.appendingPathComponent("files"))
        let model = await setupForm(fixture, bundle: bundle, passphrase: "not the right passphrase")
        await model.submitSetup()
        XCTAssertEqual(model.phase, .vault, "the vault is created anyway")
        XCTAssertEqual(model.alertMessage, Strings.text(.backupWrongPassphrase, in: .en) + " "
                       + Strings.text(.setupRestoreNotDone, in: .en))
        let afterRefusal = try await entries(model)
        XCTAssertEqual(afterRefusal, [], "nothing half-imported")

        // Usable: the in-vault restore with the right passphrase then works.
        model.backup.passphrase = passphrase
        await model.backup.restore(from: bundle)
        XCTAssertEqual(model.backup.message, Strings.text(.backupRestored, in: .en, 1))
        let restoredEntries = try await entries(model)
        XCTAssertEqual(restoredEntries.map(\.narrative), [secret])
    }

    func testDamagedBundleLeavesTheNewVaultEmptyAndUsable() async throws {
        let fixture = try VaultFixture()
        let folder = fixture.shellDirectory.appendingPathComponent("files")
        let bundle = try await exportedBundle(into: folder)
        var damaged = try Data(contentsOf: bundle)
        damaged[damaged.count / 2] ^= 0xFF
        let damagedFile = folder.appendingPathComponent("damaged.haven")
        try damaged.write(to: damagedFile)

        let model = await setupForm(fixture, bundle: damagedFile, passphrase: passphrase)
        await model.submitSetup()
        XCTAssertEqual(model.phase, .vault)
        let message = try XCTUnwrap(model.alertMessage)
        XCTAssertTrue(message.hasSuffix(Strings.text(.setupRestoreNotDone, in: .en)), message)
        XCTAssertFalse(message.hasPrefix(Strings.text(.somethingWentWrong, in: .en)), message)
        let afterRefusal = try await entries(model)
        XCTAssertEqual(afterRefusal, [], "nothing half-imported")

        // Usable: an entry can be written.
        model.alertMessage = nil
        model.journal.newEntry()
        model.journal.form.narrative = "A new entry."
        let saved = await model.journal.save()
        XCTAssertTrue(saved, model.alertMessage ?? "")
        let written = try await entries(model)
        XCTAssertEqual(written.count, 1)
    }

    func testRestoreChoiceNeedsAFileAndAPassphraseAndAnUnreadableFileIsSaid() async throws {
        let fixture = try VaultFixture()
        let model = fixture.makeModel()
        await model.start()
        model.chooseSetupLanguage(.en)
        model.setupForm.pin = TestPins.real
        model.setupForm.pinConfirmation = TestPins.real
        model.setupForm.acknowledgedLimits = true
        model.setupForm.restoreEnabled = true
        await model.submitSetup()
        XCTAssertEqual(model.setupIssues, [.restoreFile: .restoreFileRequired, .restorePassphrase: .restorePassphraseRequired])
        XCTAssertEqual(model.phase, .setup, "no vault created")
        XCTAssertEqual(try fixture.state(), .notSetUp)

        model.chooseRestoreBundle(at: fixture.shellDirectory.appendingPathComponent("no-such-file"))
        XCTAssertEqual(model.setupIssues[.restoreFile], .restoreFileUnreadable)
        XCTAssertNil(model.setupForm.restoreBundle)

        // Exit forgets the picked bundle and its passphrase.
        model.setupForm.restorePassphrase = passphrase
        model.exit()
        XCTAssertEqual(model.setupForm.restorePassphrase, "")
        XCTAssertNil(model.setupForm.restoreFileName)
    }

    func testSettingsShowTheEraseAfterChoiceInForce() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        let settings = model.settings
        XCTAssertNil(settings.currentWipeAfterText, "nothing shown before it was read")
        await settings.load()
        XCTAssertNil(settings.currentWipeAfter)
        XCTAssertFalse(settings.wipeAfterEnabled)
        XCTAssertEqual(settings.currentWipeAfterText, Strings.text(.wipeAfterNowOff, in: .en))

        settings.currentPin = TestPins.real
        settings.wipeAfterEnabled = true
        settings.wipeAfterCount = 7
        await settings.setWipeAfter()
        XCTAssertEqual(settings.done, .wipeAfter)
        XCTAssertEqual(settings.currentWipeAfter, 7, "read back from the core after the change")
        XCTAssertEqual(settings.currentWipeAfterText, Strings.text(.wipeAfterNowOn, in: .en, 7))

        // After a lock and a new unlock, opening settings shows the stored choice again.
        model.exit()
        XCTAssertNil(settings.currentWipeAfter)
        XCTAssertEqual(settings.wipeAfterCount, 10)
        await model.enter(pin: TestPins.real)
        XCTAssertEqual(model.phase, .vault)
        await settings.load()
        XCTAssertEqual(settings.currentWipeAfter, 7)
        XCTAssertTrue(settings.wipeAfterEnabled)
        XCTAssertEqual(settings.wipeAfterCount, 7)

        // A wrong PIN changes nothing: the shown choice stays.
        settings.currentPin = TestPins.wrong
        settings.wipeAfterEnabled = false
        await settings.setWipeAfter()
        XCTAssertEqual(settings.issues[.currentPin], .wrongPin)
        XCTAssertEqual(settings.currentWipeAfter, 7)

        settings.currentPin = TestPins.real
        await settings.setWipeAfter()
        XCTAssertNil(settings.currentWipeAfter)
        XCTAssertEqual(settings.currentWipeAfterText, Strings.text(.wipeAfterNowOff, in: .en))
    }

    func testSetupWithWipeAfterShowsInSettings() async throws {
        let fixture = try VaultFixture()
        let model = fixture.makeModel()
        await model.start()
        model.chooseSetupLanguage(.ru)
        model.setupForm.pin = TestPins.real
        model.setupForm.pinConfirmation = TestPins.real
        model.setupForm.acknowledgedLimits = true
        model.setupForm.wipeAfterEnabled = true
        model.setupForm.wipeAfterCount = 50
        await model.submitSetup()
        XCTAssertEqual(model.phase, .vault)
        await model.settings.load()
        XCTAssertEqual(model.settings.currentWipeAfterText, Strings.text(.wipeAfterNowOn, in: .ru, 50))
    }
}
