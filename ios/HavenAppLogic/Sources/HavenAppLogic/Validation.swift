import Foundation
import HavenCore

/// Something wrong with what she typed, shown next to the field in her language.
///
/// The shell checks forms before calling the core so that every message can be precise and
/// translated; the core checks again (it never trusts its caller), and a refusal from the core
/// is shown with the generic message for that field.
public enum ValidationIssue: Equatable, Sendable {
    case pinRequired
    case pinDigitsOnly
    case pinLength
    case pinTooEasy
    case pinsDoNotMatch
    case duressSameAsPin
    case wipeAfterOutOfRange
    case acknowledgementRequired
    case nameRequired
    case phoneInvalid
    case tooLong(maximum: Int)
    case narrativeRequired
    case endBeforeStart
    case wrongPin
    case restoreFileRequired
    case restoreFileUnreadable
    case restorePassphraseRequired

    /// The message in `language`.
    public func message(in language: Language) -> String {
        switch self {
        case .pinRequired: return Strings.text(.pinRequired, in: language)
        case .pinDigitsOnly: return Strings.text(.pinDigitsOnly, in: language)
        case .pinLength:
            return Strings.text(.pinLength, in: language, PinRules.minLength, PinRules.maxLength)
        case .pinTooEasy: return Strings.text(.pinTooEasy, in: language)
        case .pinsDoNotMatch: return Strings.text(.pinsDoNotMatch, in: language)
        case .duressSameAsPin: return Strings.text(.duressSameAsPin, in: language)
        case .wipeAfterOutOfRange:
            return Strings.text(.wipeAfterRange, in: language,
                                PinRules.wipeAfterRange.lowerBound, PinRules.wipeAfterRange.upperBound)
        case .acknowledgementRequired: return Strings.text(.acknowledgeRequired, in: language)
        case .nameRequired: return Strings.text(.nameRequired, in: language)
        case .phoneInvalid: return Strings.text(.phoneInvalid, in: language)
        case .tooLong(let maximum): return Strings.text(.textTooLong, in: language, maximum)
        case .narrativeRequired: return Strings.text(.narrativeRequired, in: language)
        case .endBeforeStart: return Strings.text(.endBeforeStart, in: language)
        case .wrongPin: return Strings.text(.wrongPin, in: language)
        case .restoreFileRequired: return Strings.text(.setupRestoreFileNeeded, in: language)
        case .restoreFileUnreadable: return Strings.text(.setupRestoreUnreadable, in: language)
        case .restorePassphraseRequired: return Strings.text(.setupRestorePassphraseNeeded, in: language)
        }
    }
}

/// The rules a PIN follows. The lengths and the range match the core's (`PIN_MIN_LEN`,
/// `PIN_MAX_LEN`, `WIPE_AFTER_RANGE`); the core enforces them again.
public enum PinRules {
    public static let minLength = 6
    public static let maxLength = 12
    /// Accepted values for the opt-in "erase after N wrong PINs".
    public static let wipeAfterRange = 5...50

    /// The first problem with `pin`, or `nil` when it is acceptable.
    public static func check(_ pin: String) -> ValidationIssue? {
        if pin.isEmpty { return .pinRequired }
        guard pin.allSatisfy(\.isASCIIDigit) else { return .pinDigitsOnly }
        guard (minLength...maxLength).contains(pin.count) else { return .pinLength }
        // The core's rule (setup and every PIN change refuse what it calls weak), and the
        // shell's own patterns, so she is told as she types.
        if isTooEasy(pin) || HavenCore.pinIsWeak(pin: pin) { return .pinTooEasy }
        return nil
    }

    /// Whether `digits` is a pattern anyone would try first: a short block repeated (`111111`,
    /// `121212`, `123123`) or a run of consecutive digits (`123456`, `987654`).
    static func isTooEasy(_ digits: String) -> Bool {
        let values = digits.compactMap(\.wholeNumberValue)
        for blockLength in 1...3 where values.count % blockLength == 0 {
            let block = Array(values.prefix(blockLength))
            let repeated = (0..<values.count).allSatisfy { values[$0] == block[$0 % blockLength] }
            if repeated { return true }
        }
        let steps = zip(values, values.dropFirst()).map { $1 - $0 }
        return steps.allSatisfy { $0 == 1 } || steps.allSatisfy { $0 == -1 }
    }
}

extension Character {
    /// `0`–`9` only: `isNumber` would also accept other scripts' digits, which the core refuses.
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Checks for the other forms (contacts, journal, orders).
public enum FieldRules {
    public static let maxNameLength = 200
    public static let maxTextLength = 20_000

    /// A required short text such as a name.
    public static func checkName(_ name: String) -> ValidationIssue? {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return .nameRequired }
        if trimmed.count > maxNameLength { return .tooLong(maximum: maxNameLength) }
        return nil
    }

    /// A phone number as people write it: an optional leading `+`, then 3 to 15 digits, with
    /// spaces, dashes, dots and brackets allowed between them. The core normalizes it.
    public static func checkPhone(_ phone: String) -> ValidationIssue? {
        var rest = Substring(phone.trimmingCharacters(in: .whitespaces))
        if rest.first == "+" { rest = rest.dropFirst() }
        let separators: Set<Character> = [" ", "-", ".", "(", ")"]
        guard rest.allSatisfy({ $0.isASCIIDigit || separators.contains($0) }) else { return .phoneInvalid }
        let digitCount = rest.filter(\.isASCIIDigit).count
        return (3...15).contains(digitCount) ? nil : .phoneInvalid
    }

    /// An optional long text (injuries, conditions…).
    public static func checkLongText(_ text: String) -> ValidationIssue? {
        text.count > maxTextLength ? .tooLong(maximum: maxTextLength) : nil
    }

    /// A journal entry's narrative: required.
    public static func checkNarrative(_ text: String) -> ValidationIssue? {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .narrativeRequired }
        return checkLongText(text)
    }

    /// A period such as a protection order's validity.
    public static func checkPeriod(start: Date, end: Date) -> ValidationIssue? {
        end > start ? nil : .endBeforeStart
    }
}
