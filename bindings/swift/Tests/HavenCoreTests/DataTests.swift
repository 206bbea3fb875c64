import Foundation
import XCTest
@testable import HavenCore

let PASSPHRASE = "correct horse battery staple"

/// A ByteSource over bytes in memory, handing out what is asked for, chunk by chunk.
final class BytesSource: ByteSource, @unchecked Sendable {
    private let lock = NSLock()
    private let bytes: [UInt8]
    private var offset = 0
    private(set) var calls = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    func read(maxLen: UInt32) throws -> Data {
        lock.lock(); defer { lock.unlock() }
        calls += 1
        let n = min(Int(maxLen), bytes.count - offset)
        defer { offset += n }
        return Data(bytes[offset..<(offset + n)])
    }
}

/// A ByteSink collecting into memory.
final class BytesSink: ByteSink, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var bytes = [UInt8]()
    func write(chunk: Data) throws {
        lock.lock(); defer { lock.unlock() }
        bytes += chunk
    }
}

func entry(_ narrative: String, at: Date = Date(timeIntervalSince1970: 1_772_217_000)) -> EntryDraft {
    EntryDraft(
        occurredAt: at, timeZone: "Asia/Almaty", kinds: [.threats, .physical], narrative: narrative,
        injuries: "bruise on the left arm", witnesses: "neighbour", place: "kitchen",
        policeInvolved: true, policeReference: "KUI 123", medicalInvolved: false, medicalReference: nil)
}

func contact(_ name: String, _ phone: String) -> ContactDraft {
    ContactDraft(
        name: name, phone: phone, relation: "friend", codeWord: "blue umbrella",
        capabilities: ["keep_go_bag", "call_police"], emergency: true)
}

func isNotFound(_ e: HavenError) -> Bool {
    if case .NotFound = e { return true }
    return false
}

/// Every data feature of a Session, through the generated Swift.
final class DataTests: XCTestCase {
    func testSafetyPlan() throws {
        let v = try TempVault()
        let s = try v.setup()
        XCTAssertGreaterThanOrEqual(try s.plan().count, 10)
        let money = try s.planSection(sectionId: "money")
        XCTAssertTrue(money.items.allSatisfy { $0.status == .suggested })
        let (a, b) = (money.items[0].id, money.items[1].id)
        try s.dismissPlanSuggestion(itemId: a)
        XCTAssertEqual(try s.planSection(sectionId: "money").dismissed.count, 1)
        try s.adoptPlanSuggestion(itemId: a)
        XCTAssertEqual(try s.planSection(sectionId: "money").items.last?.id, a)
        let edited = try s.editPlanItem(itemId: b, text: "my own wording")
        XCTAssertTrue(edited.isOwnText)
        XCTAssertEqual(edited.status, .adopted)
        let own = try s.addPlanItem(sectionId: "money", text: "cash in the shoe")
        try s.setPlanItemChecked(itemId: own.id, checked: true)
        XCTAssertEqual(try s.planSection(sectionId: "money").items.first { $0.id == own.id }?.checked, true)
        try s.movePlanItem(itemId: own.id, newIndex: 0)
        XCTAssertEqual(try s.planSection(sectionId: "money").items[0].id, own.id)
        try s.removePlanItem(itemId: own.id)
        XCTAssertFalse(try s.planSection(sectionId: "money").items.contains { $0.id == own.id })
        try s.setPlanReviewDate(date: "2026-06-01")
        XCTAssertEqual(try s.planSection(sectionId: "review_date").reviewDate, "2026-06-01")
        try s.setPlanReviewDate(date: nil)
        XCTAssertNil(try s.planSection(sectionId: "review_date").reviewDate)
        assertHavenError(try s.planSection(sectionId: "no_such_section"), isNotFound)
    }

    func testTrustedContacts() throws {
        let v = try TempVault()
        let s = try v.setup()
        let a = try s.addContact(draft: contact("Айгуль", "8 701 123 45 67"))
        XCTAssertEqual(a.phone, "+77011234567")
        let b = try s.addContact(draft: contact("Dana", "+7 701 765 43 21"))
        XCTAssertEqual(try s.contacts().map(\.id), [a.id, b.id])
        try s.moveContact(id: b.id, newIndex: 0)
        XCTAssertEqual(try s.contacts().map(\.id), [b.id, a.id])
        let updated = try s.updateContact(id: a.id, draft: contact("Aigul", "87017654321"))
        XCTAssertEqual(try s.contact(id: a.id), updated)
        try s.removeContact(id: b.id)
        assertHavenError(try s.contact(id: b.id), isNotFound)
        assertHavenError(try s.addContact(draft: contact("A", "12345"))) {
            if case let .InvalidInput(field, _) = $0 { return field == "phone" }
            return false
        }
    }

    func testJournalAttachmentsAndChain() throws {
        let v = try TempVault()
        let s = try v.setup()
        let e = try s.addJournalEntry(draft: entry("He threatened me"))
        XCTAssertEqual(e.revisionCount, 1)
        XCTAssertEqual(try s.editJournalEntry(id: e.id, draft: entry("He threatened me with a knife")).revisionCount, 2)
        XCTAssertEqual(try s.journalEntry(id: e.id).narrative, "He threatened me with a knife")

        let photo = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let small = try s.addAttachment(
            entryId: e.id, draft: AttachmentDraft(kind: .photo, fileName: "arm.jpg", mimeType: "image/jpeg"), bytes: photo)
        XCTAssertEqual(try s.attachmentBytes(attachmentId: small.id), photo)

        let audio = (0..<1_500_000).map { UInt8($0 % 251) }
        let source = BytesSource(audio)
        let big = try s.addAttachmentStream(
            entryId: e.id, draft: AttachmentDraft(kind: .audio, fileName: nil, mimeType: "audio/mp4"),
            size: UInt64(audio.count), source: source)
        XCTAssertGreaterThan(source.calls, 2, "streamed in chunks")
        let sink = BytesSink()
        XCTAssertEqual(try s.readAttachmentTo(attachmentId: big.id, sink: sink), UInt64(audio.count))
        XCTAssertEqual(sink.bytes, audio)

        let revisions = try s.journalRevisions(id: e.id)
        XCTAssertEqual(revisions.map(\.action), [.create, .edit, .attach, .attach])
        XCTAssertEqual(revisions[0].hash, revisions[1].prevHash)
        guard case let .intact(head) = try s.verifyChain() else { return XCTFail("chain broken") }
        XCTAssertEqual(head.revisions, 4)

        XCTAssertEqual(try s.journalMonth(year: 2026, month: 2, timeZone: "Asia/Almaty", includeHidden: false).map(\.id), [e.id])
        try s.hideJournalEntry(id: e.id)
        XCTAssertTrue(try s.journalMonth(year: 2026, month: 2, timeZone: "Asia/Almaty", includeHidden: false).isEmpty)
        try s.restoreJournalEntry(id: e.id)
        let from = Date(timeIntervalSince1970: 1_769_904_000)  // 2026-02-01
        XCTAssertEqual(try s.journalBetween(from: from, to: from.addingTimeInterval(60 * 86_400), includeHidden: false).count, 1)

        let other = try s.addJournalEntry(draft: entry("to be erased", at: Date(timeIntervalSince1970: 1_768_039_200)))
        try s.eraseEntryPermanently(id: other.id)
        assertHavenError(try s.journalEntry(id: other.id), isNotFound)
        guard case .intact = try s.verifyChain() else { return XCTFail("chain broken") }
    }

    func testProtectionOrders() throws {
        let v = try TempVault()
        let s = try v.setup()
        var kz = Calendar(identifier: .gregorian)
        kz.timeZone = TimeZone(secondsFromGMT: 5 * 3600)!
        let issued = kz.date(byAdding: .day, value: -2, to: Date())!
        let c = kz.dateComponents([.year, .month, .day], from: issued)
        let issuedOn = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        let draft = OrderDraft(
            kind: .policeProtectiveOrder, issuingBody: "Police department, Almaty", reference: "No. 77",
            issuedOn: issuedOn, expiresOn: nil, conditions: "no contact", linkedEntries: [], linkedDocuments: [])
        let order = try s.addProtectionOrder(draft: draft)
        XCTAssertNotNil(order.expiresOn)
        XCTAssertEqual(try s.protectionOrders(), [order])
        let standing = try s.protectionOrderStanding(id: order.id, withinDays: 3)
        XCTAssertTrue([.active, .expiringSoon].contains(standing.status))
        var changed = draft
        changed.conditions = "no contact, no approach"
        let updated = try s.updateProtectionOrder(id: order.id, draft: changed)
        XCTAssertEqual(try s.protectionOrder(id: order.id), updated)
        try s.removeProtectionOrder(id: order.id)
        XCTAssertTrue(try s.protectionOrders().isEmpty)
        XCTAssertFalse(try orderKindInfo(kind: .courtSpecialRequirements, locale: .ru).sources.isEmpty)
    }

    func testDangerSignsRightsAndContent() throws {
        let v = try TempVault()
        let s = try v.setup(options: options(locale: .kk))
        let signs = try s.dangerSigns()
        XCTAssertEqual(signs, try dangerSigns(locale: .kk))
        let first = signs.signs[0].id
        try s.setDangerSignTicked(signId: first, ticked: true)
        XCTAssertEqual(try s.tickedDangerSigns(), [first])
        try s.setDangerSignTicked(signId: first, ticked: false)
        XCTAssertTrue(try s.tickedDangerSigns().isEmpty)
        XCTAssertEqual(try s.rights(), try rights(locale: .kk))
        for list in [ChoiceList.incidentKinds, .orderKinds, .orderStatus, .contactCapabilities, .relations, .attachmentKinds, .serviceTypes] {
            XCTAssertFalse(try choices(list: list, locale: .ru).isEmpty)
        }
    }

    func testReportBundleOutAndBackInRefusedImports() throws {
        let from = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
        let bundle: Data
        let streamed = BytesSink()
        do {
            let v = try TempVault()
            let s = try v.setup()
            let e = try s.addJournalEntry(draft: entry("He took my passport"))
            _ = try s.addAttachment(
                entryId: e.id, draft: AttachmentDraft(kind: .document, fileName: "scan.pdf", mimeType: "application/pdf"),
                bytes: Data(repeating: 7, count: 10_000))
            let report = try s.exportReport(
                pin: PIN, request: ReportRequest(selection: .between(from: from, to: from.addingTimeInterval(365 * 86_400)), locale: .en, includeHidden: false))
            XCTAssertTrue(report.contains("He took my passport"))
            bundle = try s.exportBundle(pin: PIN, passphrase: PASSPHRASE)
            try s.exportBundleTo(pin: PIN, passphrase: PASSPHRASE, sink: streamed)
        }
        let v = try TempVault()
        let t = try v.setup()
        assertHavenError(try t.importBundle(passphrase: PASSPHRASE, bundle: Data(repeating: 1, count: 1000))) {
            if case .ImportRejected = $0 { return true }
            return false
        }
        XCTAssertEqual(try t.importBundleFrom(passphrase: PASSPHRASE, source: BytesSource(streamed.bytes)), 1)
        XCTAssertEqual(try t.journalBetween(from: from, to: from.addingTimeInterval(365 * 86_400), includeHidden: false).map(\.narrative), ["He took my passport"])
        let w = try TempVault()
        XCTAssertEqual(try w.setup().importBundle(passphrase: PASSPHRASE, bundle: bundle), 1)
    }

    func testEveryDataCallFailsWithLockedAfterQuickExit() throws {
        let v = try TempVault()
        let s = try v.setup()
        let e = try s.addJournalEntry(draft: entry("x"))
        v.haven.quickExit()
        assertHavenError(try s.plan(), isLocked)
        assertHavenError(try s.addPlanItem(sectionId: "money", text: "x"), isLocked)
        assertHavenError(try s.contacts(), isLocked)
        assertHavenError(try s.journalEntry(id: e.id), isLocked)
        assertHavenError(try s.addJournalEntry(draft: entry("y")), isLocked)
        assertHavenError(try s.verifyChain(), isLocked)
        assertHavenError(try s.protectionOrders(), isLocked)
        assertHavenError(try s.dangerSigns(), isLocked)
        assertHavenError(try s.exportBundle(pin: PIN, passphrase: PASSPHRASE), isLocked)
    }
}
