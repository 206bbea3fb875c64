import HavenCore
import XCTest
@testable import HavenAppLogic

/// The disguise: a calculator that really calculates, and opens the vault on PIN + "=".
@MainActor
final class CalculatorUnlockTests: XCTestCase {
    func testCalculatorCalculatesWithPrecedence() async throws {
        let fixture = try VaultFixture()
        let model = fixture.makeModel()
        await model.start()
        model.exit() // from the first-run screen to the calculator
        model.type("2+3*4=")
        XCTAssertEqual(model.display, "14")
        XCTAssertTrue(model.expression.contains("×"), model.expression)
        model.type("C")
        XCTAssertEqual(model.display, "0")
    }

    func testCalculatorErrorIsShownInThePhonesLanguage() async throws {
        let fixture = try VaultFixture()
        for (languages, expected) in [(["ru-KZ"], "Ошибка"), (["kk-KZ", "ru"], "Қате"), (["en-GB"], "Error"), (["de"], "Ошибка")] {
            let model = fixture.makeModel(languages: languages)
            await model.start()
            model.exit()
            model.type("5/0=")
            XCTAssertEqual(model.display, expected, "\(languages)")
        }
    }

    func testRealPinOpensTheVaultAndTheCalculatorForgetsIt() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        model.exit()
        XCTAssertEqual(model.phase, .calculator)
        XCTAssertEqual(try fixture.state(), .locked)

        await model.enter(pin: TestPins.real)
        XCTAssertEqual(model.phase, .vault)
        XCTAssertEqual(try fixture.state(), .unlocked)
        // The PIN must not be on the display when she comes back to the calculator.
        model.exit()
        XCTAssertEqual(model.display, "0")
        XCTAssertEqual(model.expression, "")
    }

    func testWrongPinJustCalculates() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        model.exit()
        await model.enter(pin: TestPins.wrong)
        XCTAssertEqual(model.phase, .calculator)
        XCTAssertEqual(model.display, TestPins.wrong)
        XCTAssertEqual(try fixture.state(), .locked)
    }

    func testNumbersThatCannotBeAPinAreNeverTried() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        model.exit()
        let writesBefore = fixture.writes.value
        model.type("12345=")        // five digits
        model.type("1234567890123=") // thirteen digits
        model.type("2845+19=")       // arithmetic
        await model.waitForUnlockAttempts()
        XCTAssertEqual(fixture.writes.value, writesBefore, "no attempt reached the core")
        XCTAssertEqual(model.phase, .calculator)
    }

    func testDuressPinSetToNothingHereLooksExactlyLikeAWrongPin() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault(duress: .nothingHere)
        model.exit()

        await model.enter(pin: TestPins.duress)
        XCTAssertEqual(model.phase, .calculator)
        XCTAssertEqual(model.display, TestPins.duress)
        let afterDuress = (model.display, model.expression, try fixture.state())

        model.type("C")
        await model.enter(pin: TestPins.wrong)
        XCTAssertEqual(model.display, TestPins.wrong)
        XCTAssertEqual(model.expression.replacingOccurrences(of: TestPins.wrong, with: "N"),
                       afterDuress.1.replacingOccurrences(of: TestPins.duress, with: "N"))
        XCTAssertEqual(try fixture.state(), afterDuress.2)

        // The real vault is untouched.
        await model.enter(pin: TestPins.real)
        XCTAssertEqual(model.phase, .vault)
    }

    func testDuressPinCanOpenTheDecoyAndSilentlyShredTheRealVault() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault(duress: .openDecoy, shredReal: true)
        model.exit()

        await model.enter(pin: TestPins.duress)
        XCTAssertEqual(model.phase, .notes, "the decoy opens its plain notes space")
        XCTAssertEqual(model.path, [])

        model.exit()
        await model.enter(pin: TestPins.real)
        XCTAssertEqual(model.phase, .calculator, "the real vault's key was shredded")
        XCTAssertEqual(model.display, TestPins.real)
    }

    func testThrottledAttemptsAreInvisibleAndNotTried() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        model.exit()
        for _ in 0..<5 {
            model.type("C")
            await model.enter(pin: TestPins.wrong)
        }
        guard case .lockedOut = try fixture.state() else {
            return XCTFail("five wrong PINs should start a lockout")
        }
        // Even the right PIN is not tried during the delay; the calculator just calculates.
        model.type("C")
        await model.enter(pin: TestPins.real)
        XCTAssertEqual(model.phase, .calculator)
        XCTAssertEqual(model.display, TestPins.real)
    }

    func testTheVaultOpensInHerLanguageAndExitReturnsToThePhones() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault(language: .kk, languages: ["ru-RU"])
        XCTAssertEqual(model.language, .kk)
        model.exit()
        XCTAssertEqual(model.language, .ru)
        await model.enter(pin: TestPins.real)
        XCTAssertEqual(model.language, .kk)
    }

    func testProtectionIsReappliedAfterEveryWrite() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        let afterSetup = fixture.writes.value
        XCTAssertGreaterThanOrEqual(afterSetup, 2, "after reading the state and after setup")
        model.exit()
        await model.enter(pin: TestPins.wrong)
        XCTAssertEqual(fixture.writes.value, afterSetup + 1, "an attempt rewrites the keys file")
        await model.enter(pin: TestPins.real)
        await model.setLanguage(.ru)
        XCTAssertEqual(fixture.writes.value, afterSetup + 3)
    }

    func testALostDeviceKeyLeavesTheCalculatorSilent() async throws {
        let fixture = try VaultFixture()
        let first = try await fixture.modelWithVault()
        first.exit()
        fixture.protector.loseKey()

        let model = fixture.makeModel()
        await model.start()
        XCTAssertEqual(model.phase, .calculator)
        await model.enter(pin: TestPins.real)
        XCTAssertEqual(model.phase, .calculator, "whoever types a number learns nothing")
        XCTAssertEqual(model.display, TestPins.real, "the display shows the number, as for any number")
        XCTAssertNil(model.alertMessage)
    }
}
