import Foundation
import HavenCore
import XCTest
@testable import HavenAppLogic

/// The decoy's notes space, and setup's use of the core's weak-PIN rule.
@MainActor
final class NotesTests: XCTestCase {
    func testTheDecoyPinOpensAPlainNotesApp() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault(duress: .openDecoy)
        model.exit()
        await model.enter(pin: TestPins.duress)
        XCTAssertEqual(model.phase, .notes, "a notes app, not the vault")
        let notes = model.notes
        await notes.load()
        XCTAssertNil(notes.problem)
        let before = notes.notes.count

        notes.newNote()
        XCTAssertTrue(notes.isComposing)
        notes.draft = "Milk, bread\nand eggs"
        let added = await notes.save()
        XCTAssertTrue(added, notes.problem ?? "")
        XCTAssertFalse(notes.isComposing)
        XCTAssertEqual(notes.notes.count, before + 1)
        let note = try XCTUnwrap(notes.notes.first { $0.text == "Milk, bread\nand eggs" })
        XCTAssertEqual(notes.title(note), "Milk, bread")

        notes.edit(note)
        notes.draft = "Milk, bread, tea"
        let edited = await notes.save()
        XCTAssertTrue(edited)
        XCTAssertEqual(notes.notes.filter { $0.id == note.id }.map(\.text), ["Milk, bread, tea"])

        notes.newNote()
        notes.draft = "   "
        let blank = await notes.save()
        XCTAssertFalse(blank, "a blank note is not stored")

        await notes.delete(note.id)
        XCTAssertFalse(notes.notes.contains { $0.id == note.id })

        // Nothing of Haven: the vault's screens get nothing from this session.
        await model.journal.load()
        XCTAssertEqual(model.journal.entries, [])

        model.scenePhaseChanged(.background)
        XCTAssertEqual(model.phase, .calculator)
        XCTAssertEqual(notes.notes, [], "emptied on lock")
        XCTAssertEqual(try fixture.state(), .locked)
    }

    func testTheNotesScreenUsesNoWordOfHaven() async {
        for key in [TextKey.notesTitle, .newNote, .done, .cancel, .somethingWentWrong] {
            for language in Language.allCases {
                let text = Strings.text(key, in: language).lowercased()
                for word in ["haven", "vault", "хранилищ", "қойма", "pin"] {
                    XCTAssertFalse(text.contains(word), "\(key) in \(language): \(text)")
                }
            }
        }
    }

    func testHerRealSettingsCurateTheDecoysNotes() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault(duress: .openDecoy)
        let curated = model.decoyNotes
        let wrong = await curated.openDecoy(pin: TestPins.wrong)
        XCTAssertFalse(wrong)
        XCTAssertEqual(curated.problem, Strings.text(.wrongPin, in: .en))
        XCTAssertFalse(curated.isOpen)

        let opened = await curated.openDecoy(pin: TestPins.real)
        XCTAssertTrue(opened, curated.problem ?? "")
        XCTAssertTrue(curated.isOpen)
        curated.newNote()
        curated.draft = "Dentist on Tuesday"
        let saved = await curated.save()
        XCTAssertTrue(saved, curated.problem ?? "")
        curated.closeDecoy()
        XCTAssertFalse(curated.isOpen)
        XCTAssertEqual(model.phase, .vault, "the real vault stays open")

        model.exit()
        await model.enter(pin: TestPins.duress)
        XCTAssertEqual(model.phase, .notes)
        await model.notes.load()
        XCTAssertTrue(model.notes.notes.contains { $0.text == "Dentist on Tuesday" })
    }

    func testALockClosesTheCuratedSpace() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault(duress: .openDecoy)
        let opened = await model.decoyNotes.openDecoy(pin: TestPins.real)
        XCTAssertTrue(opened)
        model.exit()
        XCTAssertFalse(model.decoyNotes.isOpen)
        XCTAssertEqual(model.decoyNotes.notes, [])
    }

    func testSetupRefusesWhatTheCoreCallsWeak() async throws {
        // A keypad shape and a wrapping run: not caught by the shell's own patterns alone.
        for weak in ["147258", "890123"] {
            XCTAssertTrue(HavenCore.pinIsWeak(pin: weak), weak)
            var form = SetupForm(language: .en)
            form.pin = weak
            form.pinConfirmation = weak
            XCTAssertEqual(form.validate()[.pin], .pinTooEasy, weak)
        }
        XCTAssertFalse(HavenCore.pinIsWeak(pin: TestPins.real))
    }
}
