import Foundation
import HavenCore

/// FOR TESTS ONLY. A `KeyProtector` with no cryptography at all, following the contract's
/// lifetimes: `seal` makes a new random 16-byte tag per call and prepends it to the plaintext,
/// `open` checks the tag is one that still exists and removes it, `retireOtherKeys` forgets
/// every other tag; `deviceMix` returns a per-instance random key followed by the input
/// (deterministic and keyed, not secret). It gives the core what it needs to run (round trips,
/// refusing another protector's output, rollback, losing its keys) and nothing else: no
/// confidentiality, no real integrity. CryptoKit is not available on Linux, and the real
/// protector (`KeychainKeyProtector`) is Apple-only.
final class InsecureTestProtector: KeyProtector, @unchecked Sendable {
    private let lock = NSLock()
    private var tags: Set<Data> = []
    private var mixKey: Data?
    /// How many times the core asked to destroy the key.
    private(set) var destroyCount = 0
    private var nextUnsealPause: (entered: DispatchSemaphore, proceed: DispatchSemaphore)?

    private static func randomTag() -> Data {
        Data((0..<16).map { _ in UInt8.random(in: .min ... .max) })
    }

    func seal(plaintext: Data) throws -> Data {
        lock.lock()
        defer { lock.unlock() }
        let tag = Self.randomTag()
        tags.insert(tag)
        return tag + plaintext
    }

    func unseal(sealed: Data) throws -> Data {
        lock.lock()
        let pause = nextUnsealPause
        nextUnsealPause = nil
        lock.unlock()
        if let pause {
            // Called on the thread running the core's unlock, never the main thread.
            pause.entered.signal()
            pause.proceed.wait()
        }
        lock.lock()
        defer { lock.unlock() }
        guard sealed.count >= 16 else { throw ProtectorFailure.Failed }
        guard tags.contains(Data(sealed.prefix(16))) else { throw ProtectorFailure.KeyUnavailable }
        return Data(sealed.dropFirst(16))
    }

    func retireOtherKeys(sealed: Data) throws {
        lock.lock()
        defer { lock.unlock() }
        let keep = Data(sealed.prefix(16))
        tags = tags.filter { $0 == keep }
    }

    func deviceMix(input: Data) throws -> Data {
        lock.lock()
        defer { lock.unlock() }
        let key = mixKey ?? Self.randomTag() + Self.randomTag()
        mixKey = key
        return key + input
    }

    func destroyKey() throws {
        lock.lock()
        defer { lock.unlock() }
        tags = []
        mixKey = nil
        destroyCount += 1
    }

    /// Makes the next `unseal` (the first step of every unlock attempt) signal `entered` and
    /// wait for `proceed`, so a test can act while an attempt is under way.
    func pauseNextUnseal() -> (entered: DispatchSemaphore, proceed: DispatchSemaphore) {
        let pause = (entered: DispatchSemaphore(value: 0), proceed: DispatchSemaphore(value: 0))
        lock.lock()
        nextUnsealPause = pause
        lock.unlock()
        return pause
    }

    /// Simulates the platform key vanishing (passcode removed, device restored).
    func loseKey() {
        lock.lock()
        defer { lock.unlock() }
        tags = []
        mixKey = nil
    }
}
