import Foundation
import HavenAppLogic
import HavenCore
import XCTest

/// The Keychain protector, on a simulator or device (NOT run on Linux: no Keychain there).
/// The simulator has no Secure Enclave, so it exercises the Keychain-key format; a device
/// exercises the Secure Enclave format.
final class KeychainKeyProtectorTests: XCTestCase {
    private var protector: KeychainKeyProtector!

    override func setUpWithError() throws {
        // A service of its own, so the tests never touch the app's real key.
        protector = KeychainKeyProtector(service: "test.\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try protector.destroyKey()
    }

    func testSealOpenRoundTrip() throws {
        let plaintext = Data((0..<300).map { UInt8($0 % 251) })
        let sealed = try protector.seal(plaintext: plaintext)
        XCTAssertNotEqual(sealed, plaintext)
        XCTAssertNil(sealed.range(of: plaintext), "the plaintext must not appear in the sealed bytes")
        XCTAssertEqual(try protector.unseal(sealed: sealed), plaintext)
        // A second seal reuses the same key and still opens.
        XCTAssertEqual(try protector.unseal(sealed: protector.seal(plaintext: plaintext)), plaintext)
    }

    func testAlteredBytesAreRefused() throws {
        var sealed = try protector.seal(plaintext: Data("slots".utf8))
        sealed[sealed.count - 1] ^= 0x01
        XCTAssertThrowsError(try protector.unseal(sealed: sealed)) { error in
            XCTAssertEqual(error as? ProtectorFailure, .Failed)
        }
    }

    func testDestroyedKeyIsReportedAsUnavailable() throws {
        let sealed = try protector.seal(plaintext: Data("slots".utf8))
        try protector.destroyKey()
        try protector.destroyKey() // idempotent
        XCTAssertThrowsError(try protector.unseal(sealed: sealed)) { error in
            XCTAssertEqual(error as? ProtectorFailure, .KeyUnavailable)
        }
    }

    func testAVaultSealedByTheKeychainOpensAndWipes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: directory) }
        let haven = try Haven(dataDir: directory.path, protector: protector)
        _ = try haven.setup(pin: "284619", duressPin: nil, options: SetupOptions(
            locale: .en, duress: DuressSettings(behaviour: .nothingHere, shredReal: false), wipeAfterFailures: nil))
        haven.quickExit()
        guard case .opened = try haven.unlock(pin: "284619") else {
            return XCTFail("the real PIN must open the vault")
        }
        try haven.wipe()
        XCTAssertEqual(try haven.state(), .notSetUp)
    }
}
