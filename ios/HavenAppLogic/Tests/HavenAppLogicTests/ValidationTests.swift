import XCTest
@testable import HavenAppLogic

/// Form checks and their messages, in Kazakh, Russian and English.
final class ValidationTests: XCTestCase {
    func testPinRules() {
        XCTAssertEqual(PinRules.check(""), .pinRequired)
        XCTAssertEqual(PinRules.check("28461a"), .pinDigitsOnly)
        XCTAssertEqual(PinRules.check("２８４６１９"), .pinDigitsOnly, "full-width digits")
        XCTAssertEqual(PinRules.check("٢٨٤٦١٩"), .pinDigitsOnly, "Arabic-Indic digits")
        XCTAssertEqual(PinRules.check("28461"), .pinLength)
        XCTAssertEqual(PinRules.check("2846192846193"), .pinLength)
        for easy in ["000000", "111111", "121212", "123123", "123456", "987654", "0123456789"] {
            XCTAssertEqual(PinRules.check(easy), .pinTooEasy, easy)
        }
        // The core's rule (`pinIsWeak`) also refuses keypad shapes and a group said twice.
        for easy in ["147258", "284619284619"] {
            XCTAssertEqual(PinRules.check(easy), .pinTooEasy, easy)
        }
        for good in ["284619", "731905", "284619730512"] {
            XCTAssertNil(PinRules.check(good), good)
        }
    }

    func testSetupFormReportsEveryProblemByField() {
        var form = SetupForm(language: .en)
        XCTAssertEqual(form.validate(), [.pin: .pinRequired, .acknowledgement: .acknowledgementRequired])

        form.pin = "284619"
        form.pinConfirmation = "284610"
        form.acknowledgedLimits = true
        XCTAssertEqual(form.validate(), [.pinConfirmation: .pinsDoNotMatch])

        form.pinConfirmation = "284619"
        form.duressEnabled = true
        form.duressPin = "284619"
        XCTAssertEqual(form.validate(), [.duressPin: .duressSameAsPin])
        form.duressPin = "731905"
        form.duressConfirmation = "731906"
        XCTAssertEqual(form.validate(), [.duressConfirmation: .pinsDoNotMatch])
        form.duressConfirmation = "731905"

        form.wipeAfterEnabled = true
        form.wipeAfterCount = 4
        XCTAssertEqual(form.validate(), [.wipeAfter: .wipeAfterOutOfRange])
        form.wipeAfterCount = 51
        XCTAssertEqual(form.validate(), [.wipeAfter: .wipeAfterOutOfRange])
        form.wipeAfterCount = 5
        XCTAssertEqual(form.validate(), [:])

        form.clearSecrets()
        XCTAssertEqual([form.pin, form.pinConfirmation, form.duressPin, form.duressConfirmation], ["", "", "", ""])
    }

    func testValidationMessagesInAllThreeLanguages() {
        let expected: [(ValidationIssue, kk: String, ru: String, en: String)] = [
            (.pinRequired, "PIN-кодты енгізіңіз.", "Введите PIN-код.", "Enter a PIN."),
            (.pinLength, "PIN-код ұзындығы 6–12 цифр болуы керек.",
             "PIN-код должен содержать от 6 до 12 цифр.", "The PIN must be 6 to 12 digits long."),
            (.pinsDoNotMatch, "PIN-кодтар сәйкес келмейді.", "PIN-коды не совпадают.", "The two PINs do not match."),
            (.duressSameAsPin, "Қауіп PIN-коды негізгі PIN-кодтан өзгеше болуы керек.",
             "Тревожный PIN-код должен отличаться от основного.", "The duress PIN must differ from your PIN."),
            (.wipeAfterOutOfRange, "Санды таңдаңыз: 5–50.", "Выберите число от 5 до 50.",
             "Choose a number from 5 to 50."),
            (.tooLong(maximum: 200), "Тым ұзын: ең көбі 200 таңба.", "Слишком длинно: не более 200 символов.",
             "Too long: at most 200 characters."),
            (.wrongPin, "PIN-код қате.", "Неверный PIN-код.", "That PIN is not right."),
        ]
        for (issue, kk, ru, en) in expected {
            XCTAssertEqual(issue.message(in: .kk), kk)
            XCTAssertEqual(issue.message(in: .ru), ru)
            XCTAssertEqual(issue.message(in: .en), en)
        }
    }

    func testEveryIssueHasADistinctMessageInEveryLanguage() {
        let all: [ValidationIssue] = [
            .pinRequired, .pinDigitsOnly, .pinLength, .pinTooEasy, .pinsDoNotMatch, .duressSameAsPin,
            .wipeAfterOutOfRange, .acknowledgementRequired, .nameRequired, .phoneInvalid,
            .tooLong(maximum: 10), .narrativeRequired, .endBeforeStart, .wrongPin,
        ]
        for language in Language.allCases {
            let messages = all.map { $0.message(in: language) }
            XCTAssertEqual(Set(messages).count, all.count, "\(language): two issues share a message")
            for message in messages {
                XCTAssertFalse(message.contains("%"), "\(language): unfilled placeholder in \(message)")
            }
        }
        // Kazakh and Russian are really translated, not English left behind.
        for issue in all {
            XCTAssertNotEqual(issue.message(in: .kk), issue.message(in: .en))
            XCTAssertNotEqual(issue.message(in: .ru), issue.message(in: .en))
        }
    }

    func testContactAndEntryChecks() {
        XCTAssertEqual(FieldRules.checkName("   "), .nameRequired)
        XCTAssertEqual(FieldRules.checkName(String(repeating: "a", count: 201)), .tooLong(maximum: 200))
        XCTAssertNil(FieldRules.checkName("Айгүл"))

        for good in ["+7 701 234 56 78", "8 (727) 123-45-67", "112", "+77012345678"] {
            XCTAssertNil(FieldRules.checkPhone(good), good)
        }
        for bad in ["", "12", "+", "call me", "7701234567890123", "+7 701 ext 5", "++77012345678"] {
            XCTAssertEqual(FieldRules.checkPhone(bad), .phoneInvalid, bad)
        }

        XCTAssertEqual(FieldRules.checkNarrative(" \n"), .narrativeRequired)
        XCTAssertNil(FieldRules.checkNarrative("He took my passport."))
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        XCTAssertEqual(FieldRules.checkPeriod(start: start, end: start), .endBeforeStart)
        XCTAssertNil(FieldRules.checkPeriod(start: start, end: start.addingTimeInterval(86_400)))
    }
}
