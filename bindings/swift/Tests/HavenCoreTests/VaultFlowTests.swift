import Foundation
import XCTest
@testable import HavenCore

/// The whole life of a vault, through the generated Swift and the real library.
final class VaultFlowTests: XCTestCase {
    func testSetupLockUnlockSettingsPinsQuickExitWipe() throws {
        let v = try TempVault()
        XCTAssertEqual(try v.haven.state(), .notSetUp)
        let first = try v.setup(options: options(locale: .ru))
        XCTAssertTrue(first.isOpen())
        XCTAssertEqual(try v.haven.state(), .unlocked)
        XCTAssertEqual(try first.locale(), .ru)
        XCTAssertGreaterThan(v.protector.seals, 0, "the keys file went through the Swift protector")
        XCTAssertGreaterThanOrEqual(v.protector.mixes, 2, "both setup derivations used the device mix")
        XCTAssertEqual(v.protector.sealingKeyCount, 1, "every older sealing key was retired")
        XCTAssertEqual(first.space(), .full)

        v.haven.lock()
        XCTAssertFalse(first.isOpen())
        XCTAssertEqual(try v.haven.state(), .locked)
        assertHavenError(try first.locale(), isLocked)

        XCTAssertTrue(isNotOpened(try v.haven.unlock(pin: WRONG_PIN)))
        do {
            let s = try open(v.haven, PIN)
            XCTAssertEqual(try s.locale(), .ru)
            try s.setLocale(locale: .kk)
            XCTAssertEqual(try s.locale(), .kk)
            try s.verifyPin(pin: PIN)
            assertHavenError(try s.verifyPin(pin: WRONG_PIN)) {
                if case let .InvalidInput(field, _) = $0 { return field == "pin" }
                return false
            }
            try s.setWipeAfterFailures(current: PIN, after: 10)
            assertHavenError(try s.setWipeAfterFailures(current: PIN, after: 2)) {
                if case .InvalidInput = $0 { return true }
                return false
            }
            try s.setWipeAfterFailures(current: PIN, after: nil)
            try s.setDuressPin(
                current: PIN, duressPin: DURESS_PIN,
                settings: DuressSettings(behaviour: .openDecoy, shredReal: false))
            try s.clearDuressPin(current: PIN)
            try s.changePin(current: PIN, newPin: NEW_PIN)
            XCTAssertTrue(s.isOpen())
            XCTAssertEqual(try v.haven.currentSession()?.locale(), .kk)
        }

        // Quick exit: instant, idempotent; every session call then fails with Locked.
        let s = try open(v.haven, NEW_PIN)
        let started = Date()
        v.haven.quickExit()
        let took = Date().timeIntervalSince(started)
        v.haven.quickExit()
        XCTAssertLessThan(took, 0.1)
        XCTAssertFalse(s.isOpen())
        XCTAssertNil(v.haven.currentSession())
        assertHavenError(try s.locale(), isLocked)
        assertHavenError(try s.setLocale(locale: .en), isLocked)
        assertHavenError(try s.verifyPin(pin: NEW_PIN), isLocked)
        assertHavenError(try s.changePin(current: NEW_PIN, newPin: PIN), isLocked)
        assertHavenError(try s.clearDuressPin(current: NEW_PIN), isLocked)
        assertHavenError(
            try s.setDuressPin(
                current: NEW_PIN, duressPin: DURESS_PIN,
                settings: DuressSettings(behaviour: .nothingHere, shredReal: false)),
            isLocked)
        assertHavenError(try s.setWipeAfterFailures(current: NEW_PIN, after: nil), isLocked)

        XCTAssertTrue(isNotOpened(try v.haven.unlock(pin: PIN)))
        XCTAssertEqual(try open(v.haven, NEW_PIN).locale(), .kk)

        // Wipe: the platform key first, then every file; back to NotSetUp.
        let openSession = try XCTUnwrap(v.haven.currentSession())
        try v.haven.wipe()
        XCTAssertFalse(openSession.isOpen())
        XCTAssertEqual(v.protector.destroys, 1)
        XCTAssertFalse(v.protector.hasKey)
        XCTAssertEqual(try v.haven.state(), .notSetUp)
        XCTAssertFalse(FileManager.default.fileExists(atPath: v.file("k").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: v.file("a.db").path))
        assertHavenError(try v.haven.unlock(pin: NEW_PIN)) {
            if case .NotSetUp = $0 { return true }
            return false
        }
        XCTAssertTrue(try v.setup().isOpen())
    }

    func testDuressOpenDecoyShowsTheDecoyNeverTheRealVault() throws {
        let v = try TempVault()
        try v.setup(duressPin: DURESS_PIN, options: options(behaviour: .openDecoy)).setLocale(locale: .kk)
        v.haven.lock()
        let decoy = try open(v.haven, DURESS_PIN)
        XCTAssertEqual(decoy.space(), .notes)
        XCTAssertEqual(try decoy.locale(), .en, "the decoy keeps the setup language")
        let note = try decoy.addNote(text: "Buy bread")
        XCTAssertEqual(try decoy.updateNote(id: note.id, text: "Milk").text, "Milk")
        assertHavenError(try decoy.setWipeAfterFailures(current: DURESS_PIN, after: 5)) {
            if case .WrongSpace = $0 { return true }
            return false
        }
        // Only the duress PIN passes there; the real PIN is answered like a wrong one.
        try decoy.verifyPin(pin: DURESS_PIN)
        for pin in [PIN, WRONG_PIN] {
            assertHavenError(try decoy.verifyPin(pin: pin)) {
                if case let .InvalidInput(field, reason) = $0 {
                    return field == "pin" && reason == "is not correct"
                }
                return false
            }
        }
        v.haven.lock()
        let real = try open(v.haven, PIN)
        XCTAssertEqual(try real.locale(), .kk)
        let notes = try real.decoyNotes(pin: PIN)
        XCTAssertEqual(try notes.listNotes().map(\.text), ["Milk"])
        v.haven.lock()
        XCTAssertEqual(try open(v.haven, DURESS_PIN).locale(), .en)
    }

    func testAnOlderKeysFileWrittenBackOpensNothing() throws {
        let v = try TempVault()
        _ = try v.setup()
        v.haven.lock()
        let saved = try Data(contentsOf: v.file("k"))
        for _ in 0..<5 { XCTAssertTrue(isNotOpened(try v.haven.unlock(pin: WRONG_PIN))) }
        try saved.write(to: v.file("k"))
        assertHavenError(try v.haven.unlock(pin: PIN)) {
            if case .ProtectorUnavailable = $0 { return true }
            return false
        }
        XCTAssertEqual(v.protector.sealingKeyCount, 1)
    }

    func testWeakPinsAreRefusedBySetup() throws {
        let v = try TempVault()
        XCTAssertTrue(pinIsWeak(pin: "123456"))
        XCTAssertFalse(pinIsWeak(pin: PIN))
        assertHavenError(try v.haven.setup(pin: "121212", duressPin: nil, options: options())) {
            if case let .InvalidInput(field, reason) = $0 {
                return field == "pin" && reason == "is too easy to guess"
            }
            return false
        }
    }

    func testDuressNothingHereBehavesLikeAWrongPin() throws {
        let v = try TempVault()
        _ = try v.setup(duressPin: DURESS_PIN, options: options(behaviour: .nothingHere))
        v.haven.lock()
        XCTAssertTrue(isNotOpened(try v.haven.unlock(pin: DURESS_PIN)))
        XCTAssertTrue(isNotOpened(try v.haven.unlock(pin: WRONG_PIN)))
        XCTAssertEqual(try v.haven.state(), .locked)
        XCTAssertTrue(isOpened(try v.haven.unlock(pin: PIN)))
    }

    func testDuressShredRealDestroysTheRealKey() throws {
        let v = try TempVault()
        _ = try v.setup(duressPin: DURESS_PIN, options: options(behaviour: .openDecoy, shredReal: true))
        v.haven.lock()
        XCTAssertTrue(isOpened(try v.haven.unlock(pin: DURESS_PIN)))
        v.haven.lock()
        XCTAssertTrue(isNotOpened(try v.haven.unlock(pin: PIN)))
    }

    func testWrongPinsLockOutAndAttemptsAreNotTried() throws {
        let v = try TempVault()
        _ = try v.setup()
        v.haven.lock()
        for _ in 0..<5 { XCTAssertTrue(isNotOpened(try v.haven.unlock(pin: WRONG_PIN))) }
        guard case let .lockedOut(until) = try v.haven.state() else {
            return XCTFail("expected lockedOut")
        }
        XCTAssertGreaterThan(until, Date())
        XCTAssertLessThan(until, Date().addingTimeInterval(120))
        guard case let .throttled(again) = try v.haven.unlock(pin: PIN) else {
            return XCTFail("expected throttled")
        }
        XCTAssertEqual(again, until)
    }

    func testOptInWipeAfterFailures() throws {
        let v = try TempVault()
        _ = try v.setup(options: options(wipeAfter: 5))
        v.haven.lock()
        for _ in 0..<5 { _ = try v.haven.unlock(pin: WRONG_PIN) }
        XCTAssertEqual(try v.haven.state(), .notSetUp)
        XCTAssertEqual(v.protector.destroys, 1)
    }

    func testTheVaultSurvivesANewHaven() throws {
        let v = try TempVault()
        _ = try v.setup(options: options(locale: .kk))
        v.haven.quickExit()
        let restarted = try Haven.newInsecureForTests(dataDir: v.dataDir.path, protector: v.protector)
        XCTAssertEqual(try restarted.state(), .locked)
        XCTAssertEqual(try open(restarted, PIN).locale(), .kk)
        restarted.quickExit()
    }
}
