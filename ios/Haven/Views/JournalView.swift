import HavenAppLogic
import HavenCore
import PhotosUI
import SwiftUI
import UniformTypeIdentifiers

/// The incident journal: this month's entries, a new entry with attachments, and the export
/// for a lawyer or advocate.
///
/// Attachments are read into memory (PhotosPicker's `Data` transfer, or a security-scoped read
/// of the picked document) and handed to the core, which stores them encrypted; no copy is
/// written anywhere else. The original stays in Photos or Files, and the screen says so.
struct JournalView: View {
    let model: AppModel
    @State private var entries: [JournalEntry] = []
    @State private var showingNewEntry = false
    @State private var showingExport = false

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        List {
            Section(footer: Text(t(.revisionNote))) {
                ForEach(entries, id: \.id) { entry in
                    VStack(alignment: .leading) {
                        Text(entry.occurredAt, style: .date).font(.headline)
                        Text(entry.narrative).lineLimit(3)
                        if !entry.attachments.isEmpty {
                            Text("\(t(.attachments)): \(entry.attachments.count)").font(.caption)
                        }
                    }
                }
            }
        }
        .toolbar {
            ToolbarItem(placement: .topBarLeading) { Button(t(.newEntry)) { showingNewEntry = true } }
            ToolbarItem(placement: .bottomBar) { Button(t(.export)) { showingExport = true } }
        }
        .sheet(isPresented: $showingNewEntry) {
            EntryFormView(model: model) { Task { await reload() } }
        }
        .sheet(isPresented: $showingExport) { ExportView(model: model) }
        .task { await reload() }
    }

    private func reload() async {
        let now = Date()
        let parts = Calendar.current.dateComponents([.year, .month], from: now)
        let zone = TimeZone.current.identifier
        if let loaded = try? await model.perform({
            try $0.journalMonth(year: Int32(parts.year ?? 2026), month: UInt32(parts.month ?? 1),
                                timeZone: zone, includeHidden: false)
        }) {
            entries = loaded.reversed()
        }
    }
}

/// A new entry. Saved first, then its attachments are added one by one (each a new revision in
/// the evidence chain).
private struct EntryFormView: View {
    let model: AppModel
    let onSaved: () -> Void
    @Environment(\.dismiss) private var dismiss
    @State private var occurredAt = Date()
    @State private var narrative = ""
    @State private var injuries = ""
    @State private var witnesses = ""
    @State private var place = ""
    @State private var photoItems: [PhotosPickerItem] = []
    @State private var documents: [(name: String, data: Data, mime: String)] = []
    @State private var showingImporter = false
    @State private var narrativeIssue: ValidationIssue?

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        NavigationStack {
            Form {
                DatePicker(t(.occurredAt), selection: $occurredAt)
                Section(t(.narrative)) {
                    TextEditor(text: $narrative).frame(minHeight: 120).vaultTextInput()
                    IssueText(issue: narrativeIssue, language: model.language)
                }
                TextField(t(.injuries), text: $injuries, axis: .vertical).vaultTextInput()
                TextField(t(.witnesses), text: $witnesses, axis: .vertical).vaultTextInput()
                TextField(t(.place), text: $place).vaultTextInput()
                Section(footer: Text(t(.attachmentNote))) {
                    PhotosPicker(t(.addPhoto), selection: $photoItems, matching: .images)
                    Button(t(.addDocument)) { showingImporter = true }
                    ForEach(documents.indices, id: \.self) { Text(documents[$0].name) }
                    if !photoItems.isEmpty { Text("\(t(.attachments)): \(photoItems.count + documents.count)") }
                }
            }
            .fileImporter(isPresented: $showingImporter, allowedContentTypes: [.pdf, .image, .audio],
                          allowsMultipleSelection: true) { result in
                for url in (try? result.get()) ?? [] { readDocument(url) }
            }
            .toolbar {
                ToolbarItem(placement: .cancellationAction) { Button(t(.cancel)) { dismiss() } }
                ToolbarItem(placement: .confirmationAction) { Button(t(.save)) { Task { await save() } } }
            }
            .exitButton(model)
        }
    }

    /// Reads a picked document straight into memory (no copy in the app's files).
    private func readDocument(_ url: URL) {
        guard url.startAccessingSecurityScopedResource() else { return }
        defer { url.stopAccessingSecurityScopedResource() }
        guard let data = try? Data(contentsOf: url, options: .uncached) else { return }
        let mime = UTType(filenameExtension: url.pathExtension)?.preferredMIMEType ?? "application/octet-stream"
        documents.append((url.lastPathComponent, data, mime))
    }

    private func save() async {
        narrativeIssue = FieldRules.checkNarrative(narrative)
        guard narrativeIssue == nil else { return }
        func optional(_ text: String) -> String? { text.isEmpty ? nil : text }
        let draft = EntryDraft(occurredAt: occurredAt, timeZone: TimeZone.current.identifier, kinds: [],
                               narrative: narrative, injuries: optional(injuries), witnesses: optional(witnesses),
                               place: optional(place), policeInvolved: false, policeReference: nil,
                               medicalInvolved: false, medicalReference: nil)
        var attachments: [(AttachmentDraft, Data)] = []
        for item in photoItems {
            if let data = try? await item.loadTransferable(type: Data.self) {
                attachments.append((AttachmentDraft(kind: .photo, fileName: nil, mimeType: "image/jpeg"), data))
            }
        }
        for document in documents {
            let kind: AttachmentKind = document.mime.hasPrefix("audio/") ? .audio : .document
            attachments.append((AttachmentDraft(kind: kind, fileName: document.name, mimeType: document.mime),
                                document.data))
        }
        let toAdd = attachments
        do {
            try await model.perform { session in
                let entry = try session.addJournalEntry(draft: draft)
                for (attachment, data) in toAdd {
                    _ = try session.addAttachment(entryId: entry.id, draft: attachment, bytes: data)
                }
            }
            onSaved()
            dismiss()
        } catch is AppModel.VaultClosed {
            dismiss()
        } catch {
            model.alertMessage = Strings.text(.somethingWentWrong, in: model.language)
        }
    }
}

/// Export: the PIN again (the core checks it), then a printable report handed to the share
/// sheet. The report file lives in the app's temporary directory with complete protection,
/// excluded from backup, and is deleted when the share sheet closes (and at every launch).
private struct ExportView: View {
    let model: AppModel
    @Environment(\.dismiss) private var dismiss
    @State private var pin = ""
    @State private var issue: ValidationIssue?
    @State private var report: URL?

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        NavigationStack {
            Form {
                Text(t(.exportExplanation))
                PinField(title: t(.currentPin), text: $pin)
                IssueText(issue: issue, language: model.language)
                Button(t(.export)) { Task { await export() } }
            }
            .sheet(item: $report) { url in
                ShareSheet(url: url) {
                    ExportFiles.remove(url)
                    report = nil
                    dismiss()
                }
            }
            .toolbar { ToolbarItem(placement: .cancellationAction) { Button(t(.cancel)) { dismiss() } } }
            .exitButton(model)
        }
    }

    private func export() async {
        let pin = self.pin
        self.pin = ""
        let request = ReportRequest(selection: .between(from: .distantPast, to: Date()),
                                    locale: model.language == .kk ? .kk : model.language == .ru ? .ru : .en,
                                    includeHidden: false)
        do {
            let html = try await model.perform { try $0.exportReport(pin: pin, request: request) }
            report = try ExportFiles.write(html: html)
        } catch is AppModel.VaultClosed {
            dismiss()
        } catch {
            issue = .wrongPin
        }
    }
}

extension URL: @retroactive Identifiable {
    public var id: String { absoluteString }
}

/// The system share sheet for one file; `onDone` runs when it closes, whatever she chose.
struct ShareSheet: UIViewControllerRepresentable {
    let url: URL
    let onDone: () -> Void

    func makeUIViewController(context: Context) -> UIActivityViewController {
        let controller = UIActivityViewController(activityItems: [url], applicationActivities: nil)
        controller.completionWithItemsHandler = { _, _, _, _ in onDone() }
        return controller
    }

    func updateUIViewController(_ controller: UIActivityViewController, context: Context) {}
}

/// Exported files, the only survivor data ever written outside the vault, and only for as long
/// as the share sheet is open.
enum ExportFiles {
    static var directory: URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("e", isDirectory: true)
    }

    static func write(html: String) throws -> URL {
        let folder = DataDirectory(url: directory)
        try folder.prepare()
        let url = directory.appendingPathComponent("report.html")
        try Data(html.utf8).write(to: url, options: [.atomic, .completeFileProtection])
        try folder.applyProtection()
        return url
    }

    static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }

    /// Deletes whatever a crash left behind. Called at launch.
    static func removeAll() {
        try? FileManager.default.removeItem(at: directory)
    }
}
