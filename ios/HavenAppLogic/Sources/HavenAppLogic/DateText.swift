import Foundation

/// Dates and times in her chosen language, not the phone's: a Russian-speaking woman whose phone
/// is set to English still reads "3 декабря 2026 г.". SwiftUI's `Text(date, style:)` would
/// follow the phone, so the views show these strings instead.
public enum DateText {
    /// The locale used for `language`'s dates (Kazakhstan's conventions).
    static func locale(_ language: Language) -> Locale {
        switch language {
        case .kk: return Locale(identifier: "kk_KZ")
        case .ru: return Locale(identifier: "ru_KZ")
        case .en: return Locale(identifier: "en_GB")
        }
    }

    /// "3 December 2026" / "3 декабря 2026 г.".
    public static func day(_ date: Date, in language: Language, timeZone: TimeZone = .current) -> String {
        format(date, language, timeZone, dateStyle: .long, timeStyle: .none)
    }

    /// "3 December 2026 at 14:05" in her language.
    public static func dayAndTime(_ date: Date, in language: Language, timeZone: TimeZone = .current) -> String {
        format(date, language, timeZone, dateStyle: .long, timeStyle: .short)
    }

    /// "December 2026" / "декабрь 2026 г." (a journal month heading).
    public static func month(year: Int, month: Int, in language: Language) -> String {
        var parts = DateComponents()
        parts.year = year
        parts.month = month
        parts.day = 15
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: parts) else { return "\(year)-\(month)" }
        let formatter = DateFormatter()
        formatter.locale = locale(language)
        formatter.timeZone = calendar.timeZone
        formatter.setLocalizedDateFormatFromTemplate("LLLLyyyy")
        return formatter.string(from: date)
    }

    /// A core calendar date ("2026-12-03") in her language; the text as is if it is not one.
    public static func calendarDay(_ isoDay: String, in language: Language) -> String {
        guard let date = parseDay(isoDay) else { return isoDay }
        return day(date, in: language, timeZone: TimeZone(identifier: "UTC")!)
    }

    /// "YYYY-MM-DD" of `date` in `timeZone` (what the core's `LocalDate` takes).
    public static func isoDay(_ date: Date, timeZone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// Noon UTC of an ISO day, or `nil`.
    public static func parseDay(_ isoDay: String) -> Date? {
        let parts = isoDay.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var components = DateComponents()
        (components.year, components.month, components.day, components.hour) = (parts[0], parts[1], parts[2], 12)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components)
    }

    private static func format(_ date: Date, _ language: Language, _ timeZone: TimeZone,
                               dateStyle: DateFormatter.Style, timeStyle: DateFormatter.Style) -> String {
        let formatter = DateFormatter()
        formatter.locale = locale(language)
        formatter.timeZone = timeZone
        formatter.dateStyle = dateStyle
        formatter.timeStyle = timeStyle
        return formatter.string(from: date)
    }
}
