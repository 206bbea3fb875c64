import Foundation
import HavenCore
import XCTest
@testable import HavenAppLogic

/// The directory through `DirectoryModel` over the bundled Kazakhstan pack, and pack installs
/// with every refusal explained.
@MainActor
final class DirectoryTests: XCTestCase {
    private static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// The public key of the throwaway key that signed `TestFixtures/uz-test-key.havenpack`.
    private nonisolated static let testKey = "RWTqvukAhlBPJ4W0+2/DoUrL6Ul1QgWjsPoyR8zJkM651hBYIcIL9Tn6"

    func testBrowsesEveryTypeBeforeAnyTypingAndShowsProvenance() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        let directory = model.directory
        await directory.load()
        XCTAssertEqual(directory.query, "")
        XCTAssertFalse(directory.results.isEmpty, "something to call before typing")
        let numbers = directory.results.flatMap { $0.phones.map(\.number) }
        XCTAssertTrue(numbers.contains("112"), "\(numbers)")
        let info = try XCTUnwrap(directory.info)
        XCTAssertEqual(info.region, "KZ")
        XCTAssertEqual(directory.outOfDateWarning == nil, !info.outOfDate)
        for hit in directory.results {
            let provenance = directory.provenance(hit)
            XCTAssertTrue(provenance.contains(hit.source), provenance)
            XCTAssertTrue(provenance.contains(hit.verified ? "Checked on" : "Not checked"), provenance)
            if hit.confidential { XCTAssertEqual(directory.addresses(hit), []) }
        }
    }

    func testFiltersReachTheQuery() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        let directory = model.directory
        await directory.load()
        let everything = directory.results

        directory.toggleType(.police)
        await directory.settle()
        XCTAssertFalse(directory.results.isEmpty)
        XCTAssertTrue(directory.results.allSatisfy { $0.serviceTypes.contains(.police) })
        XCTAssertLessThan(directory.results.count, everything.count)
        let expected = try await model.perform { session in
            try session.searchDirectory(query: DirectoryModel.query(text: "", types: [.police], place: nil,
                                                                    openNow: false, locale: .en))
        }
        XCTAssertEqual(directory.results, expected, "what the core finds for that filter")

        directory.setOpenNow(true)
        await directory.settle()
        // "Open now" leaves out what is closed now (hours the pack does not know are kept).
        XCTAssertFalse(directory.results.contains { $0.openNow == .closed }, "\(directory.results.map(\.openNow))")
        let openNow = try await model.perform { session in
            try session.searchDirectory(query: DirectoryModel.query(text: "", types: [.police], place: nil,
                                                                    openNow: true, locale: .en))
        }
        XCTAssertEqual(directory.results, openNow)
        directory.setOpenNow(false)
        directory.toggleType(.police)
        await directory.settle()
        XCTAssertEqual(directory.results.count, everything.count)
        XCTAssertEqual(directory.typeLabel(.police),
                       try HavenCore.choices(list: .serviceTypes, locale: .en).first { $0.id == "police" }?.label)
    }

    func testTypingShowsOnlyTheLatestQuerysResults() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        let directory = model.directory
        await directory.load()
        func core(_ text: String) async throws -> [DirectoryHit] {
            try await model.perform { session in
                try session.searchDirectory(query: DirectoryModel.query(text: text, types: [], place: nil,
                                                                        openNow: false, locale: .en))
            }
        }
        directory.setQuery("shelter")
        directory.setQuery("police")
        await directory.settle()
        XCTAssertEqual(directory.query, "police")
        XCTAssertFalse(directory.results.isEmpty)
        let police = try await core("police")
        XCTAssertEqual(directory.results, police, "the results of the last query typed")
        let shelter = try await core("shelter")
        XCTAssertNotEqual(police, shelter, "the two queries differ, so the check means something")
        directory.setQuery("qqqqqqqq")
        await directory.settle()
        let nonsense = try await core("qqqqqqqq")
        XCTAssertEqual(directory.results, nonsense, "whatever the core answers (its fallback lines)")
    }

    func testAForgedPackIsRefusedWithAReasonAndTheOldOneKept() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        let directory = model.directory
        await directory.load()
        let before = try XCTUnwrap(directory.info)

        var forged = try Data(contentsOf: Self.repository.appendingPathComponent("core/packs/kz/kz.havenpack"))
        let middle = forged.count / 2
        forged[middle] ^= 0x01 // one bit changed, somewhere in the signed content
        await directory.installPack(forged)
        let message = try XCTUnwrap(directory.packMessage)
        XCTAssertTrue(message.hasSuffix(Strings.text(.packOldKept, in: .en)), message)
        XCTAssertNotEqual(message, Strings.text(.somethingWentWrong, in: .en))
        XCTAssertEqual(directory.info, before)

        await directory.installPack(Data("not a pack".utf8))
        XCTAssertEqual(directory.packMessage,
                       Strings.text(.packNotAPack, in: .en) + " " + Strings.text(.packOldKept, in: .en))

        // Every reason the core gives is explained in words, never the generic failure.
        for reason in ["pack signature does not verify", "pack is signed with a key this app does not trust",
                       "pack content does not match its manifest hash", "pack is for another region",
                       "pack is older than the installed one", "pack needs a newer version of Haven",
                       "pack is larger than the size limit", "not a Haven directory pack"] {
            for language in Language.allCases {
                let text = Problem.message(for: HavenError.PackRejected(reason: reason), in: language)
                XCTAssertTrue(text.hasSuffix(Strings.text(.packOldKept, in: language)), reason)
            }
        }
        XCTAssertEqual(Problem.packRefusal("pack is for another region", in: .ru),
                       Strings.text(.packWrongRegion, in: .ru) + " " + Strings.text(.packOldKept, in: .ru))
    }

    func testAPackForAnotherRegionIsRefusedSayingSo() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault(language: .ru)
        await model.directory.load()
        let before = try XCTUnwrap(model.directory.info)
        let pack = try Data(contentsOf: Self.repository.appendingPathComponent(
            "ios/HavenAppLogic/TestFixtures/uz-test-key.havenpack"))
        // The test key is trusted only through the test-only call; the app's call refuses it.
        await model.directory.installPack(pack)
        XCTAssertEqual(model.directory.packMessage,
                       Strings.text(.packNotGenuine, in: .ru) + " " + Strings.text(.packOldKept, in: .ru))
        do {
            _ = try await model.perform { try $0.installPackTrustingTestKey(pack: pack, publicKey: Self.testKey) }
            XCTFail("a pack for another region must be refused")
        } catch {
            XCTAssertEqual(Problem.message(for: error, in: .ru),
                           Strings.text(.packWrongRegion, in: .ru) + " " + Strings.text(.packOldKept, in: .ru))
        }
        let after = try await model.perform { try $0.directoryInfo() }
        XCTAssertEqual(after, before, "the old directory is kept")
    }
}
