#if canImport(Security) && canImport(CryptoKit) && canImport(LocalAuthentication)
import CryptoKit
import Foundation
import HavenCore
import LocalAuthentication
import Security

/// The iOS `KeyProtector`: seals the vault's keys file with a key that never leaves this
/// device, so that a copy of the data directory (a backup, a repair shop) is useless elsewhere
/// and every PIN guess has to run on this phone.
///
/// **With a Secure Enclave** (every iPhone since the 5s; not the simulator) the root key is a
/// P-256 key created inside the Secure Enclave. Its private half never leaves the enclave; what
/// the Keychain stores is only the enclave's encrypted handle to it. Each `seal` makes an
/// ephemeral P-256 key, agrees a secret with the enclave key (ECDH), derives an AES-256 key
/// with HKDF-SHA256 and encrypts with AES-GCM (ECIES). `open` needs the enclave to redo the
/// agreement. Sealed layout: `0x01 | ephemeral public key (65 bytes, X9.63) | nonce | ciphertext | tag`.
///
/// **Without one** the root key is a random AES-256 key stored in the Keychain, and sealing is
/// AES-GCM with it. Sealed layout: `0x02 | nonce | ciphertext | tag`.
///
/// Both Keychain items are `kSecAttrAccessibleWhenPasscodeSetThisDeviceOnly`: never in a
/// backup, never migrated to another device, and deleted by iOS if she removes the phone's
/// passcode (the vault then reports the key as unavailable, and the app says so plainly).
/// On a phone with no passcode that class cannot be used; the protector then falls back to
/// `kSecAttrAccessibleWhenUnlockedThisDeviceOnly` and `isPasscodeBound` is false, so the setup
/// screen can tell her.
///
/// NOT COMPILED on Linux (no Security/CryptoKit there); see ios/README.md.
public final class KeychainKeyProtector: KeyProtector, @unchecked Sendable {
    private enum Format: UInt8 {
        case secureEnclave = 0x01
        case keychainKey = 0x02

        /// Distinct Keychain accounts, so the format of a sealed blob names its key.
        var account: String {
            switch self {
            case .secureEnclave: return "k.1"
            case .keychainKey: return "k.2"
            }
        }
    }

    /// A neutral service name: a Keychain listing should say nothing about a safety app.
    private let service: String
    private static let info = Data("haven keys file v1".utf8)

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
        if let handle = try loadItem(.secureEnclave) {
            return try sealWithEnclave(plaintext, handle: handle)
        }
        if let raw = try loadItem(.keychainKey) {
            return try sealWithKey(plaintext, raw: raw)
        }
        // First use: create the root key, in the Secure Enclave when there is one.
        if SecureEnclave.isAvailable {
            let handle = try createEnclaveKey()
            return try sealWithEnclave(plaintext, handle: handle)
        }
        let raw = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        try storeItem(.keychainKey, data: raw)
        return try sealWithKey(plaintext, raw: raw)
    }

    public func unseal(sealed: Data) throws -> Data {
        guard let first = sealed.first, let format = Format(rawValue: first) else {
            throw ProtectorFailure.Failed
        }
        guard let item = try loadItem(format) else { throw ProtectorFailure.KeyUnavailable }
        let body = sealed.dropFirst()
        do {
            switch format {
            case .secureEnclave:
                guard body.count > 65 else { throw ProtectorFailure.Failed }
                let enclaveKey = try SecureEnclave.P256.KeyAgreement.PrivateKey(dataRepresentation: item)
                let ephemeral = try P256.KeyAgreement.PublicKey(x963Representation: body.prefix(65))
                let key = try Self.derivedKey(enclaveKey.sharedSecretFromKeyAgreement(with: ephemeral),
                                              ephemeral: ephemeral)
                return try AES.GCM.open(AES.GCM.SealedBox(combined: body.dropFirst(65)), using: key)
            case .keychainKey:
                return try AES.GCM.open(AES.GCM.SealedBox(combined: body), using: SymmetricKey(data: item))
            }
        } catch let failure as ProtectorFailure {
            throw failure
        } catch {
            // Altered bytes, or an enclave handle the enclave no longer accepts.
            throw ProtectorFailure.Failed
        }
    }

    public func destroyKey() throws {
        for format in [Format.secureEnclave, .keychainKey] {
            let status = SecItemDelete(query(format) as CFDictionary)
            guard status == errSecSuccess || status == errSecItemNotFound else {
                throw ProtectorFailure.Failed
            }
        }
    }

    // MARK: Sealing

    private func sealWithEnclave(_ plaintext: Data, handle: Data) throws -> Data {
        do {
            let enclaveKey = try SecureEnclave.P256.KeyAgreement.PrivateKey(dataRepresentation: handle)
            let ephemeral = P256.KeyAgreement.PrivateKey()
            let key = try Self.derivedKey(ephemeral.sharedSecretFromKeyAgreement(with: enclaveKey.publicKey),
                                          ephemeral: ephemeral.publicKey)
            guard let combined = try AES.GCM.seal(plaintext, using: key).combined else {
                throw ProtectorFailure.Failed
            }
            return Data([Format.secureEnclave.rawValue]) + ephemeral.publicKey.x963Representation + combined
        } catch {
            throw ProtectorFailure.Failed
        }
    }

    private func sealWithKey(_ plaintext: Data, raw: Data) throws -> Data {
        do {
            guard let combined = try AES.GCM.seal(plaintext, using: SymmetricKey(data: raw)).combined else {
                throw ProtectorFailure.Failed
            }
            return Data([Format.keychainKey.rawValue]) + combined
        } catch {
            throw ProtectorFailure.Failed
        }
    }

    private static func derivedKey(_ secret: SharedSecret, ephemeral: P256.KeyAgreement.PublicKey) -> SymmetricKey {
        secret.hkdfDerivedSymmetricKey(using: SHA256.self, salt: ephemeral.x963Representation,
                                       sharedInfo: info, outputByteCount: 32)
    }

    private func createEnclaveKey() throws -> Data {
        var error: Unmanaged<CFError>?
        guard let access = SecAccessControlCreateWithFlags(nil, Self.accessibility, .privateKeyUsage, &error) else {
            throw ProtectorFailure.Failed
        }
        do {
            let key = try SecureEnclave.P256.KeyAgreement.PrivateKey(accessControl: access)
            try storeItem(.secureEnclave, data: key.dataRepresentation)
            return key.dataRepresentation
        } catch {
            throw ProtectorFailure.Failed
        }
    }

    // MARK: Keychain

    private func query(_ format: Format) -> [String: Any] {
        [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecAttrAccount as String: format.account,
        ]
    }

    /// The item's data, or `nil` when there is none.
    private func loadItem(_ format: Format) throws -> Data? {
        var query = query(format)
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

    private func storeItem(_ format: Format, data: Data) throws {
        var attributes = query(format)
        attributes[kSecValueData as String] = data
        attributes[kSecAttrAccessible as String] = Self.accessibility
        attributes[kSecAttrSynchronizable as String] = false
        guard SecItemAdd(attributes as CFDictionary, nil) == errSecSuccess else {
            throw ProtectorFailure.Failed
        }
    }
}
#endif
