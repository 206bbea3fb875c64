import Observation

/// The countdown before "erase everything": a few seconds in which she can still cancel.
///
/// Once the countdown reaches zero the wipe begins and can no longer be cancelled (the core
/// finishes an interrupted wipe on the next start, so a half-done wipe never stays half-done).
@MainActor
@Observable
public final class WipeCountdown {
    public enum Status: Equatable, Sendable {
        case counting(secondsLeft: Int)
        case wiping
        case finished
        case cancelled
        case failed
    }

    public private(set) var status: Status

    /// Waits one second. Injected so tests can drive the countdown.
    public typealias Tick = @Sendable () async throws -> Void

    private let tick: Tick
    private let wipe: @MainActor () async throws -> Void
    private var task: Task<Void, Never>?

    /// Starts counting down from `seconds` at once, then runs `wipe`.
    public init(seconds: Int, tick: @escaping Tick, wipe: @escaping @MainActor () async throws -> Void) {
        self.status = .counting(secondsLeft: seconds)
        self.tick = tick
        self.wipe = wipe
        task = Task { [weak self] in await self?.run(from: seconds) }
    }

    /// Stops the countdown if the wipe has not begun. Returns whether it was stopped.
    @discardableResult
    public func cancel() -> Bool {
        guard case .counting = status else { return false }
        task?.cancel()
        task = nil
        status = .cancelled
        return true
    }

    /// Waits until the countdown has ended one way or another (for tests and callers that must
    /// know the outcome).
    public func finish() async {
        await task?.value
    }

    private func run(from seconds: Int) async {
        var left = seconds
        while left > 0 {
            do {
                try await tick()
            } catch {
                return // cancelled while waiting
            }
            // `cancel()` runs on the main actor too, so this check and the status change
            // below cannot interleave with it.
            guard !Task.isCancelled, status != .cancelled else { return }
            left -= 1
            status = .counting(secondsLeft: left)
        }
        status = .wiping
        do {
            try await wipe()
            status = .finished
        } catch {
            status = .failed
        }
    }
}
