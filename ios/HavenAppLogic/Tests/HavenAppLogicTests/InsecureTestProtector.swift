import Foundation
import HavenCore

/// FOR TESTS ONLY. A `KeyProtector` with no cryptography at all: `seal` prepends this
/// instance's random 16-byte tag to the plaintext, `open` checks and removes it. It gives the
/// core what it needs to run (something that round-trips, refuses another protector's output,
/// and can lose its key) and nothing else: no confidentiality, no real integrity. CryptoKit is
/// not available on Linux, and the real protector (`KeychainKeyProtector`) is Apple-only.
final class InsecureTestProtector: KeyProtector, @unchecked Sendable {
    private let lock = NSLock()
    private var tag: Data?
    /// How many times the core asked to destroy the key.
    private(set) var destroyCount = 0
    private var nextUnsealPause: (entered: DispatchSemaphore, proceed: DispatchSemaphore)?

    func seal(plaintext: Data) throws -> Data {
        lock.lock()
        defer { lock.unlock() }
        if tag == nil {
            tag = Data((0..<16).map { _ in UInt8.random(in: .min ... .max) })
        }
        return tag! + plaintext
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
        guard let tag else { throw ProtectorFailure.KeyUnavailable }
        guard sealed.starts(with: tag) else { throw ProtectorFailure.Failed }
        return Data(sealed.dropFirst(tag.count))
    }

    func destroyKey() throws {
        lock.lock()
        defer { lock.unlock() }
        tag = nil
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
        tag = nil
    }
}
