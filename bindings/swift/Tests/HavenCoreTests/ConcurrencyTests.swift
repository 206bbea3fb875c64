import Dispatch
import Foundation
import XCTest
@testable import HavenCore

/// The library is called from several threads at once, as shells do.
final class ConcurrencyTests: XCTestCase {
    func testOneSessionFromEightThreads() throws {
        let v = try TempVault()
        let session = try v.setup()
        let locales: [HavenLocale] = [.kk, .ru, .en]
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            for i in 0..<200 {
                do {
                    try session.setLocale(locale: locales[(t + i) % 3])
                    if !locales.contains(try session.locale()) { failures.add() }
                    if !session.isOpen() { failures.add() }
                    if try v.haven.state() != .unlocked { failures.add() }
                } catch {
                    failures.add()
                }
            }
        }
        XCTAssertEqual(failures.value, 0)
    }

    func testCalculatorsOnManyThreadsStayIndependent() {
        var results = [String](repeating: "", count: 8)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            let calc = Calculator()
            for _ in 0..<500 { calc.type("C \(t) + 1 =") }
            let display = calc.type("C \(t) × 2 =").display
            lock.lock(); results[t] = display; lock.unlock()
        }
        XCTAssertEqual(results, (0..<8).map { String($0 * 2) })
    }

    func testQuickExitWhileOtherThreadsUseTheSession() throws {
        let v = try TempVault()
        let session = try v.setup()
        let ok = Counter(), locked = Counter(), wrong = Counter()
        let exited = DispatchSemaphore(value: 0)
        let done = Flag()
        DispatchQueue.concurrentPerform(iterations: 5) { t in
            if t == 0 {
                // Exit only once another thread is really using the session (however slow the
                // machine; concurrentPerform may run only two iterations at once on two cores).
                let deadline = Date().addingTimeInterval(30)
                while ok.value < 2 && Date() < deadline { Thread.sleep(forTimeInterval: 0.001) }
                v.haven.quickExit()
                done.set()
                exited.signal()
                return
            }
            while !done.isSet {
                do {
                    try session.setLocale(locale: .ru)
                    _ = try session.locale()
                    ok.add()
                } catch HavenError.Locked {
                    locked.add()
                } catch {
                    wrong.add()
                }
            }
            for _ in 0..<20 {
                do {
                    _ = try session.locale()
                    wrong.add()
                } catch HavenError.Locked {
                    locked.add()
                } catch {
                    wrong.add()
                }
            }
        }
        exited.wait()
        XCTAssertFalse(session.isOpen())
        XCTAssertGreaterThan(ok.value, 0)
        XCTAssertGreaterThanOrEqual(locked.value, 4 * 20)
        XCTAssertEqual(wrong.value, 0)
    }

    func testConcurrentUnlocksLeaveExactlyOneOpenSession() throws {
        let v = try TempVault()
        _ = try v.setup()
        v.haven.lock()
        var sessions = [Session?](repeating: nil, count: 4)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            if case let .opened(session) = try? v.haven.unlock(pin: PIN) {
                lock.lock(); sessions[t] = session; lock.unlock()
            }
        }
        XCTAssertEqual(sessions.compactMap { $0 }.count, 4)
        XCTAssertEqual(sessions.compactMap { $0 }.filter { $0.isOpen() }.count, 1)
        XCTAssertEqual(try v.haven.state(), .unlocked)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.lock(); n += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}

final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var on = false
    func set() { lock.lock(); on = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return on }
}
