import Foundation

/// The report she shares with a lawyer or advocate: the only survivor data ever written outside
/// the vault as a file, and only while the share sheet is open.
///
/// The file lives in its own folder of the app's temporary directory (`tmp/e`), with complete
/// protection and backup exclusion. It is deleted when the share sheet closes, when the vault
/// locks, by "erase everything", and at every launch (whatever a crash left behind).
public struct ExportFiles: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// `tmp/e` in the app's sandbox.
    public static var standard: ExportFiles {
        ExportFiles(directory: FileManager.default.temporaryDirectory.appendingPathComponent("e", isDirectory: true))
    }

    /// Writes the report and returns its URL for the share sheet.
    public func write(html: String) throws -> URL {
        let folder = DataDirectory(url: directory)
        try folder.prepare()
        let url = directory.appendingPathComponent("report.html")
        #if os(iOS)
        try Data(html.utf8).write(to: url, options: [.atomic, .completeFileProtection])
        #else
        try Data(html.utf8).write(to: url, options: .atomic)
        #endif
        try folder.applyProtection()
        return url
    }

    /// Deletes every exported file.
    public func removeAll() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Whether any exported file is still there.
    public var isEmpty: Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).isEmpty
    }
}
