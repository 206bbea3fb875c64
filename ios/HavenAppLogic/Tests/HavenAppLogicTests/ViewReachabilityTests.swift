import Foundation
import XCTest

/// The SwiftUI views cannot be compiled on Linux, so this reads them as text:
///
/// 1. every public action (a `public func`) of the app model and of each screen model is
///    called from some view, so no feature can exist in the logic layer and stay unreachable;
/// 2. every member a view names on the app model (`model.x`), on a screen model
///    (`model.contacts.x`) or on a local alias of one (`@Bindable var contacts = model.contacts`)
///    exists and is public — what the compiler would check on a Mac.
final class ViewReachabilityTests: XCTestCase {
    private static let iosDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    private static let logic = iosDirectory.appendingPathComponent("HavenAppLogic/Sources/HavenAppLogic")

    /// The screen models `AppModel` owns: property name → file.
    private static let screens = [
        "contacts": "Screens/ContactsModel.swift", "journal": "Screens/JournalModel.swift",
        "plan": "Screens/PlanModel.swift", "orders": "Screens/OrdersModel.swift",
        "directory": "Screens/DirectoryModel.swift", "rights": "Screens/RightsModel.swift",
        "backup": "Screens/BackupModel.swift", "settings": "Screens/SettingsModel.swift",
    ]

    private struct Members {
        var all: Set<String> = []
        var actions: Set<String> = []
    }

    /// The public members declared in one source file (the type's own and its nested types').
    private static func members(of file: String) throws -> Members {
        let source = try String(contentsOf: logic.appendingPathComponent(file), encoding: .utf8)
        var members = Members()
        let declaration = try NSRegularExpression(
            pattern: #"^\s*public (?:private\(set\) )?(?:nonisolated )?(static )?(var|let|func) `?(\w+)"#,
            options: [.anchorsMatchLines])
        for match in declaration.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
            let isStatic = match.range(at: 1).location != NSNotFound
            let kind = (source as NSString).substring(with: match.range(at: 2))
            let name = (source as NSString).substring(with: match.range(at: 3))
            members.all.insert(name)
            if kind == "func" && !isStatic { members.actions.insert(name) }
        }
        return members
    }

    private static func viewSources() throws -> [(name: String, text: String)] {
        var sources: [(String, String)] = []
        for folder in ["Haven/Views", "Haven/App"] {
            let directory = iosDirectory.appendingPathComponent(folder)
            for file in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            where file.hasSuffix(".swift") {
                sources.append((file, try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)))
            }
        }
        return sources
    }

    private static func matches(_ pattern: String, in text: String) throws -> [[String]] {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (0..<match.numberOfRanges).map { index in
                let range = match.range(at: index)
                return range.location == NSNotFound ? "" : (text as NSString).substring(with: range)
            }
        }
    }

    func testEveryPublicActionOfTheAppModelIsCalledFromAView() throws {
        let views = try Self.viewSources()
        XCTAssertGreaterThan(views.count, 10, "the views were found")
        let everything = views.map(\.text).joined(separator: "\n")
        let app = try Self.members(of: "AppModel.swift")
        XCTAssertTrue(app.actions.contains("exit"), "the parser finds actions")
        for action in app.actions.sorted() {
            XCTAssertFalse(try Self.matches(#"model\??\.\#(action)\b"#, in: everything).isEmpty,
                           "AppModel.\(action)() is not called from any view: unreachable")
        }
        for (property, file) in Self.screens.sorted(by: { $0.key < $1.key }) {
            let screen = try Self.members(of: file)
            XCTAssertFalse(screen.actions.isEmpty, file)
            for action in screen.actions.sorted() {
                XCTAssertFalse(try Self.matches(#"model\.\#(property)\.\#(action)\b"#, in: everything).isEmpty,
                               "\(file): \(action)() is not called from any view: unreachable")
            }
        }
    }

    func testViewsNameOnlyPublicMembersThatExist() throws {
        let app = try Self.members(of: "AppModel.swift")
        var screens: [String: Members] = [:]
        for (property, file) in Self.screens { screens[property] = try Self.members(of: file) }
        XCTAssertEqual(Set(screens.keys).subtracting(app.all), [], "every screen model is a public property")
        var checked = 0
        for (file, text) in try Self.viewSources() {
            // model.x and model.x.y (also `$model.x`, `model?.x`).
            for match in try Self.matches(#"\bmodel\??\.(\w+)(?:\.(\w+))?"#, in: text) {
                let (first, second) = (match[1], match[2])
                XCTAssertTrue(app.all.contains(first), "\(file): model.\(first) is not a public member of AppModel")
                if let screen = screens[first], !second.isEmpty {
                    XCTAssertTrue(screen.all.contains(second), "\(file): model.\(first).\(second) does not exist")
                }
                checked += 1
            }
            // @Bindable var contacts = model.contacts … $contacts.form / contacts.form
            for alias in try Self.matches(#"@Bindable var (\w+) = model\.(\w+)"#, in: text) {
                let screen = try XCTUnwrap(screens[alias[2]], "\(file): \(alias[2]) is not a screen model")
                for use in try Self.matches(#"[\$\s(]\#(alias[1])\.(\w+)"#, in: text) {
                    XCTAssertTrue(screen.all.contains(use[1]), "\(file): \(alias[1]).\(use[1]) does not exist")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 200, "the views' uses were found")
    }

    func testNoViewReachesTheSessionDirectly() throws {
        // Views go through the models; `perform` is internal to the logic layer.
        for (file, text) in try Self.viewSources() {
            XCTAssertFalse(text.contains(".perform"), "\(file) calls the session directly")
        }
    }
}
