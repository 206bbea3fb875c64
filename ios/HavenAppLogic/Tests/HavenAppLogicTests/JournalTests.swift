import Foundation
import HavenCore
import XCTest
@testable import HavenAppLogic

/// The full journal through `JournalModel`, against the real core.
@MainActor
final class JournalTests: XCTestCase {
    private func date(_ year: Int, _ month: Int, _ day: Int) -> Date {
        var parts = DateComponents()
        (parts.year, parts.month, parts.day, parts.hour) = (year, month, day, 12)
        return Calendar(identifier: .gregorian).date(from: parts)!
    }

    private func write(_ model: AppModel, on day: Date, _ narrative: String,
                       configure: (inout JournalModel.Form) -> Void = { _ in }) async -> Bool {
        model.journal.newEntry()
        model.journal.form.occurredAt = day
        model.journal.form.narrative = narrative
        configure(&model.journal.form)
        return await model.journal.save()
    }

    func testAnyMonthIsListedAndAnEntryOpensWithAllItsFields() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        let journal = model.journal
        let saved = await write(model, on: date(2025, 3, 10), "March incident.") { form in
            form.kinds = [.physical, .threats]
            form.injuries = "bruise on the arm"
            form.policeInvolved = true
            form.policeReference = "KUSP 1234"
            form.medicalInvolved = true
            form.medicalReference = "clinic 7, card 55"
        }
        XCTAssertTrue(saved, model.alertMessage ?? "")
        let savedToo = await write(model, on: date(2025, 4, 2), "April incident.")
        XCTAssertTrue(savedToo)

        // The current month holds neither; going back finds each in its month.
        await journal.load()
        XCTAssertEqual(journal.entries, [])
        let now = Calendar(identifier: .gregorian).dateComponents([.year, .month], from: Date())
        let monthsBack = (now.year! - 2025) * 12 + now.month! - 4
        await journal.moveMonth(by: -monthsBack)
        XCTAssertEqual(journal.entries.map(\.narrative), ["April incident."])
        XCTAssertEqual(journal.monthTitle, DateText.month(year: 2025, month: 4, in: .en))
        await journal.moveMonth(by: -1)
        XCTAssertEqual(journal.entries.map(\.narrative), ["March incident."])

        let id = try XCTUnwrap(journal.entries.first?.id)
        await journal.open(id)
        let entry = try XCTUnwrap(journal.openEntry)
        XCTAssertEqual(Set(entry.kinds), [.physical, .threats])
        XCTAssertEqual(entry.injuries, "bruise on the arm")
        XCTAssertTrue(entry.policeInvolved)
        XCTAssertEqual(entry.policeReference, "KUSP 1234")
        XCTAssertEqual(entry.medicalReference, "clinic 7, card 55")
        XCTAssertEqual(journal.kindLabel(.physical),
                       try HavenCore.choices(list: .incidentKinds, locale: .en).first { $0.id == "physical" }?.label)
        XCTAssertEqual(journal.revisions.map(\.action), [.create])
        XCTAssertEqual(journal.chainText, Strings.text(.chainIntact, in: .en, 2))
    }

    func testAnEditIsANewRevisionAndHideRestoreKeepTheEntry() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        let journal = model.journal
        let saved = await write(model, on: Date().addingTimeInterval(-3600), "First words.")
        XCTAssertTrue(saved)
        await journal.load()
        let id = try XCTUnwrap(journal.entries.first?.id)
        await journal.open(id)

        journal.editOpenEntry()
        XCTAssertEqual(journal.form.editing, id)
        XCTAssertEqual(journal.form.narrative, "First words.")
        journal.form.narrative = "First words, corrected."
        journal.toggleKind(.psychological)
        let edited = await journal.save()
        XCTAssertTrue(edited, model.alertMessage ?? "")
        XCTAssertEqual(journal.openEntry?.narrative, "First words, corrected.")
        XCTAssertEqual(journal.openEntry?.kinds, [.psychological])
        XCTAssertEqual(journal.revisions.map(\.action), [.create, .edit])
        XCTAssertEqual(journal.entries.count, 1, "an edit is not a second entry")
        XCTAssertTrue(journal.revisionLabel(journal.revisions[1]).contains(Strings.text(.revisionEdit, in: .en)))

        await journal.hide(id)
        XCTAssertEqual(journal.entries, [], "hidden from the list")
        await journal.setShowHidden(true)
        XCTAssertEqual(journal.entries.map(\.hidden), [true])
        await journal.restore(id)
        await journal.setShowHidden(false)
        XCTAssertEqual(journal.entries.map(\.id), [id])
        XCTAssertEqual(journal.revisions.map(\.action), [.create, .edit, .hide, .restore])
        if case .intact = journal.chain {} else { XCTFail("the chain stays intact: \(String(describing: journal.chain))") }
    }

    func testAFormWithoutNarrativeStoresNothing() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        let saved = await write(model, on: Date(), "   ")
        XCTAssertFalse(saved)
        XCTAssertEqual(model.journal.formIssue, .narrativeRequired)
        let all = try await model.perform { try $0.journalBetween(from: .distantPast, to: .distantFuture, includeHidden: true) }
        XCTAssertEqual(all, [])
    }

    func testEvidenceIsViewedFromMemoryAndTheViewerClosesOnLock() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        let journal = model.journal
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 64))
        let pdf = Data("%PDF-1.4\n%%EOF\n".utf8)
        journal.newEntry()
        journal.form.narrative = "Photos of the door."
        journal.addPending(bytes: png, fileName: nil, mimeType: "image/png")
        journal.addPending(bytes: pdf, fileName: "statement.pdf", mimeType: "application/pdf")
        journal.addPending(bytes: Data([1, 2, 3]), fileName: "call.m4a", mimeType: "audio/mp4")
        XCTAssertEqual(journal.pending.map(\.kind), [.photo, .document, .audio])
        let saved = await journal.save()
        XCTAssertTrue(saved, model.alertMessage ?? "")
        XCTAssertEqual(journal.pending, [])
        await journal.load()
        let entry = try XCTUnwrap(journal.entries.first)
        XCTAssertEqual(entry.attachments.count, 3)
        await journal.open(entry.id)
        XCTAssertEqual(journal.revisions.map(\.action), [.create, .attach, .attach, .attach])

        let photo = try XCTUnwrap(entry.attachments.first { $0.kind == .photo })
        await journal.view(photo)
        XCTAssertEqual(journal.viewer?.bytes, png)
        XCTAssertEqual(journal.viewer?.display, .image)
        let document = try XCTUnwrap(entry.attachments.first { $0.fileName == "statement.pdf" })
        XCTAssertTrue(journal.attachmentTitle(document).hasPrefix("statement.pdf · "))
        await journal.view(document)
        XCTAssertEqual(journal.viewer?.display, .pdf)
        XCTAssertEqual(journal.viewer?.bytes, pdf)

        // Nothing was written outside the vault to show them.
        XCTAssertTrue(fixture.exports.isEmpty)

        model.scenePhaseChanged(.inactive)
        XCTAssertNil(journal.viewer, "a lock closes the viewer")
        XCTAssertNil(journal.openEntry)
        XCTAssertEqual(journal.entries, [])
        XCTAssertEqual(journal.revisions, [])
    }
}
