import Foundation
import XCTest
@testable import HavenCore

/// Handles are freed when the last Swift reference goes. Method: `liveObjects()` reads counters
/// kept by the Rust objects themselves (up when created, down when Rust drops them); ARC
/// releases deterministically at the end of each iteration, so after 10,000 cycles the count
/// must be back exactly where it was.
final class LifecycleTests: XCTestCase {
    let cycles = 10_000

    func test10000CalculatorsLeaveNothingBehind() {
        let before = liveObjects().calculators
        for i in 0..<cycles {
            let calc = Calculator()
            _ = calc.press(key: .digit(UInt8(i % 10)))
            _ = calc.press(key: .equals)
        }
        XCTAssertEqual(liveObjects().calculators, before)
    }

    func test10000SessionHandlesLeaveNothingBehind() throws {
        let v = try TempVault()
        let session = try v.setup()
        let before = liveObjects().sessions
        for _ in 0..<cycles {
            let handle = try XCTUnwrap(v.haven.currentSession())
            XCTAssertTrue(handle.isOpen())
        }
        XCTAssertEqual(liveObjects().sessions, before)
        XCTAssertTrue(session.isOpen(), "releasing handles does not lock the vault")
    }

    func testUnlockResultsAndTheirSessionsAreFreed() throws {
        let v = try TempVault()
        _ = try v.setup()
        v.haven.lock()
        let before = liveObjects().sessions
        for _ in 0..<50 { XCTAssertTrue(isOpened(try v.haven.unlock(pin: PIN))) }
        XCTAssertEqual(liveObjects().sessions, before)
    }

    func test1000HavensLeaveNothingBehind() throws {
        let v = try TempVault()
        let before = liveObjects().havens
        for _ in 0..<1_000 {
            let haven = try Haven.newInsecureForTests(dataDir: v.dataDir.path, protector: v.protector)
            _ = try haven.state()
        }
        XCTAssertEqual(liveObjects().havens, before)
    }

    func testTheProtectorIsReleasedWithItsHaven() throws {
        weak var weakProtector: TestProtector?
        do {
            let protector = TestProtector()
            weakProtector = protector
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("haven-swift-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: root) }
            let haven = try Haven.newInsecureForTests(dataDir: root.path, protector: protector)
            _ = try haven.setup(pin: PIN, duressPin: nil, options: options())
            haven.quickExit()
        }
        XCTAssertNil(weakProtector, "the Rust side let go of the Swift protector")
    }
}
