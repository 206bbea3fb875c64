import Foundation
import XCTest

/// What the iOS sources must never use, checked over every Swift file of the app target and the
/// logic layer (including the SwiftUI views, which are not compiled on Linux): no logging that
/// could carry survivor data, no networking, no notifications, no access to the phone's
/// contacts or location, no web views, no pasteboard.
final class SourcePolicyTests: XCTestCase {
    private static let iosDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    private static let forbidden: [(pattern: String, why: String)] = [
        ("print(", "logging"), ("NSLog(", "logging"), ("os_log", "logging"), ("Logger(", "logging"),
        ("debugPrint(", "logging"), ("dump(", "logging"),
        ("URLSession", "network"), ("import Network", "network"), ("NWConnection", "network"),
        ("UNUserNotificationCenter", "notifications"), ("UserNotifications", "notifications"),
        ("CNContactStore", "the phone's contacts"), ("import Contacts", "the phone's contacts"),
        ("CLLocationManager", "location"), ("import CoreLocation", "location"),
        ("WKWebView", "web view"), ("import WebKit", "web view"),
        ("UIPasteboard", "pasteboard"), ("UserDefaults", "unencrypted storage"),
    ]

    func testNoForbiddenApiInTheAppOrTheLogicLayer() throws {
        let roots = ["Haven", "HavenAppLogic/Sources"].map { Self.iosDirectory.appendingPathComponent($0) }
        var checked = 0
        for root in roots {
            let files = try XCTUnwrap(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
            for case let file as URL in files where file.pathExtension == "swift" {
                let source = try String(contentsOf: file, encoding: .utf8)
                for (pattern, why) in Self.forbidden where source.contains(pattern) {
                    XCTFail("\(file.lastPathComponent) uses \(pattern) (\(why))")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 20, "the sources were found")
    }
}
