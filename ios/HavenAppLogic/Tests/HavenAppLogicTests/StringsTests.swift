import XCTest
@testable import HavenAppLogic

final class StringsTests: XCTestCase {
    func testEveryTextExistsInEveryLanguageWithTheSamePlaceholders() {
        for key in TextKey.allCases {
            let texts = Strings.translations(key)
            let all = [("kk", texts.kk), ("ru", texts.ru), ("en", texts.en)]
            for (language, text) in all {
                XCTAssertFalse(text.trimmingCharacters(in: .whitespaces).isEmpty, "\(key) is empty in \(language)")
            }
            let placeholders = all.map { placeholderList($0.1) }
            XCTAssertEqual(placeholders[0], placeholders[2], "\(key): kk placeholders differ from en")
            XCTAssertEqual(placeholders[1], placeholders[2], "\(key): ru placeholders differ from en")
        }
    }

    func testNothingOutsideTheVaultNamesTheApp() {
        // The calculator's only text must not say "Haven", and no text may promise things the
        // app cannot do ("hidden", "invisible").
        for language in Language.allCases {
            XCTAssertFalse(Strings.text(.calculatorError, in: language).lowercased().contains("haven"))
        }
        for key in TextKey.allCases {
            let english = Strings.translations(key).en.lowercased()
            XCTAssertFalse(english.contains("invisible"), "\(key)")
            XCTAssertFalse(english.contains("undetectable"), "\(key)")
        }
    }

    func testArgumentsAreFilledIn() {
        XCTAssertEqual(Strings.text(.eraseCountdown, in: .ru, 7), "Удаление через 7 с")
        XCTAssertEqual(Strings.text(.eraseCountdown, in: .kk, 7), "7 с кейін өшіріледі")
        XCTAssertEqual(Strings.text(.daysLeft, in: .en, 12), "Days left: 12")
    }

    func testPreferredLanguage() {
        XCTAssertEqual(Language.preferred(from: ["kk-KZ", "ru-KZ"]), .kk)
        XCTAssertEqual(Language.preferred(from: ["de-DE", "ru_RU", "en"]), .ru)
        XCTAssertEqual(Language.preferred(from: ["EN-gb"]), .en)
        // Android's fallback (`Lang.fromSystem`): Russian.
        XCTAssertEqual(Language.preferred(from: ["fr"]), .ru)
        XCTAssertEqual(Language.preferred(from: []), .ru)
    }

    func testKeypadHasEveryKeyOnce() {
        let keys = CalculatorKey.rows.flatMap { $0 }
        XCTAssertEqual(keys.count, Set(keys).count)
        XCTAssertEqual(Set((0...9).map(CalculatorKey.digit)).subtracting(keys), [])
        XCTAssertTrue(keys.contains(.equals))
        XCTAssertTrue(CalculatorKey.rows.allSatisfy { $0.count == 4 })
    }

    private func placeholderList(_ text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let percent = rest.firstIndex(of: "%") {
            let after = rest.index(after: percent)
            guard after < rest.endIndex else { break }
            found.append(String(rest[after]))
            rest = rest[rest.index(after: after)...]
        }
        return found
    }
}
