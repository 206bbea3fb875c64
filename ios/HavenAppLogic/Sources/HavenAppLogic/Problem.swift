import Foundation
import HavenCore

/// Turns a refusal from the core into a sentence for her, in her language. The core's errors
/// carry fixed English reasons (never anything she typed); these are matched here, so that an
/// unknown reason still gets an honest generic message.
enum Problem {
    static func message(for error: Error, in language: Language) -> String {
        guard let error = error as? HavenError else { return Strings.text(.somethingWentWrong, in: language) }
        switch error {
        case .InvalidInput(let field, let reason):
            if reason.contains("not correct") { return Strings.text(.wrongPin, in: language) }
            if reason.contains("too easy") { return Strings.text(.pinTooEasy, in: language) }
            if field == "passphrase" { return Strings.text(.passphraseTooShort, in: language, 12) }
            return Strings.text(.somethingWentWrong, in: language)
        case .Locked:
            return Strings.text(.wrongPin, in: language)
        case .Throttled:
            return Strings.text(.tooManyAttempts, in: language)
        case .PackRejected(let reason):
            return packRefusal(reason, in: language)
        case .ImportRejected(let reason):
            return importRefusal(reason, in: language)
        default:
            return Strings.text(.somethingWentWrong, in: language)
        }
    }

    /// Why a directory pack was refused (the old directory stays in use either way).
    static func packRefusal(_ reason: String, in language: Language) -> String {
        let key: TextKey
        if reason.contains("another region") {
            key = .packWrongRegion
        } else if reason.contains("older than") || reason.contains("installed version") {
            key = .packOlder
        } else if reason.contains("newer version of Haven") {
            key = .packNeedsUpdate
        } else if reason.contains("signed") || reason.contains("signature") || reason.contains("does not match") {
            key = .packNotGenuine
        } else if reason.contains("size limit") {
            key = .packTooLarge
        } else {
            key = .packNotAPack
        }
        return Strings.text(key, in: language) + " " + Strings.text(.packOldKept, in: language)
    }

    /// Why a restore failed, without the "nothing was changed" that follows it (setup says
    /// instead that the new vault is ready and empty).
    static func restoreFailure(_ error: Error, in language: Language) -> String {
        guard let error = error as? HavenError else { return Strings.text(.backupNotABackup, in: language) }
        if case .ImportRejected(let reason) = error { return Strings.text(importRefusalKey(reason), in: language) }
        return message(for: error, in: language)
    }

    /// Why a backup could not be restored (nothing was changed either way).
    static func importRefusal(_ reason: String, in language: Language) -> String {
        Strings.text(importRefusalKey(reason), in: language) + " " + Strings.text(.backupNothingChanged, in: language)
    }

    private static func importRefusalKey(_ reason: String) -> TextKey {
        let key: TextKey
        if reason.contains("wrong passphrase") {
            key = .backupWrongPassphrase
        } else if reason.contains("already has entries") {
            key = .backupJournalNotEmpty
        } else if reason.contains("not an encrypted") || reason.contains("not a ") {
            key = .backupNotABackup
        } else {
            key = .backupDamaged
        }
        return key
    }
}
