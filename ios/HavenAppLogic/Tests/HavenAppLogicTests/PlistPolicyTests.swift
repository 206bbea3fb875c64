import Foundation
import XCTest

/// The app target's Info.plist and entitlements (ios/Haven/Resources) declare what the threat
/// model requires and nothing it forbids. They are plain XML property lists, read here with
/// Foundation so the check runs on Linux with the other tests.
final class PlistPolicyTests: XCTestCase {
    /// `ios/`, found from this file's location (ios/HavenAppLogic/Tests/HavenAppLogicTests/).
    private static let iosDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    private static let resources = iosDirectory.appendingPathComponent("Haven/Resources")

    private func propertyList(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: Self.resources.appendingPathComponent(name))
        let value = try PropertyListSerialization.propertyList(from: data, options: [], format: nil)
        return try XCTUnwrap(value as? [String: Any], "\(name) is not a dictionary")
    }

    func testInfoPlistAsksForNoPermissionAndNoNetworkException() throws {
        let info = try propertyList("Info.plist")
        let usageDescriptions = info.keys.filter { $0.hasPrefix("NS") && $0.hasSuffix("UsageDescription") }
        XCTAssertEqual(usageDescriptions, [], "no contacts, location, camera, photos, network… permission")
        for forbidden in ["NSContactsUsageDescription", "NSLocationWhenInUseUsageDescription",
                          "NSLocationAlwaysAndWhenInUseUsageDescription", "NSLocalNetworkUsageDescription",
                          "NSBonjourServices", "NSAppTransportSecurity", "UIBackgroundModes",
                          "NSUserActivityTypes", "CFBundleURLTypes"] {
            XCTAssertNil(info[forbidden], forbidden)
        }
        XCTAssertEqual(info["UIFileSharingEnabled"] as? Bool, false)
        XCTAssertEqual(info["LSSupportsOpeningDocumentsInPlace"] as? Bool, false)
    }

    func testEntitlementsDeclareCompleteFileProtectionAndNothingElse() throws {
        let entitlements = try propertyList("Haven.entitlements")
        XCTAssertEqual(entitlements["com.apple.developer.default-data-protection"] as? String,
                       "NSFileProtectionComplete")
        XCTAssertEqual(Array(entitlements.keys), ["com.apple.developer.default-data-protection"],
                       "no push (aps-environment), iCloud, app groups or network extensions")
    }

    func testAlternateIconsAreDeclaredAndHaveAssets() throws {
        let info = try propertyList("Info.plist")
        let icons = try XCTUnwrap(info["CFBundleIcons"] as? [String: Any])
        let alternates = try XCTUnwrap(icons["CFBundleAlternateIcons"] as? [String: [String: Any]])
        XCTAssertFalse(alternates.isEmpty)
        let primary = try XCTUnwrap((icons["CFBundlePrimaryIcon"] as? [String: Any])?["CFBundleIconName"] as? String)
        let names = [primary] + alternates.values.compactMap { $0["CFBundleIconName"] as? String }
        XCTAssertEqual(names.count, alternates.count + 1, "every alternate icon names its asset")
        for name in names {
            let contents = Self.resources.appendingPathComponent("Assets.xcassets/\(name).appiconset/Contents.json")
            XCTAssertTrue(FileManager.default.fileExists(atPath: contents.path), "missing icon set \(name)")
        }
    }

    func testDisplayNameIsLocalizedInEveryLanguage() throws {
        let info = try propertyList("Info.plist")
        XCTAssertEqual(Set(info["CFBundleLocalizations"] as? [String] ?? []), ["kk", "ru", "en"])
        for (language, expected) in [("kk", "Калькулятор"), ("ru", "Калькулятор"), ("en", "Calculator")] {
            let url = Self.resources.appendingPathComponent("\(language).lproj/InfoPlist.strings")
            let text = try String(contentsOf: url, encoding: .utf8)
            XCTAssertTrue(text.contains("\"CFBundleDisplayName\" = \"\(expected)\";"), language)
            XCTAssertFalse(text.lowercased().contains("haven"), "\(language): the disguise names the app")
        }
    }
}
