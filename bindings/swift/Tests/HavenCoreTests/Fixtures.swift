import CLibCrypto
import Foundation
import XCTest
@testable import HavenCore

let PIN = "246810"
let DURESS_PIN = "135790"
let WRONG_PIN = "111111"
let NEW_PIN = "97531086"

/// An error the key store throws that the protocol does not declare.
struct KeyStoreExploded: Error {}

/// A KeyProtector in Swift, as the iOS shell writes one (a new AES-256-GCM sealing key per seal,
/// named in the sealed bytes; older ones retired; an HMAC-SHA256 mixing key), but with in-memory
/// keys (OpenSSL's EVP here; CryptoKit and the Keychain on iOS). `mode` simulates the platform's
/// failures.
final class TestProtector: KeyProtector, @unchecked Sendable {
    enum Mode {
        case working
        /// The platform key is gone: every call says keyUnavailable.
        case keyLost
        /// The key store throws something undeclared.
        case broken
    }

    private static let idBytes = 16
    private let lock = NSLock()
    private var sealingKeys: [Data: [UInt8]] = [:]
    private var mixingKey: [UInt8]?
    private var _mode = Mode.working
    private var _seals = 0
    private var _mixes = 0
    private var _destroys = 0

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock(); defer { lock.unlock() }
        return try body()
    }

    var mode: Mode {
        get { locked { _mode } }
        set { locked { _mode = newValue } }
    }
    var seals: Int { locked { _seals } }
    var mixes: Int { locked { _mixes } }
    var destroys: Int { locked { _destroys } }
    var hasKey: Bool { locked { !sealingKeys.isEmpty || mixingKey != nil } }
    /// How many sealing keys exist now (one, once the core has retired the others).
    var sealingKeyCount: Int { locked { sealingKeys.count } }

    private func checkMode() throws {
        switch mode {
        case .working: break
        case .keyLost: throw ProtectorFailure.KeyUnavailable
        case .broken: throw KeyStoreExploded()
        }
    }

    private static func keyId(_ sealed: Data) throws -> Data {
        guard sealed.count >= idBytes + 12 + 16 else { throw ProtectorFailure.Failed }
        return Data(sealed.prefix(idBytes))
    }

    func seal(plaintext: Data) throws -> Data {
        try checkMode()
        let id = randomBytes(Self.idBytes)
        let key = randomBytes(32)
        locked {
            _seals += 1
            sealingKeys[Data(id)] = key
        }
        let iv = randomBytes(12)
        return Data(id + iv + aesGcmSeal(key: key, iv: iv, plaintext: [UInt8](plaintext)))
    }

    func unseal(sealed: Data) throws -> Data {
        try checkMode()
        let id = try Self.keyId(sealed)
        guard let key = locked({ sealingKeys[id] }) else { throw ProtectorFailure.KeyUnavailable }
        let bytes = [UInt8](sealed.dropFirst(Self.idBytes))
        guard let plain = aesGcmOpen(key: key, iv: Array(bytes[0..<12]), sealed: Array(bytes[12...]))
        else { throw ProtectorFailure.Failed }
        return Data(plain)
    }

    func retireOtherKeys(sealed: Data) throws {
        try checkMode()
        let keep = try Self.keyId(sealed)
        locked { sealingKeys = sealingKeys.filter { $0.key == keep } }
    }

    func deviceMix(input: Data) throws -> Data {
        try checkMode()
        let key: [UInt8] = locked {
            _mixes += 1
            if let mixingKey { return mixingKey }
            let fresh = randomBytes(32)
            mixingKey = fresh
            return fresh
        }
        return Data(hmacSha256(key: key, data: [UInt8](input)))
    }

    func destroyKey() throws {
        try checkMode()
        locked {
            _destroys += 1
            sealingKeys = [:]
            mixingKey = nil
        }
    }
}

/// HMAC-SHA256 through OpenSSL.
func hmacSha256(key: [UInt8], data: [UInt8]) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: 32)
    var length: UInt32 = 0
    precondition(HMAC(EVP_sha256(), key, Int32(key.count), data, data.count, &out, &length) != nil)
    return Array(out[0..<Int(length)])
}

func randomBytes(_ n: Int) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: n)
    precondition(RAND_bytes(&bytes, Int32(n)) == 1)
    return bytes
}

// EVP_CTRL_GCM_GET_TAG / EVP_CTRL_GCM_SET_TAG (macros of macros, not imported by Swift).
private let GCM_GET_TAG: Int32 = 0x10
private let GCM_SET_TAG: Int32 = 0x11

/// AES-256-GCM: ciphertext followed by the 16-byte tag.
func aesGcmSeal(key: [UInt8], iv: [UInt8], plaintext: [UInt8]) -> [UInt8] {
    let ctx = EVP_CIPHER_CTX_new()!
    defer { EVP_CIPHER_CTX_free(ctx) }
    precondition(EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nil, key, iv) == 1)
    var out = [UInt8](repeating: 0, count: plaintext.count + 16)
    var len: Int32 = 0
    precondition(EVP_EncryptUpdate(ctx, &out, &len, plaintext, Int32(plaintext.count)) == 1)
    var total = Int(len)
    var rest = [UInt8](repeating: 0, count: 16)
    precondition(EVP_EncryptFinal_ex(ctx, &rest, &len) == 1)
    out.replaceSubrange(total..<(total + Int(len)), with: rest[0..<Int(len)])
    total += Int(len)
    var tag = [UInt8](repeating: 0, count: 16)
    precondition(EVP_CIPHER_CTX_ctrl(ctx, GCM_GET_TAG, 16, &tag) == 1)
    return Array(out[0..<total]) + tag
}

/// Opens what `aesGcmSeal` made; nil if it does not authenticate.
func aesGcmOpen(key: [UInt8], iv: [UInt8], sealed: [UInt8]) -> [UInt8]? {
    let body = Array(sealed[0..<(sealed.count - 16)])
    var tag = Array(sealed[(sealed.count - 16)...])
    let ctx = EVP_CIPHER_CTX_new()!
    defer { EVP_CIPHER_CTX_free(ctx) }
    guard EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nil, key, iv) == 1 else { return nil }
    var out = [UInt8](repeating: 0, count: body.count + 16)
    var len: Int32 = 0
    guard EVP_DecryptUpdate(ctx, &out, &len, body, Int32(body.count)) == 1 else { return nil }
    let total = Int(len)
    guard EVP_CIPHER_CTX_ctrl(ctx, GCM_SET_TAG, 16, &tag) == 1 else { return nil }
    var rest = [UInt8](repeating: 0, count: 16)
    guard EVP_DecryptFinal_ex(ctx, &rest, &len) > 0 else { return nil }
    return Array(out[0..<total])
}

func options(
    locale: HavenLocale = .en,
    behaviour: DuressBehaviour = .nothingHere,
    shredReal: Bool = false,
    wipeAfter: UInt32? = nil
) -> SetupOptions {
    SetupOptions(
        locale: locale,
        duress: DuressSettings(behaviour: behaviour, shredReal: shredReal),
        wipeAfterFailures: wipeAfter
    )
}

/// A Haven (fast insecure KDF: tests only) over a fresh temporary directory.
final class TempVault {
    let root: URL
    let dataDir: URL
    let protector = TestProtector()
    let haven: Haven

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("haven-swift-\(UUID().uuidString)")
        dataDir = root.appendingPathComponent("data")
        haven = try Haven.newInsecureForTests(dataDir: dataDir.path, protector: protector)
    }

    func setup(duressPin: String? = nil, options: SetupOptions = options()) throws -> Session {
        try haven.setup(pin: PIN, duressPin: duressPin, options: options)
    }

    func file(_ name: String) -> URL { dataDir.appendingPathComponent(name) }

    deinit {
        haven.quickExit()
        try? FileManager.default.removeItem(at: root)
    }
}

/// Unlocks and returns the session, failing on any other outcome.
func open(_ haven: Haven, _ pin: String, file: StaticString = #filePath, line: UInt = #line) throws -> Session {
    switch try haven.unlock(pin: pin) {
    case let .opened(session): return session
    case let other:
        XCTFail("expected the vault to open, got \(other)", file: file, line: line)
        throw KeyStoreExploded()
    }
}

func isNotOpened(_ result: UnlockResult) -> Bool {
    if case .notOpened = result { return true }
    return false
}

func isOpened(_ result: UnlockResult) -> Bool {
    if case .opened = result { return true }
    return false
}

/// Asserts that `body` throws the HavenError that `matches` accepts.
func assertHavenError<T>(
    _ body: @autoclosure () throws -> T,
    file: StaticString = #filePath,
    line: UInt = #line,
    _ matches: (HavenError) -> Bool
) {
    do {
        _ = try body()
        XCTFail("expected an error", file: file, line: line)
    } catch let error as HavenError {
        XCTAssertTrue(matches(error), "unexpected error \(error)", file: file, line: line)
    } catch {
        XCTFail("not a HavenError: \(error)", file: file, line: line)
    }
}

func isLocked(_ e: HavenError) -> Bool {
    if case .Locked = e { return true }
    return false
}
