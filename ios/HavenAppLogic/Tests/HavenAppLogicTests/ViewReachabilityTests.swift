import Foundation
import XCTest

/// The SwiftUI views cannot be compiled on Linux, so this reads them as text:
///
/// 1. every public action (a `public func`) of the app model and of each screen model is
///    called from some view, so no feature can exist in the logic layer and stay unreachable;
/// 2. every member a view names on the app model (`model.x`), on a screen model
///    (`model.contacts.x`) or on a local name for one (`@Bindable var contacts = model.contacts`,
///    `let notes: NotesModel`) exists and is public — what the compiler would check on a Mac.
final class ViewReachabilityTests: XCTestCase {
    private static let iosDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    private static let logic = iosDirectory.appendingPathComponent("HavenAppLogic/Sources/HavenAppLogic")

    private struct Members {
        var all: Set<String> = []
        var actions: Set<String> = []
    }

    /// The public members declared in one source file (the type's own and its nested types').
    private static func members(ofFile file: String) throws -> Members {
        let source = try String(contentsOf: logic.appendingPathComponent(file), encoding: .utf8)
        var members = Members()
        for match in try matches(#"(?m)^\s*public (?:private\(set\) )?(?:nonisolated )?(static )?(var|let|func) `?(\w+)"#,
                                 in: source) {
            members.all.insert(match[3])
            if match[2] == "func" && match[1].isEmpty { members.actions.insert(match[3]) }
        }
        return members
    }

    /// `AppModel` and every screen model it owns (`public let contacts = ContactsModel()`):
    /// type name → members, and AppModel's property → type name.
    private static func models() throws -> (types: [String: Members], properties: [String: String]) {
        let appSource = try String(contentsOf: logic.appendingPathComponent("AppModel.swift"), encoding: .utf8)
        var types = ["AppModel": try members(ofFile: "AppModel.swift")]
        var properties: [String: String] = [:]
        for match in try matches(#"public let (\w+) = (\w+Model)\("#, in: appSource) {
            properties[match[1]] = match[2]
            types[match[2]] = try members(ofFile: "Screens/\(match[2]).swift")
        }
        return (types, properties)
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

    /// Local names in a view for a model: `model` itself, `@Bindable var x = model.p`, `let x: T`.
    private static func aliases(in text: String, properties: [String: String],
                                types: [String: Members]) throws -> [String: String] {
        var aliases = ["model": "AppModel"]
        for match in try matches(#"@Bindable var (\w+) = model\.(\w+)"#, in: text) {
            if let type = properties[match[2]] { aliases[match[1]] = type }
        }
        for match in try matches(#"(?:let|var) (\w+): (\w+Model)\b"#, in: text) where types[match[2]] != nil {
            aliases[match[1]] = match[2]
        }
        return aliases
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
        let (types, properties) = try Self.models()
        XCTAssertGreaterThanOrEqual(properties.count, 8, "the screen models were found")
        XCTAssertTrue(types["AppModel"]?.actions.contains("exit") == true, "the parser finds actions")
        let views = try Self.viewSources()
        XCTAssertGreaterThan(views.count, 10, "the views were found")
        // Every call site, as (type, member): through `model.p.x` or a local name.
        var called = Set<String>()
        for (_, text) in views {
            for match in try Self.matches(#"\bmodel\??\.(\w+)(?:\.(\w+))?"#, in: text) {
                called.insert("AppModel.\(match[1])")
                if let type = properties[match[1]], !match[2].isEmpty { called.insert("\(type).\(match[2])") }
            }
            for (alias, type) in try Self.aliases(in: text, properties: properties, types: types) where alias != "model" {
                for use in try Self.matches(#"[\$\s(!{]\#(alias)\.(\w+)"#, in: text) { called.insert("\(type).\(use[1])") }
            }
        }
        for (type, members) in types.sorted(by: { $0.key < $1.key }) {
            XCTAssertFalse(members.actions.isEmpty, type)
            for action in members.actions.sorted() {
                XCTAssertTrue(called.contains("\(type).\(action)"),
                              "\(type).\(action)() is not called from any view: unreachable")
            }
        }
    }

    func testViewsNameOnlyPublicMembersThatExist() throws {
        let (types, properties) = try Self.models()
        let app = try XCTUnwrap(types["AppModel"])
        XCTAssertEqual(Set(properties.keys).subtracting(app.all), [], "every screen model is a public property")
        var checked = 0
        for (file, text) in try Self.viewSources() {
            // model.x and model.x.y (also `$model.x`, `model?.x`).
            for match in try Self.matches(#"\bmodel\??\.(\w+)(?:\.(\w+))?"#, in: text) {
                let (first, second) = (match[1], match[2])
                XCTAssertTrue(app.all.contains(first), "\(file): model.\(first) is not a public member of AppModel")
                if let type = properties[first], !second.isEmpty {
                    XCTAssertTrue(types[type]!.all.contains(second), "\(file): model.\(first).\(second) does not exist")
                }
                checked += 1
            }
            for (alias, type) in try Self.aliases(in: text, properties: properties, types: types) where alias != "model" {
                for use in try Self.matches(#"[\$\s(!{]\#(alias)\.(\w+)"#, in: text) {
                    XCTAssertTrue(types[type]!.all.contains(use[1]), "\(file): \(alias).\(use[1]) does not exist on \(type)")
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
