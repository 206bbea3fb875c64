/// The three languages Haven speaks: Kazakh (Cyrillic), Russian and English.
///
/// Inside the vault the language is the one she chose (stored in the vault by the core), not
/// the phone's: she may keep the phone in one language and Haven in another. Before the vault
/// is open (calculator, setup) the phone's preferred languages decide.
public enum Language: String, CaseIterable, Sendable {
    case kk
    case ru
    case en

    /// The first of `preferredLanguages` (BCP 47 tags such as `"ru-KZ"`, in the order of
    /// `Locale.preferredLanguages`) that Haven speaks; Russian when none matches, as on Android
    /// (Russian is the language most people in Kazakhstan read, whatever the phone is set to).
    public static func preferred(from preferredLanguages: [String]) -> Language {
        for tag in preferredLanguages {
            let primary = tag.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first
            if let primary, let language = Language(rawValue: String(primary)) {
                return language
            }
        }
        return .ru
    }

    /// The language's own name, as shown in a language picker.
    public var nativeName: String {
        switch self {
        case .kk: return "Қазақша"
        case .ru: return "Русский"
        case .en: return "English"
        }
    }
}
