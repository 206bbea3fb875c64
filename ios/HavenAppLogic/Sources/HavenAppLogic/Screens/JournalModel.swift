import Foundation
import HavenCore
import Observation

/// The incident journal: any month, an entry opened with its revisions, a new entry or an edit
/// (stored by the core as a new revision: nothing is overwritten), hide and restore, incident
/// kinds, police and medical details, attachments, the evidence chain's status, viewing
/// evidence in memory, and the report export.
@MainActor
@Observable
public final class JournalModel: ScreenModel {
    /// The form for a new entry or an edit.
    public struct Form: Equatable, Sendable {
        public var occurredAt = Date()
        public var kinds: Set<IncidentKind> = []
        public var narrative = ""
        public var injuries = ""
        public var witnesses = ""
        public var place = ""
        public var policeInvolved = false
        public var policeReference = ""
        public var medicalInvolved = false
        public var medicalReference = ""
        /// The entry being edited, or `nil` for a new one.
        public var editing: Int64?
        public init() {}
    }

    /// A file picked for the entry, held in memory until the entry is saved.
    public struct PendingAttachment: Equatable, Sendable, Identifiable {
        public let id = UUID()
        public var kind: AttachmentKind
        public var fileName: String?
        public var mimeType: String
        public var bytes: Data
    }

    /// An attachment opened for viewing: its bytes in memory only, dropped on close and lock.
    public struct Evidence: Equatable, Sendable {
        public var info: AttachmentInfo
        public var bytes: Data
        /// How the view shows it.
        public var display: EvidenceDisplay
    }

    public enum EvidenceDisplay: Equatable, Sendable { case image, audio, pdf, other }

    /// The month shown.
    public private(set) var year: Int
    public private(set) var month: Int
    /// Hidden entries are listed too (greyed, with "restore").
    public var showHidden = false
    public private(set) var entries: [JournalEntry] = []
    /// The entry opened, its revisions (oldest first) and the chain's status.
    public private(set) var openEntry: JournalEntry?
    public private(set) var revisions: [RevisionInfo] = []
    public private(set) var chain: ChainStatus?
    public var form = Form()
    public private(set) var formIssue: ValidationIssue?
    public private(set) var pending: [PendingAttachment] = []
    public private(set) var viewer: Evidence?
    /// The exported report while the share sheet shows it.
    public private(set) var exportedReport: URL?
    public private(set) var exportIssue: String?

    @ObservationIgnored private weak var app: AppModel?
    @ObservationIgnored private let calendar: Calendar

    init() {
        calendar = Calendar(identifier: .gregorian)
        let parts = calendar.dateComponents([.year, .month], from: Date())
        year = parts.year ?? 2026
        month = parts.month ?? 1
    }

    func attach(_ app: AppModel) { self.app = app }

    func reset() {
        entries = []
        openEntry = nil
        revisions = []
        chain = nil
        form = Form()
        formIssue = nil
        pending = []
        viewer = nil
        exportedReport = nil
        exportIssue = nil
        showHidden = false
    }

    /// "December 2026" in her language.
    public var monthTitle: String {
        DateText.month(year: year, month: month, in: app?.language ?? .ru)
    }

    /// The core's label of an incident kind, in her language.
    public func kindLabel(_ kind: IncidentKind) -> String {
        coreLabel(.incidentKinds, kind.coreId, in: app?.language ?? .ru)
    }

    /// Every incident kind, for the form's toggles.
    public var allKinds: [IncidentKind] { IncidentKind.all }

    /// Loads the month's entries (newest first) and checks the chain.
    public func load() async {
        guard let app else { return }
        let (year, month, hidden) = (Int32(self.year), UInt32(self.month), showHidden)
        let zone = TimeZone.current.identifier
        guard let loaded = await app.attempt({ session in
            (try session.journalMonth(year: year, month: month, timeZone: zone, includeHidden: hidden),
             try session.verifyChain())
        }) else { return }
        entries = loaded.0.sorted { $0.occurredAt > $1.occurredAt }
        chain = loaded.1
    }

    /// Shows the month `by` months away (negative: earlier).
    public func moveMonth(by offset: Int) async {
        var parts = DateComponents()
        (parts.year, parts.month, parts.day) = (year, month, 15)
        guard let date = calendar.date(from: parts),
              let moved = calendar.date(byAdding: .month, value: offset, to: date) else { return }
        let newParts = calendar.dateComponents([.year, .month], from: moved)
        year = newParts.year ?? year
        month = newParts.month ?? month
        await load()
    }

    /// Shows hidden entries or not.
    public func setShowHidden(_ show: Bool) async {
        showHidden = show
        await load()
    }

    /// Opens an entry with its revisions.
    public func open(_ id: Int64) async {
        guard let app else { return }
        guard let loaded = await app.attempt({ session in
            (try session.journalEntry(id: id), try session.journalRevisions(id: id))
        }) else { return }
        openEntry = loaded.0
        revisions = loaded.1
    }

    public func closeEntry() {
        openEntry = nil
        revisions = []
        viewer = nil
    }

    /// "Created", "Edited", … for a revision, in her language.
    public func revisionLabel(_ revision: RevisionInfo) -> String {
        let key: TextKey
        switch revision.action {
        case .create: key = .revisionCreate
        case .edit: key = .revisionEdit
        case .attach: key = .revisionAttach
        case .hide: key = .revisionHide
        case .restore: key = .revisionRestore
        case .erase: key = .revisionErase
        }
        let language = app?.language ?? .ru
        let when = revision.recordedAt.map { DateText.dayAndTime($0, in: language) } ?? ""
        return "\(revision.seq). \(Strings.text(key, in: language)) \(when)".trimmingCharacters(in: .whitespaces)
    }

    /// The chain's status in plain words.
    public var chainText: String? {
        guard let chain, let language = app?.language else { return nil }
        switch chain {
        case .intact(let head): return Strings.text(.chainIntact, in: language, Int(head.revisions))
        case .broken: return Strings.text(.chainBroken, in: language)
        }
    }

    /// An entry's date and time in her language, in the time zone it was written in.
    public func when(_ entry: JournalEntry) -> String {
        DateText.dayAndTime(entry.occurredAt, in: app?.language ?? .ru,
                            timeZone: TimeZone(identifier: entry.timeZone) ?? .current)
    }

    // MARK: Writing

    /// Starts a new entry.
    public func newEntry() {
        form = Form()
        formIssue = nil
        pending = []
    }

    /// Starts an edit of the opened entry (saved as a new revision).
    public func editOpenEntry() {
        guard let entry = openEntry else { return }
        var form = Form()
        form.occurredAt = entry.occurredAt
        form.kinds = Set(entry.kinds)
        form.narrative = entry.narrative
        form.injuries = entry.injuries ?? ""
        form.witnesses = entry.witnesses ?? ""
        form.place = entry.place ?? ""
        form.policeInvolved = entry.policeInvolved
        form.policeReference = entry.policeReference ?? ""
        form.medicalInvolved = entry.medicalInvolved
        form.medicalReference = entry.medicalReference ?? ""
        form.editing = entry.id
        self.form = form
        formIssue = nil
        pending = []
    }

    /// Ticks or unticks an incident kind on the form.
    public func toggleKind(_ kind: IncidentKind) {
        if form.kinds.contains(kind) { form.kinds.remove(kind) } else { form.kinds.insert(kind) }
    }

    /// A photo from PhotosPicker or a file from the document picker, read into memory.
    public func addPending(bytes: Data, fileName: String?, mimeType: String) {
        let kind: AttachmentKind = mimeType.hasPrefix("image/") ? .photo : mimeType.hasPrefix("audio/") ? .audio : .document
        pending.append(PendingAttachment(kind: kind, fileName: fileName, mimeType: mimeType, bytes: bytes))
    }

    public func removePending(_ id: UUID) {
        pending.removeAll { $0.id == id }
    }

    /// Checks and stores the form, then its attachments. Returns whether it was saved.
    @discardableResult
    public func save() async -> Bool {
        guard let app else { return false }
        formIssue = FieldRules.checkNarrative(form.narrative)
            ?? [form.injuries, form.witnesses, form.place, form.policeReference, form.medicalReference]
            .lazy.compactMap(FieldRules.checkLongText).first
        guard formIssue == nil else { return false }
        func optional(_ text: String) -> String? {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        let draft = EntryDraft(
            occurredAt: form.occurredAt, timeZone: TimeZone.current.identifier,
            kinds: IncidentKind.all.filter(form.kinds.contains), narrative: form.narrative,
            injuries: optional(form.injuries), witnesses: optional(form.witnesses), place: optional(form.place),
            policeInvolved: form.policeInvolved,
            policeReference: form.policeInvolved ? optional(form.policeReference) : nil,
            medicalInvolved: form.medicalInvolved,
            medicalReference: form.medicalInvolved ? optional(form.medicalReference) : nil)
        let editing = form.editing
        let attachments = pending
        guard let saved = await app.attempt({ session -> JournalEntry in
            let entry = try editing.map { try session.editJournalEntry(id: $0, draft: draft) }
                ?? session.addJournalEntry(draft: draft)
            for file in attachments {
                _ = try session.addAttachment(
                    entryId: entry.id,
                    draft: AttachmentDraft(kind: file.kind, fileName: file.fileName, mimeType: file.mimeType),
                    bytes: file.bytes)
            }
            return entry
        }) else { return false }
        form = Form()
        pending = []
        if openEntry?.id == saved.id { await open(saved.id) }
        await load()
        return true
    }

    /// Hides an entry from the list (kept, and in the chain; restorable).
    public func hide(_ id: Int64) async {
        guard let app else { return }
        _ = await app.attempt { try $0.hideJournalEntry(id: id) }
        if openEntry?.id == id { await open(id) }
        await load()
    }

    /// Brings a hidden entry back.
    public func restore(_ id: Int64) async {
        guard let app else { return }
        _ = await app.attempt { try $0.restoreJournalEntry(id: id) }
        if openEntry?.id == id { await open(id) }
        await load()
    }

    // MARK: Viewing evidence

    /// Reads an attachment into memory for the viewer (never into a file).
    public func view(_ attachment: AttachmentInfo) async {
        guard let app else { return }
        let id = attachment.id
        guard let bytes = await app.attempt({ try $0.attachmentBytes(attachmentId: id) }) else { return }
        let display: EvidenceDisplay
        switch attachment.mimeType {
        case let type where type.hasPrefix("image/"): display = .image
        case let type where type.hasPrefix("audio/"): display = .audio
        case "application/pdf": display = .pdf
        default: display = .other
        }
        viewer = Evidence(info: attachment, bytes: bytes, display: display)
    }

    public func closeViewer() {
        viewer = nil
    }

    /// "photo.jpg · 1.2 MB".
    public func attachmentTitle(_ attachment: AttachmentInfo) -> String {
        let language = app?.language ?? .ru
        let name = attachment.fileName ?? coreLabel(.attachmentKinds, attachmentKindId(attachment.kind), in: language)
        let size = ByteCountFormatter.string(fromByteCount: Int64(attachment.size), countStyle: .file)
        return "\(name) · \(size)"
    }

    private func attachmentKindId(_ kind: AttachmentKind) -> String {
        switch kind {
        case .photo: return "photo"
        case .audio: return "audio"
        case .document: return "document"
        }
    }

    // MARK: Report

    /// Asks the core for the report (it checks the PIN) and writes it for the share sheet.
    /// Returns whether a report is ready.
    @discardableResult
    public func exportReport(pin: String) async -> Bool {
        guard let app else { return false }
        exportIssue = nil
        // Every entry (the core's timestamps start at 1970; an entry cannot be in the future).
        let request = ReportRequest(selection: .between(from: Date(timeIntervalSince1970: 0),
                                                        to: Date().addingTimeInterval(86_400)),
                                    locale: app.language.coreLocale, includeHidden: false)
        do {
            let html = try await app.perform { try $0.exportReport(pin: pin, request: request) }
            exportedReport = try app.exports.write(html: html)
            return true
        } catch is AppModel.VaultClosed {
            return false
        } catch {
            exportIssue = Problem.message(for: error, in: app.language)
            return false
        }
    }

    /// The share sheet closed: the report file is deleted.
    public func exportFinished() {
        exportedReport = nil
        app?.exports.removeAll()
    }
}
