import Foundation

/// The few settings the app needs while the vault is locked, so they cannot live inside it:
/// whether setup was already offered once, and the auto-lock delay. Nothing here is survivor
/// content. Same two settings as Android's `ShellPrefs`.
///
/// Stored as a small JSON file (not the defaults database, whose plist lands in `Library/Preferences`
/// under the bundle id and is included in backups) at a path the app chooses, with the same
/// file protection and backup exclusion as the data directory.
public struct ShellSettings: Codable, Equatable, Sendable {
    /// Setup was shown once (the first launch). After that it never opens by itself: after
    /// "erase everything" the app stays a calculator.
    public var setupOffered = false
    /// Lock the open vault after this many minutes without a touch; 0 = only on leaving the app.
    public var autoLockMinutes = ShellSettings.defaultAutoLockMinutes

    public static let defaultAutoLockMinutes = 2
    /// The choices offered in settings (minutes; 0 = never by time).
    public static let autoLockChoices = [1, 2, 5, 10, 0]

    public init() {}

    /// What is kept after "erase everything": only that setup was offered (so the next launch
    /// does not show setup, which would tell anyone that a hidden space existed).
    public var afterWipe: ShellSettings {
        var kept = ShellSettings()
        kept.setupOffered = setupOffered
        return kept
    }
}

/// Reads and writes `ShellSettings` at one file. A missing or unreadable file reads as the
/// defaults (first launch).
public struct ShellSettingsStore: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    public func load() -> ShellSettings {
        guard let data = try? Data(contentsOf: url),
              let settings = try? JSONDecoder().decode(ShellSettings.self, from: data) else {
            return ShellSettings()
        }
        return settings
    }

    public func save(_ settings: ShellSettings) {
        guard let data = try? JSONEncoder().encode(settings) else { return }
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                 withIntermediateDirectories: true)
        #if os(iOS)
        try? data.write(to: url, options: [.atomic, .completeFileProtection])
        #else
        try? data.write(to: url, options: .atomic)
        #endif
        #if canImport(Darwin)
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        var file = url
        try? file.setResourceValues(values)
        #endif
    }
}
