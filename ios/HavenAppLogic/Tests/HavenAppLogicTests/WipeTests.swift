import HavenCore
import XCTest
@testable import HavenAppLogic

/// "Erase everything": PIN asked again, then a countdown she can cancel until the wipe begins.
@MainActor
final class WipeTests: XCTestCase {
    func testCountdownTicksDownAndCancelKeepsEverything() async throws {
        let fixture = try VaultFixture()
        let gate = TickGate()
        let model = try await fixture.modelWithVault(wipeTick: { try await gate.tick() })

        let issue = await model.startWipe(confirmingPin: TestPins.real)
        XCTAssertNil(issue)
        let countdown = try XCTUnwrap(model.wipeCountdown)
        XCTAssertEqual(countdown.status, .counting(secondsLeft: 10))

        await gate.release(3)
        await eventually { countdown.status == .counting(secondsLeft: 7) }

        model.cancelWipe()
        XCTAssertEqual(countdown.status, .cancelled)
        // Time passing after the cancel changes nothing.
        await gate.release(20)
        try await Task.sleep(nanoseconds: 50_000_000)
        XCTAssertEqual(countdown.status, .cancelled)
        XCTAssertEqual(fixture.protector.destroyCount, 0)
        XCTAssertEqual(try fixture.state(), .unlocked)

        model.exit()
        await model.enter(pin: TestPins.real)
        XCTAssertEqual(model.phase, .vault, "the vault is intact")
    }

    func testCountdownEndsInACompleteWipeAndTheCalculator() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        let issue = await model.startWipe(confirmingPin: TestPins.real)
        XCTAssertNil(issue)
        let countdown = try XCTUnwrap(model.wipeCountdown)
        await countdown.finish()

        XCTAssertEqual(countdown.status, .finished)
        XCTAssertFalse(countdown.cancel(), "a wipe that began cannot be cancelled")
        XCTAssertEqual(model.phase, .calculator)
        XCTAssertNil(model.wipeCountdown)
        XCTAssertEqual(try fixture.state(), .notSetUp)
        XCTAssertGreaterThanOrEqual(fixture.protector.destroyCount, 1, "the platform key was destroyed")
        let left = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path)
        XCTAssertEqual(left.filter { !$0.hasPrefix(".") }, [], "no vault file is left")

        await model.enter(pin: TestPins.real)
        XCTAssertEqual(model.phase, .calculator)
    }

    func testWipeAsksForTheRightPin() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        let wrong = await model.startWipe(confirmingPin: TestPins.wrong)
        XCTAssertEqual(wrong, .wrongPin)
        let malformed = await model.startWipe(confirmingPin: "12ab")
        XCTAssertEqual(malformed, .pinDigitsOnly)
        XCTAssertNil(model.wipeCountdown)
        XCTAssertEqual(try fixture.state(), .unlocked)
    }

    func testLeavingTheAppCancelsTheCountdown() async throws {
        let fixture = try VaultFixture()
        let gate = TickGate()
        let model = try await fixture.modelWithVault(wipeTick: { try await gate.tick() })
        _ = await model.startWipe(confirmingPin: TestPins.real)
        let countdown = try XCTUnwrap(model.wipeCountdown)

        model.scenePhaseChanged(.background)
        XCTAssertEqual(countdown.status, .cancelled)
        XCTAssertNil(model.wipeCountdown)
        await gate.release(20)
        try await Task.sleep(nanoseconds: 50_000_000)
        XCTAssertEqual(fixture.protector.destroyCount, 0)
        XCTAssertEqual(try fixture.state(), .locked)
    }
}
