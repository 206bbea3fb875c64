import Foundation
import XCTest
@testable import HavenCore

extension Calculator {
    /// Types keys: digits, `.`, `+ - * /` (also `− × ÷`), `%`, `±`, `=`, `C`, `<`.
    @discardableResult
    func type(_ keys: String) -> CalcScreen {
        var screen: CalcScreen?
        for c in keys {
            let key: CalcKey
            switch c {
            case "0"..."9": key = .digit(UInt8(String(c))!)
            case ".": key = .point
            case "+": key = .add
            case "-", "−": key = .subtract
            case "*", "×": key = .multiply
            case "/", "÷": key = .divide
            case "%": key = .percent
            case "±": key = .toggleSign
            case "=": key = .equals
            case "C": key = .clear
            case "<": key = .backspace
            case " ": continue
            default: fatalError("no key for \(c)")
            }
            screen = press(key: key)
        }
        return screen!
    }
}

final class CalculatorTests: XCTestCase {
    func testItIsARealCalculator() {
        let calc = Calculator()
        XCTAssertEqual(calc.type("2 + 3 × 4 ="), CalcScreen(display: "14", expression: "2 + 3 × 4 =", unlockCandidate: false))
        XCTAssertEqual(calc.type("C 0.1 + 0.2 =").display, "0.3")
        XCTAssertEqual(calc.type("C 50 + 10 % =").display, "55")
        XCTAssertEqual(calc.type("C 3 ± =").display, "-3")
        XCTAssertEqual(calc.type("C 5 ÷ 0 =").display, "Error")
        XCTAssertEqual(calc.type("C 12 + 3 ×").expression, "12 + 3 ×")
        XCTAssertEqual(calc.type("C 123 <").display, "12")
        XCTAssertEqual(calc.type("C").display, "0")
    }

    func testDigitsAndEqualsOpenTheVaultWithoutTheDigitsCrossing() throws {
        let v = try TempVault()
        _ = try v.setup()
        v.haven.lock()
        let calc = Calculator()
        XCTAssertFalse(calc.type(PIN).unlockCandidate)
        XCTAssertEqual(calc.press(key: .equals), CalcScreen(display: PIN, expression: "\(PIN) =", unlockCandidate: true))
        guard case let .opened(session) = try v.haven.unlockWithCalculator(calculator: calc) else {
            return XCTFail("did not open")
        }
        XCTAssertTrue(session.isOpen())
        XCTAssertTrue(isNotOpened(try v.haven.unlockWithCalculator(calculator: calc)), "the candidate was taken")
        XCTAssertEqual(try v.haven.state(), .unlocked)
    }

    func testLeadingZerosAndBackspaceAreHonoured() throws {
        let v = try TempVault()
        _ = try v.haven.setup(pin: "001234", duressPin: nil, options: options())
        v.haven.lock()
        let calc = Calculator()
        let screen = calc.type("0012345<=")
        XCTAssertEqual(screen.display, "1234")
        XCTAssertTrue(screen.unlockCandidate)
        XCTAssertTrue(isOpened(try v.haven.unlockWithCalculator(calculator: calc)))
    }

    func testAWrongPinIsJustANumberAndArithmeticIsNeverTried() throws {
        let v = try TempVault()
        _ = try v.setup()
        v.haven.lock()
        let calc = Calculator()
        XCTAssertEqual(calc.type("C \(WRONG_PIN) ="), CalcScreen(display: WRONG_PIN, expression: "\(WRONG_PIN) =", unlockCandidate: true))
        XCTAssertTrue(isNotOpened(try v.haven.unlockWithCalculator(calculator: calc)))
        for _ in 0..<10 {
            XCTAssertFalse(calc.type("C 123456 + 1 =").unlockCandidate)
            XCTAssertFalse(calc.type("C 12345 =").unlockCandidate)
            XCTAssertTrue(isNotOpened(try v.haven.unlockWithCalculator(calculator: calc)))
        }
        XCTAssertEqual(try v.haven.state(), .locked, "nothing was counted")
        calc.type("C \(PIN) =")
        XCTAssertTrue(isOpened(try v.haven.unlockWithCalculator(calculator: calc)))
    }

    func testWhileThrottledTheCalculatorKeepsCalculating() throws {
        let v = try TempVault()
        _ = try v.setup()
        v.haven.lock()
        for _ in 0..<5 { _ = try v.haven.unlock(pin: WRONG_PIN) }
        let calc = Calculator()
        XCTAssertEqual(calc.type("C \(PIN) =").display, PIN)
        guard case .throttled = try v.haven.unlockWithCalculator(calculator: calc) else {
            return XCTFail("expected throttled")
        }
        XCTAssertEqual(calc.type("C 3 + 4 =").display, "7")
    }
}
