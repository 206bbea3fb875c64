#if canImport(Security) && canImport(CryptoKit) && canImport(LocalAuthentication)
import CryptoKit
import Foundation
import HavenCore
import LocalAuthentication
import Security

/// The iOS `KeyProtector`: seals the vault's keys file with keys that never leave this device,
/// and lends the device to every PIN guess, so that a copy of the data directory (a backup, a
/// repair shop) is useless elsewhere, every guess has to run on this phone, and an old copy of
/// the keys file written back opens no more.
///
/// **Sealing keys, one per write.** Each `seal` makes a new random AES-256 key, stores it as its
/// own Keychain item (account `k.<hex id>`) and encrypts with AES-GCM. Sealed layout:
/// `0x03 | key id (16) | nonce | ciphertext | tag`, the format byte and id authenticated as
/// associated data. Once the core has made a sealed file durable it calls `retireOtherKeys`,
/// which deletes every other sealing item: a restored older file names a deleted key.
///
/// **The mixing key, one per vault.** `deviceMix(input)` is, with a Secure Enclave (every iPhone
/// since the 5s; not the simulator), an ECDH agreement between a P-256 key created inside the
/// enclave (its private half never leaves it; the Keychain holds only the enclave's encrypted
/// handle) and a public key derived from the input, then HKDF-SHA256. Without one it is
/// HMAC-SHA256 under a random key stored in the Keychain. Either way the same input gives the
/// same 32 bytes on this device only.
///
/// Every item is `kSecAttrAccessibleWhenPasscodeSetThisDeviceOnly`: never in a backup, never
/// migrated to another device, and deleted by iOS if she removes the phone's passcode (the
/// vault then reports the key as unavailable). On a phone with no passcode that class cannot be
/// used; the protector then falls back to `kSecAttrAccessibleWhenUnlockedThisDeviceOnly` and
/// `isPasscodeBound` is false, so the setup screen can tell her.
///
/// NOT COMPILED on Linux (no Security/CryptoKit there); see ios/README.md.
public final class KeychainKeyProtector: KeyProtector, @unchecked Sendable {
    private static let format: UInt8 = 0x03
    private static let idBytes = 16
    private static let sealingPrefix = "k."
    private static let enclaveMixAccount = "m.1"
    private static let keychainMixAccount = "m.2"
    private static let mixInfo = Data("haven device mix v1".utf8)

    /// A neutral service name: a Keychain listing should say nothing about a safety app.
    private let service: String

    public init(service: String = "c.k") {
        self.service = service
    }

    /// Whether keys are bound to the device passcode (false on a phone without a passcode).
    public static var isPasscodeBound: Bool {
        LAContext().canEvaluatePolicy(.deviceOwnerAuthentication, error: nil)
    }

    private static var accessibility: CFString {
        isPasscodeBound ? kSecAttrAccessibleWhenPasscodeSetThisDeviceOnly : kSecAttrAccessibleWhenUnlockedThisDeviceOnly
    }

    // MARK: KeyProtector

    public func seal(plaintext: Data) throws -> Data {
        let id = SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) }
        let raw = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        try storeItem(account: Self.sealingAccount(id), data: raw)
        let header = Data([Self.format]) + id
        do {
            let box = try AES.GCM.seal(plaintext, using: SymmetricKey(data: raw), authenticating: header)
            guard let combined = box.combined else { throw ProtectorFailure.Failed }
            return header + combined
        } catch {
            throw ProtectorFailure.Failed
        }
    }

    public func unseal(sealed: Data) throws -> Data {
        let id = try Self.keyId(sealed)
        guard let raw = try loadItem(account: Self.sealingAccount(id)) else {
            throw ProtectorFailure.KeyUnavailable
        }
        let header = sealed.prefix(1 + Self.idBytes)
        do {
            let box = try AES.GCM.SealedBox(combined: sealed.dropFirst(1 + Self.idBytes))
            return try AES.GCM.open(box, using: SymmetricKey(data: raw), authenticating: header)
        } catch {
            throw ProtectorFailure.Failed
        }
    }

    public func retireOtherKeys(sealed: Data) throws {
        let keep = Self.sealingAccount(try Self.keyId(sealed))
        for account in try sealingAccounts() where account != keep {
            try deleteItem(account: account)
        }
    }

    public func deviceMix(input: Data) throws -> Data {
        do {
            if let handle = try loadItem(account: Self.enclaveMixAccount) {
                return try Self.enclaveMix(input, handle: handle)
            }
            if let raw = try loadItem(account: Self.keychainMixAccount) {
                return Self.keyMix(input, raw: raw)
            }
            // First use: the mixing key, in the Secure Enclave when there is one.
            if SecureEnclave.isAvailable {
                return try Self.enclaveMix(input, handle: createEnclaveKey())
            }
            let raw = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
            try storeItem(account: Self.keychainMixAccount, data: raw)
            return Self.keyMix(input, raw: raw)
        } catch let failure as ProtectorFailure {
            throw failure
        } catch {
            // An enclave handle the enclave no longer accepts, an input that makes no key.
            throw ProtectorFailure.Failed
        }
    }

    public func destroyKey() throws {
        // Every item of this service: sealing keys and the mixing key.
        let status = SecItemDelete([
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
        ] as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else {
            throw ProtectorFailure.Failed
        }
    }

    // MARK: Keys

    private static func keyId(_ sealed: Data) throws -> Data {
        guard sealed.count > 1 + idBytes + 12 + 16, sealed.first == format else {
            throw ProtectorFailure.Failed
        }
        return sealed.dropFirst().prefix(idBytes)
    }

    private static func sealingAccount(_ id: Data) -> String {
        sealingPrefix + id.map { String(format: "%02x", $0) }.joined()
    }

    /// The enclave key agrees a secret with a public key derived from the input: only this
    /// enclave can compute it, and a different input gives an unrelated result.
    private static func enclaveMix(_ input: Data, handle: Data) throws -> Data {
        let enclaveKey = try SecureEnclave.P256.KeyAgreement.PrivateKey(dataRepresentation: handle)
        let scalar = Data(SHA256.hash(data: input))
        let peer = try P256.KeyAgreement.PrivateKey(rawRepresentation: scalar).publicKey
        let secret = try enclaveKey.sharedSecretFromKeyAgreement(with: peer)
        return secret.hkdfDerivedSymmetricKey(using: SHA256.self, salt: input, sharedInfo: mixInfo,
                                              outputByteCount: 32).withUnsafeBytes { Data($0) }
    }

    private static func keyMix(_ input: Data, raw: Data) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: input, using: SymmetricKey(data: raw)))
    }

    private func createEnclaveKey() throws -> Data {
        var error: Unmanaged<CFError>?
        guard let access = SecAccessControlCreateWithFlags(nil, Self.accessibility, .privateKeyUsage, &error) else {
            throw ProtectorFailure.Failed
        }
        let key = try SecureEnclave.P256.KeyAgreement.PrivateKey(accessControl: access)
        try storeItem(account: Self.enclaveMixAccount, data: key.dataRepresentation)
        return key.dataRepresentation
    }

    // MARK: Keychain

    private func query(account: String) -> [String: Any] {
        [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecAttrAccount as String: account,
        ]
    }

    /// The item's data, or `nil` when there is none.
    private func loadItem(account: String) throws -> Data? {
        var query = query(account: account)
        query[kSecReturnData as String] = true
        query[kSecMatchLimit as String] = kSecMatchLimitOne
        var result: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &result)
        switch status {
        case errSecSuccess:
            guard let data = result as? Data else { throw ProtectorFailure.Failed }
            return data
        case errSecItemNotFound:
            return nil
        default:
            // errSecInteractionNotAllowed (phone locked) and the like: may work later.
            throw ProtectorFailure.Failed
        }
    }

    /// The accounts of every sealing key of this service.
    private func sealingAccounts() throws -> [String] {
        let query: [String: Any] = [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecReturnAttributes as String: true,
            kSecMatchLimit as String: kSecMatchLimitAll,
        ]
        var result: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &result)
        switch status {
        case errSecSuccess:
            let items = result as? [[String: Any]] ?? []
            return items.compactMap { $0[kSecAttrAccount as String] as? String }
                .filter { $0.hasPrefix(Self.sealingPrefix) }
        case errSecItemNotFound:
            return []
        default:
            throw ProtectorFailure.Failed
        }
    }

    private func storeItem(account: String, data: Data) throws {
        var attributes = query(account: account)
        attributes[kSecValueData as String] = data
        attributes[kSecAttrAccessible as String] = Self.accessibility
        attributes[kSecAttrSynchronizable as String] = false
        guard SecItemAdd(attributes as CFDictionary, nil) == errSecSuccess else {
            throw ProtectorFailure.Failed
        }
    }

    private func deleteItem(account: String) throws {
        let status = SecItemDelete(query(account: account) as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else {
            throw ProtectorFailure.Failed
        }
    }
}
#endif
