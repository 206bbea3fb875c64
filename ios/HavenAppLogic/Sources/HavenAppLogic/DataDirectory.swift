import Foundation

/// The vault's data directory and the protection iOS applies to it.
///
/// The core writes `k`, `a.db`, `b.db` and SQLite's `-wal`/`-shm` files here. On iOS every file
/// must be encrypted with the device passcode while the phone is locked
/// (`NSFileProtectionComplete`) and kept out of iCloud and computer backups
/// (`isExcludedFromBackup`). New files inherit the directory's protection class, and the app's
/// entitlement sets the same class as the default, but SQLite and atomic renames create and
/// replace files all the time, so the app re-applies both attributes to the directory and every
/// file in it after each operation that may have written (`AppModel`'s `afterWrite`).
public struct DataDirectory: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// `Application Support/c`: app-private, never shown in the Files app, a name that says
    /// nothing.
    public static func standard(fileManager: FileManager = .default) throws -> DataDirectory {
        let support = try fileManager.url(for: .applicationSupportDirectory, in: .userDomainMask,
                                          appropriateFor: nil, create: true)
        return DataDirectory(url: support.appendingPathComponent("c", isDirectory: true))
    }

    /// Creates the directory if needed and protects it.
    public func prepare(fileManager: FileManager = .default) throws {
        try fileManager.createDirectory(at: url, withIntermediateDirectories: true)
        try applyProtection(fileManager: fileManager)
    }

    /// The directory itself and every file in it, i.e. what `applyProtection` touches.
    public func protectedItems(fileManager: FileManager = .default) throws -> [URL] {
        let files = try fileManager.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
        return [url] + files.sorted { $0.path < $1.path }
    }

    /// Re-applies complete file protection and backup exclusion to the directory and its files.
    public func applyProtection(fileManager: FileManager = .default) throws {
        for item in try protectedItems(fileManager: fileManager) {
            try Self.protect(item, fileManager: fileManager)
        }
    }

    private static func protect(_ item: URL, fileManager: FileManager) throws {
        #if os(iOS) || os(watchOS) || os(tvOS) || os(visionOS)
        try fileManager.setAttributes([.protectionKey: FileProtectionType.complete], ofItemAtPath: item.path)
        #endif
        #if canImport(Darwin)
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        var item = item
        try item.setResourceValues(values)
        #endif
        // On Linux (where only the tests run) neither attribute exists.
    }
}
