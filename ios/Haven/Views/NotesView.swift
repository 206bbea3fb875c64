import HavenAppLogic
import HavenCore
import SwiftUI

/// The decoy's space: an ordinary notes app, nothing of Haven in it. "Done" returns to the
/// calculator (and closes the space), as leaving the app does.
struct NotesView: View {
    let model: AppModel

    var body: some View {
        NavigationStack {
            NotesList(model: model, notes: model.notes)
                .toolbar {
                    ToolbarItem(placement: .topBarTrailing) {
                        Button(Strings.text(.done, in: model.language)) { model.exit() }
                    }
                }
        }
        .task { await model.notes.load() }
    }
}

/// From the real vault's settings: the notes the duress PIN opens, curated by her (the real PIN
/// is asked again).
struct DecoyNotesView: View {
    let model: AppModel
    @State private var pin = ""

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        Group {
            if model.decoyNotes.isOpen {
                NotesList(model: model, notes: model.decoyNotes)
            } else {
                Form {
                    Text(t(.decoyNotesExplanation))
                    PinField(title: t(.currentPin), text: $pin)
                    if let problem = model.decoyNotes.problem { Text(problem).font(.footnote).foregroundStyle(.red) }
                    Button(t(.continueAction)) {
                        let typed = pin
                        pin = ""
                        Task { await model.decoyNotes.openDecoy(pin: typed) }
                    }
                }
            }
        }
        .navigationTitle(t(.decoyNotes))
        .onDisappear { model.decoyNotes.closeDecoy() }
    }
}

/// The list and the editor, over either notes model.
private struct NotesList: View {
    let model: AppModel
    @Bindable var notes: NotesModel

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        List {
            ForEach(notes.notes, id: \.id) { note in
                Button { notes.edit(note) } label: {
                    VStack(alignment: .leading) {
                        Text(notes.title(note)).font(.headline).lineLimit(1)
                        Text(notes.changedText(note)).font(.caption).foregroundStyle(.secondary)
                    }
                }
            }
            .onDelete { offsets in
                let ids = offsets.map { notes.notes[$0].id }
                Task { for id in ids { await notes.delete(id) } }
            }
            if let problem = notes.problem { Text(problem).foregroundStyle(.red) }
        }
        .navigationTitle(t(.notesTitle))
        .toolbar {
            ToolbarItem(placement: .topBarLeading) { Button(t(.newNote)) { notes.newNote() } }
        }
        .sheet(isPresented: Binding(get: { notes.isComposing }, set: { if !$0 { notes.cancelEditing() } })) {
            NavigationStack {
                TextEditor(text: $notes.draft)
                    .vaultTextInput()
                    .padding()
                    .toolbar {
                        ToolbarItem(placement: .cancellationAction) { Button(t(.cancel)) { notes.cancelEditing() } }
                        ToolbarItem(placement: .confirmationAction) { Button(t(.done)) { Task { await notes.save() } } }
                    }
            }
        }
    }
}
