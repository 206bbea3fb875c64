import Foundation
import HavenCore
import Observation

/// A plain notes app: list, add, edit, delete. Two uses:
///
/// - `AppModel.notes`: the decoy's space, opened by a duress PIN set to "open decoy". Whoever
///   forced her to open the app sees an ordinary notes app with nothing of Haven in it (no
///   vault screens, no exit labelled "Exit", no Haven words); every other call fails in the core.
/// - `AppModel.decoyNotes`: from the real vault's settings she curates that space (asks the
///   real PIN again), so it holds ordinary notes of her own when someone looks.
///
/// Both are emptied on every lock; the core closes the decoy's session with the real one.
@MainActor
@Observable
public final class NotesModel: ScreenModel {
    public private(set) var notes: [Note] = []
    /// The text being written (a new note, or the one in `editing`).
    public var draft = ""
    public private(set) var isComposing = false
    public private(set) var editing: Int64?
    public private(set) var problem: String?
    /// Curation only: whether the decoy's space is open from the real vault.
    public private(set) var isOpen = false

    @ObservationIgnored private weak var app: AppModel?
    @ObservationIgnored private let curates: Bool
    @ObservationIgnored private var decoySession: Session?

    init(curates: Bool = false) {
        self.curates = curates
    }

    func attach(_ app: AppModel) { self.app = app }

    func reset() {
        notes = []
        draft = ""
        isComposing = false
        editing = nil
        problem = nil
        isOpen = false
        decoySession = nil
    }

    /// Runs `work` on the space: the decoy's own session when curating, else the open one.
    private func run<T: Sendable>(_ work: @escaping @Sendable (Session) throws -> T) async -> T? {
        guard let app else { return nil }
        problem = nil
        guard curates else {
            do {
                return try await app.perform(work)
            } catch is AppModel.VaultClosed {
                return nil
            } catch {
                problem = Strings.text(.somethingWentWrong, in: app.language)
                return nil
            }
        }
        guard let session = decoySession else { return nil }
        let outcome = await Task.detached(priority: .userInitiated) { Result { try work(session) } }.value
        app.didWrite()
        switch outcome {
        case .success(let value): return value
        case .failure:
            if !session.isOpen() { reset(); return nil }
            problem = Strings.text(.somethingWentWrong, in: app.language)
            return nil
        }
    }

    /// Curation: opens the decoy's notes from the real vault (the real PIN again).
    @discardableResult
    public func openDecoy(pin: String) async -> Bool {
        guard curates, let app else { return false }
        problem = nil
        do {
            decoySession = try await app.perform { try $0.decoyNotes(pin: pin) }
            isOpen = true
            await load()
            return true
        } catch is AppModel.VaultClosed {
            return false
        } catch {
            problem = Problem.message(for: error, in: app.language)
            return false
        }
    }

    /// Curation: closes the decoy's space (the real vault stays open).
    public func closeDecoy() {
        reset()
    }

    public func load() async {
        guard let loaded = await run({ try $0.listNotes() }) else { return }
        notes = loaded
    }

    public func newNote() {
        draft = ""
        editing = nil
        isComposing = true
    }

    public func edit(_ note: Note) {
        draft = note.text
        editing = note.id
        isComposing = true
    }

    public func cancelEditing() {
        draft = ""
        editing = nil
        isComposing = false
    }

    /// Stores the draft (a blank note is not stored). Returns whether it was saved.
    @discardableResult
    public func save() async -> Bool {
        let text = draft
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            cancelEditing()
            return false
        }
        let editing = self.editing
        guard await run({ session -> Note in
            if let editing { return try session.updateNote(id: editing, text: text) }
            return try session.addNote(text: text)
        }) != nil else { return false }
        cancelEditing()
        await load()
        return true
    }

    public func delete(_ id: Int64) async {
        _ = await run { try $0.deleteNote(id: id) }
        await load()
    }

    /// The note's first line, as a notes app lists it.
    public func title(_ note: Note) -> String {
        note.text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    }

    /// When it was last changed, in the space's language.
    public func changedText(_ note: Note) -> String {
        DateText.dayAndTime(note.updatedAt, in: app?.language ?? .ru)
    }
}
