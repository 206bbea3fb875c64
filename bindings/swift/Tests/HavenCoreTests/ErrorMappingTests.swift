import Foundation
import XCTest
@testable import HavenCore

/// Every public error variant a shell can reach, reached from Swift (see the Kotlin twin for
/// the variants that cannot be reached from outside: Throttled, SchemaTooNew, Internal).
final class ErrorMappingTests: XCTestCase {
    private func assertNoSecret(_ error: Error, _ secrets: String..., file: StaticString = #filePath, line: UInt = #line) {
        let texts = [String(describing: error), error.localizedDescription]
        for text in texts {
            for secret in secrets {
                XCTAssertFalse(text.contains(secret), "error text quotes an input: \(text)", file: file, line: line)
            }
        }
    }

    func testInvalidInputNamesTheFieldNeverTheValue() throws {
        let v = try TempVault()
        do {
            _ = try v.haven.setup(pin: "12ab56", duressPin: nil, options: options())
            XCTFail("accepted")
        } catch let error as HavenError {
            guard case let .InvalidInput(field, reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "pin")
            XCTAssertEqual(reason, "must contain digits only")
            assertNoSecret(error, "12ab56")
        }
        do {
            _ = try v.haven.setup(pin: PIN, duressPin: PIN, options: options())
            XCTFail("accepted")
        } catch let error as HavenError {
            guard case let .InvalidInput(field, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "duress_pin")
            assertNoSecret(error, PIN)
        }
        XCTAssertEqual(try v.haven.state(), .notSetUp)
    }

    func testNotSetUpAndAlreadySetUp() throws {
        let v = try TempVault()
        assertHavenError(try v.haven.unlock(pin: PIN)) { if case .NotSetUp = $0 { return true }; return false }
        _ = try v.setup()
        assertHavenError(try v.haven.setup(pin: NEW_PIN, duressPin: nil, options: options())) {
            if case .AlreadySetUp = $0 { return true }; return false
        }
    }

    func testLockedAfterQuickExit() throws {
        let v = try TempVault()
        let s = try v.setup()
        v.haven.quickExit()
        assertHavenError(try s.locale(), isLocked)
    }

    func testProtectorUnavailableIsNotAWrongPin() throws {
        let v = try TempVault()
        _ = try v.setup()
        v.haven.lock()
        v.protector.mode = .keyLost
        assertHavenError(try v.haven.unlock(pin: PIN)) { if case .ProtectorUnavailable = $0 { return true }; return false }
        v.protector.mode = .working
        try v.protector.destroyKey()
        assertHavenError(try v.haven.unlock(pin: PIN)) { if case .ProtectorUnavailable = $0 { return true }; return false }
    }

    func testProtectorFailedWhenTheKeyStoreThrowsSomethingUndeclared() throws {
        let v = try TempVault()
        v.protector.mode = .broken
        assertHavenError(try v.haven.setup(pin: PIN, duressPin: nil, options: options())) {
            if case .ProtectorFailed = $0 { return true }; return false
        }
        v.protector.mode = .working
        XCTAssertTrue(try v.setup().isOpen())
    }

    func testCorruptKeysFileAndCorruptDatabase() throws {
        do {
            let v = try TempVault()
            _ = try v.setup()
            v.haven.lock()
            var bytes = [UInt8](try Data(contentsOf: v.file("k")))
            bytes[bytes.count / 2] ^= 0x40
            try Data(bytes).write(to: v.file("k"))
            assertHavenError(try v.haven.unlock(pin: PIN)) {
                if case let .Corrupt(what) = $0 { return what == "keys file" }; return false
            }
        }
        do {
            let v = try TempVault()
            _ = try v.setup()
            v.haven.lock()
            try Data(repeating: 0x5a, count: 8192).write(to: v.file("a.db"))
            try? FileManager.default.removeItem(at: v.file("a.db-wal"))
            try? FileManager.default.removeItem(at: v.file("a.db-shm"))
            assertHavenError(try v.haven.unlock(pin: PIN)) {
                if case let .Corrupt(what) = $0 { return what == "database" }; return false
            }
        }
    }

    func testMissingFile() throws {
        let v = try TempVault()
        _ = try v.setup()
        v.haven.lock()
        try FileManager.default.removeItem(at: v.file("a.db"))
        assertHavenError(try v.haven.unlock(pin: PIN)) {
            if case let .MissingFile(what) = $0 { return what == "database" }; return false
        }
    }

    func testStorageCarriesSqlitesCode() throws {
        let v = try TempVault()
        _ = try v.setup()
        v.haven.lock()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(at: v.file("a.db" + suffix)) }
        try FileManager.default.createDirectory(at: v.file("a.db"), withIntermediateDirectories: false)
        assertHavenError(try v.haven.unlock(pin: PIN)) {
            if case let .Storage(code) = $0 { return code == 14 }; return false  // SQLITE_CANTOPEN
        }
    }

    func testIoNamesTheOperationAndKindNeverThePath() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("haven-swift-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("not-a-directory")
        try Data([1]).write(to: file)
        do {
            _ = try Haven.newInsecureForTests(dataDir: file.appendingPathComponent("data").path, protector: TestProtector())
            XCTFail("accepted")
        } catch let error as HavenError {
            guard case let .Io(op, kind) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(op, "create the data directory")
            XCTAssertEqual(kind, "NotADirectory")
            assertNoSecret(error, root.path)
        }
    }
}
