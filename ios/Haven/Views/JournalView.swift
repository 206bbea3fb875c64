import HavenAppLogic
import HavenCore
import PhotosUI
import SwiftUI
import UniformTypeIdentifiers

/// The incident journal: any month, hidden entries on request, the evidence chain's status,
/// an entry opened with its versions, a new entry or an edit (a new version), and the report
/// export. Everything is decided in `JournalModel`.
///
/// Attachments are read into memory (PhotosPicker's `Data` transfer — no camera, so no usage
/// description — or a security-scoped read of a picked document) and handed to the core,
/// which stores them encrypted; no copy is written anywhere else.
struct JournalView: View {
    @Bindable var model: AppModel
    @State private var showingForm = false
    @State private var showingExport = false

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        List {
            Section {
                HStack {
                    Button { Task { await model.journal.moveMonth(by: -1) } } label: { Image(systemName: "chevron.left") }
                        .accessibilityLabel(t(.previousMonth))
                    Spacer()
                    Text(model.journal.monthTitle).font(.headline)
                    Spacer()
                    Button { Task { await model.journal.moveMonth(by: 1) } } label: { Image(systemName: "chevron.right") }
                        .accessibilityLabel(t(.nextMonth))
                }
                .buttonStyle(.borderless)
                Toggle(t(.showHidden), isOn: Binding(get: { model.journal.showHidden },
                                                     set: { show in Task { await model.journal.setShowHidden(show) } }))
            }
            Section(footer: Text([model.journal.chainText, t(.revisionNote)].compactMap { $0 }.joined(separator: "\n"))) {
                ForEach(model.journal.entries, id: \.id) { entry in
                    Button { Task { await model.journal.open(entry.id) } } label: {
                        VStack(alignment: .leading) {
                            Text(model.journal.when(entry)).font(.headline)
                            if entry.hidden { Text(t(.hiddenMark)).font(.caption).foregroundStyle(.secondary) }
                            Text(entry.narrative).lineLimit(3)
                            if !entry.attachments.isEmpty {
                                Text("\(t(.attachments)): \(entry.attachments.count)").font(.caption)
                            }
                        }
                        .opacity(entry.hidden ? 0.5 : 1)
                    }
                }
            }
        }
        .toolbar {
            ToolbarItem(placement: .topBarLeading) {
                Button(t(.newEntry)) {
                    model.journal.newEntry()
                    showingForm = true
                }
            }
            ToolbarItem(placement: .bottomBar) { Button(t(.export)) { showingExport = true } }
        }
        .sheet(isPresented: $showingForm) { EntryFormView(model: model) }
        .sheet(isPresented: Binding(get: { model.journal.openEntry != nil },
                                    set: { if !$0 { model.journal.closeEntry() } })) {
            EntryDetailView(model: model)
        }
        .sheet(isPresented: $showingExport) { ExportView(model: model) }
        .task { await model.journal.load() }
    }
}

/// One entry: every field, its attachments (opened in memory), its versions, edit and hide.
private struct EntryDetailView: View {
    let model: AppModel
    @State private var editing = false

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        NavigationStack {
            if let entry = model.journal.openEntry {
                List {
                    Section {
                        Text(model.journal.when(entry)).font(.headline)
                        if !entry.kinds.isEmpty {
                            Text(entry.kinds.map(model.journal.kindLabel).joined(separator: ", "))
                        }
                        Text(entry.narrative)
                    }
                    Section {
                        if let injuries = entry.injuries { LabeledContent(t(.injuries), value: injuries) }
                        if let witnesses = entry.witnesses { LabeledContent(t(.witnesses), value: witnesses) }
                        if let place = entry.place { LabeledContent(t(.place), value: place) }
                        if entry.policeInvolved {
                            LabeledContent(t(.policeInvolved), value: entry.policeReference ?? "")
                        }
                        if entry.medicalInvolved {
                            LabeledContent(t(.medicalInvolved), value: entry.medicalReference ?? "")
                        }
                    }
                    if !entry.attachments.isEmpty {
                        Section(t(.attachments)) {
                            ForEach(entry.attachments, id: \.id) { attachment in
                                Button(model.journal.attachmentTitle(attachment)) {
                                    Task { await model.journal.view(attachment) }
                                }
                            }
                        }
                    }
                    Section(t(.revisions)) {
                        ForEach(model.journal.revisions, id: \.id) { Text(model.journal.revisionLabel($0)).font(.caption) }
                    }
                    Section {
                        Button(t(.editEntry)) {
                            model.journal.editOpenEntry()
                            editing = true
                        }
                        if entry.hidden {
                            Button(t(.restore)) { Task { await model.journal.restore(entry.id) } }
                        } else {
                            Button(t(.hide)) { Task { await model.journal.hide(entry.id) } }
                        }
                    }
                }
                .toolbar { ToolbarItem(placement: .cancellationAction) { Button(t(.close)) { model.journal.closeEntry() } } }
                .exitButton(model)
                .sheet(isPresented: Binding(get: { model.journal.viewer != nil },
                                            set: { if !$0 { model.journal.closeViewer() } })) {
                    EvidenceView(model: model)
                }
                // The edit is saved by the core as a new version; the entry reloads after it.
                .sheet(isPresented: $editing) { EntryFormView(model: model) }
            }
        }
    }
}

/// A new entry or an edit (saved by the core as a new version). Attachments are saved after
/// the entry, each a new version in the evidence chain.
private struct EntryFormView: View {
    @Bindable var model: AppModel
    @Environment(\.dismiss) private var dismiss
    @State private var photoItems: [PhotosPickerItem] = []
    @State private var showingImporter = false

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        @Bindable var journal = model.journal
        NavigationStack {
            Form {
                DatePicker(t(.occurredAt), selection: $journal.form.occurredAt, in: ...Date())
                    .environment(\.locale, Locale(identifier: model.language.rawValue))
                Section(t(.incidentKinds)) {
                    ForEach(model.journal.allKinds, id: \.self) { kind in
                        Toggle(model.journal.kindLabel(kind), isOn: Binding(
                            get: { model.journal.form.kinds.contains(kind) },
                            set: { _ in model.journal.toggleKind(kind) }))
                    }
                }
                Section(t(.narrative)) {
                    TextEditor(text: $journal.form.narrative).frame(minHeight: 120).vaultTextInput()
                    IssueText(issue: model.journal.formIssue, language: model.language)
                }
                TextField(t(.injuries), text: $journal.form.injuries, axis: .vertical).vaultTextInput()
                TextField(t(.witnesses), text: $journal.form.witnesses, axis: .vertical).vaultTextInput()
                TextField(t(.place), text: $journal.form.place).vaultTextInput()
                Section {
                    Toggle(t(.policeInvolved), isOn: $journal.form.policeInvolved)
                    if model.journal.form.policeInvolved {
                        TextField(t(.policeReference), text: $journal.form.policeReference).vaultTextInput()
                    }
                    Toggle(t(.medicalInvolved), isOn: $journal.form.medicalInvolved)
                    if model.journal.form.medicalInvolved {
                        TextField(t(.medicalReference), text: $journal.form.medicalReference).vaultTextInput()
                    }
                }
                Section(footer: Text(t(.attachmentNote))) {
                    PhotosPicker(t(.addPhoto), selection: $photoItems, matching: .images)
                    Button(t(.addDocument)) { showingImporter = true }
                    ForEach(model.journal.pending) { file in
                        Text(file.fileName ?? t(.attachments))
                            .swipeActions { Button(t(.delete), role: .destructive) { model.journal.removePending(file.id) } }
                    }
                }
            }
            .onChange(of: photoItems) { _, items in
                photoItems = []
                Task {
                    for item in items {
                        guard let data = try? await item.loadTransferable(type: Data.self) else { continue }
                        let mime = item.supportedContentTypes.first?.preferredMIMEType ?? "image/jpeg"
                        model.journal.addPending(bytes: data, fileName: nil, mimeType: mime)
                    }
                }
            }
            .fileImporter(isPresented: $showingImporter, allowedContentTypes: [.pdf, .image, .audio],
                          allowsMultipleSelection: true) { result in
                for url in (try? result.get()) ?? [] { readDocument(url) }
            }
            .toolbar {
                ToolbarItem(placement: .cancellationAction) { Button(t(.cancel)) { dismiss() } }
                ToolbarItem(placement: .confirmationAction) {
                    Button(t(.save)) { Task { if await model.journal.save() { dismiss() } } }
                }
            }
            .exitButton(model)
            .vaultAlert(model)
        }
    }

    /// Reads a picked document straight into memory (no copy in the app's files).
    private func readDocument(_ url: URL) {
        guard url.startAccessingSecurityScopedResource() else { return }
        defer { url.stopAccessingSecurityScopedResource() }
        guard let data = try? Data(contentsOf: url, options: .uncached) else { return }
        let mime = UTType(filenameExtension: url.pathExtension)?.preferredMIMEType ?? "application/octet-stream"
        model.journal.addPending(bytes: data, fileName: url.lastPathComponent, mimeType: mime)
    }
}

/// Export: the PIN again (the core checks it), then a printable report handed to the share
/// sheet. The model deletes the file when the sheet closes, on lock, on wipe and at launch.
private struct ExportView: View {
    let model: AppModel
    @Environment(\.dismiss) private var dismiss
    @State private var pin = ""

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        NavigationStack {
            Form {
                Text(t(.exportExplanation))
                PinField(title: t(.currentPin), text: $pin)
                if let problem = model.journal.exportIssue { Text(problem).font(.footnote).foregroundStyle(.red) }
                Button(t(.export)) {
                    let typed = pin
                    pin = ""
                    Task { await model.journal.exportReport(pin: typed) }
                }
            }
            .sheet(isPresented: Binding(get: { model.journal.exportedReport != nil },
                                        set: { if !$0 { model.journal.exportFinished() } })) {
                if let url = model.journal.exportedReport {
                    ShareSheet(url: url) {
                        model.journal.exportFinished()
                        dismiss()
                    }
                }
            }
            .toolbar { ToolbarItem(placement: .cancellationAction) { Button(t(.cancel)) { dismiss() } } }
            .exitButton(model)
        }
    }
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
