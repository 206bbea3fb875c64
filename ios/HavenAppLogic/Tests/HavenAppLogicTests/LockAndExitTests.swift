import HavenCore
import XCTest
@testable import HavenAppLogic

/// Discretion: the vault closes whenever the app stops being in front of her.
@MainActor
final class LockAndExitTests: XCTestCase {
    func testLeavingTheForegroundLocksAndCovers() async throws {
        for leaving in [AppModel.ScenePhase.inactive, .background] {
            let fixture = try VaultFixture()
            let model = try await fixture.modelWithVault()
            model.path = [.contacts]

            model.scenePhaseChanged(leaving)
            XCTAssertEqual(model.phase, .calculator, "\(leaving)")
            XCTAssertTrue(model.showsPrivacyCover)
            XCTAssertEqual(model.path, [])
            XCTAssertEqual(try fixture.state(), .locked)

            model.scenePhaseChanged(.active)
            XCTAssertFalse(model.showsPrivacyCover)
            XCTAssertEqual(model.phase, .calculator, "coming back shows the calculator, not the vault")
        }
    }

    func testTheCoverAlsoHidesTheCalculatorAndSetup() async throws {
        let fixture = try VaultFixture()
        let model = fixture.makeModel()
        await model.start()
        model.setupForm.pin = TestPins.real
        model.scenePhaseChanged(.inactive)
        XCTAssertTrue(model.showsPrivacyCover)
        XCTAssertEqual(model.phase, .setup)
        model.scenePhaseChanged(.active)
        XCTAssertFalse(model.showsPrivacyCover)
    }

    func testAPinBeingCheckedWhenTheAppLeavesDoesNotOpenTheVault() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        model.exit()

        let pause = fixture.protector.pauseNextUnseal()
        model.type(TestPins.real + "=")
        await Task.detached { pause.entered.wait() }.value // the core is checking the PIN now
        model.scenePhaseChanged(.background)
        pause.proceed.signal()
        await model.waitForUnlockAttempts()
        model.scenePhaseChanged(.active)

        XCTAssertEqual(model.phase, .calculator)
        XCTAssertEqual(try fixture.state(), .locked, "the session the core opened was closed at once")
    }

    func testAPinTypedJustBeforeLeavingIsNotTried() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        model.exit()

        model.type(TestPins.real + "=")
        model.scenePhaseChanged(.background) // before the attempt had a chance to finish
        await model.waitForUnlockAttempts()
        model.scenePhaseChanged(.active)

        XCTAssertEqual(model.phase, .calculator)
        XCTAssertEqual(try fixture.state(), .locked)
    }

    func testExitClosesTheSessionAtOnce() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        model.path = [.settings]
        let locale = try await model.perform { try $0.locale() }
        XCTAssertEqual(locale, .en)

        model.exit()
        XCTAssertEqual(model.phase, .calculator)
        XCTAssertEqual(model.path, [])
        XCTAssertEqual(try fixture.state(), .locked)
        do {
            _ = try await model.perform { try $0.locale() }
            XCTFail("a closed vault must refuse work")
        } catch is AppModel.VaultClosed {}
    }

    func testExitDropsAnAttemptStillWaitingItsTurn() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        model.exit()
        model.type(TestPins.wrong + "=")
        model.type("C" + TestPins.real + "=")
        model.exit() // both attempts were made before the exit: neither may open anything
        await model.waitForUnlockAttempts()
        XCTAssertEqual(model.phase, .calculator)
        XCTAssertEqual(try fixture.state(), .locked)
    }

    func testExitFromSetupShowsTheCalculatorAndForgetsTypedPins() async throws {
        let fixture = try VaultFixture()
        let model = fixture.makeModel()
        await model.start()
        model.setupForm.pin = TestPins.real
        model.setupForm.pinConfirmation = TestPins.real
        model.exit()
        XCTAssertEqual(model.phase, .calculator)
        XCTAssertEqual(model.setupForm.pin, "")
        XCTAssertEqual(model.setupForm.pinConfirmation, "")
        XCTAssertEqual(try fixture.state(), .notSetUp)
    }

    func testSetupRefusesAnIncompleteFormWithoutTouchingTheDisk() async throws {
        let fixture = try VaultFixture()
        let model = fixture.makeModel(languages: ["ru"])
        await model.start()
        model.setupForm.pin = "123456"
        model.setupForm.pinConfirmation = "123456"
        await model.submitSetup()
        XCTAssertEqual(model.phase, .setup)
        XCTAssertEqual(model.setupIssues[.pin], .pinTooEasy)
        XCTAssertEqual(model.setupIssues[.acknowledgement], .acknowledgementRequired)
        XCTAssertEqual(model.setupIssues[.pin]?.message(in: model.language),
                       "Этот PIN-код слишком легко угадать. Не используйте повторяющиеся или идущие подряд цифры.")
        XCTAssertEqual(try fixture.state(), .notSetUp)
    }
}
