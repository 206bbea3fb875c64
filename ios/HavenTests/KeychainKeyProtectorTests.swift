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
        // A second seal makes a new key; both open until the older one is retired.
        let newer = try protector.seal(plaintext: plaintext)
        XCTAssertEqual(try protector.unseal(sealed: newer), plaintext)
        XCTAssertEqual(try protector.unseal(sealed: sealed), plaintext)
    }

    func testRetiringMakesAnOlderSealedFileUseless() throws {
        let old = try protector.seal(plaintext: Data("slots".utf8))
        let current = try protector.seal(plaintext: Data("slots".utf8))
        try protector.retireOtherKeys(sealed: current)
        XCTAssertEqual(try protector.unseal(sealed: current), Data("slots".utf8))
        XCTAssertThrowsError(try protector.unseal(sealed: old)) { error in
            XCTAssertEqual(error as? ProtectorFailure, .KeyUnavailable)
        }
    }

    func testDeviceMixIsAStableKeyedFunction() throws {
        let a = Data(repeating: 1, count: 32)
        let mixA = try protector.deviceMix(input: a)
        XCTAssertEqual(mixA.count, 32)
        XCTAssertEqual(try protector.deviceMix(input: a), mixA)
        XCTAssertNotEqual(try protector.deviceMix(input: Data(repeating: 2, count: 32)), mixA)
        try protector.destroyKey()
        XCTAssertNotEqual(try protector.deviceMix(input: a), mixA, "a new mixing key after destroy")
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
