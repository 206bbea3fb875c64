import Foundation
import XCTest
@testable import HavenCore

/// The pack the app bundles (installed at setup), read from the repository.
func bundledPack() throws -> Data {
    let repo = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    return try Data(contentsOf: repo.appendingPathComponent("core/packs/kz/kz.havenpack"))
}

/// The directory through the generated Swift: search, one service, pack info and install.
final class DirectoryTests: XCTestCase {
    func testSearchInAnyScriptFiltersOneService() throws {
        let v = try TempVault()
        let s = try v.setup(options: options(locale: .ru))
        let info = try s.directoryInfo()
        XCTAssertEqual(info.region, "KZ")
        XCTAssertEqual(info.services, 7)

        let police = try s.searchDirectory(query: DirectoryQuery(text: "полиц"))
        XCTAssertFalse(police.isEmpty)
        XCTAssertTrue(police[0].phones.contains { $0.number == "102" })
        let english = try s.searchDirectory(query: DirectoryQuery(text: "police", locale: .en))
        XCTAssertEqual(english.first?.id, police[0].id)

        let emergency = try s.searchDirectory(query: DirectoryQuery(text: "112", serviceTypes: [.emergency]))
        XCTAssertFalse(emergency.isEmpty)
        XCTAssertTrue(emergency.allSatisfy { $0.serviceTypes.contains(.emergency) })
        XCTAssertTrue(try s.searchDirectory(query: DirectoryQuery(text: "")).isEmpty)

        let again = try s.directoryService(id: police[0].id, locale: nil)
        XCTAssertEqual(again.phones, police[0].phones)
        assertHavenError(try s.directoryService(id: "no-such-service", locale: nil), isNotFound)
    }

    func testPacksAreVerifiedBeforeAnythingIsInstalled() throws {
        let v = try TempVault()
        let s = try v.setup()
        let before = try s.directoryInfo()
        XCTAssertEqual(try s.installPack(pack: try bundledPack()), before)
        assertHavenError(try s.installPack(pack: Data(repeating: 3, count: 2000))) {
            if case let .PackRejected(reason) = $0 { return reason == "not a Haven directory pack" }
            return false
        }
        var tampered = [UInt8](try bundledPack())
        tampered[tampered.count / 2] ^= 1
        assertHavenError(try s.installPack(pack: Data(tampered))) {
            if case let .PackRejected(reason) = $0 { return reason.hasPrefix("pack ") }
            return false
        }
        XCTAssertEqual(try s.directoryInfo(), before)
        v.haven.quickExit()
        assertHavenError(try s.searchDirectory(query: DirectoryQuery(text: "police")), isLocked)
    }
}
