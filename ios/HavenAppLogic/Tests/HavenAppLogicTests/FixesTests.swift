import Foundation
import HavenCore
import XCTest
@testable import HavenAppLogic

/// The fixes of issue 12: contacts that save, SOS from them, the calculator cleared on leaving,
/// no setup after a wipe, exports removed, dates in her language.
@MainActor
final class FixesTests: XCTestCase {
    func testContactRelationIsOneOfTheCoresIdsAndRoundTrips() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault(language: .ru)
        let contacts = model.contacts
        await contacts.load()
        let ids = contacts.relations.map(\.id)
        XCTAssertEqual(ids.sorted(), ["advocate", "colleague", "family", "friend", "lawyer", "neighbour", "other"])
        XCTAssertEqual(contacts.form.relationId, "other", "a new contact starts with a relation the core accepts")
        XCTAssertTrue(ids.contains(contacts.form.relationId))

        contacts.newContact()
        contacts.form.name = "Айгуль"
        contacts.form.phone = "+7 701 123 45 67"
        contacts.form.relationId = "family"
        contacts.form.codeWord = "синяя сумка"
        let saved = await contacts.save()
        XCTAssertTrue(saved, "the save works")
        XCTAssertNil(model.alertMessage)
        let stored = try XCTUnwrap(contacts.contacts.first)
        XCTAssertEqual(stored.relation, "family")
        XCTAssertEqual(contacts.relationLabel(stored.relation),
                       try HavenCore.choices(list: .relations, locale: .ru).first { $0.id == "family" }?.label)
        XCTAssertNotEqual(contacts.relationLabel(stored.relation), "family", "shown as a word in her language")

        contacts.edit(stored)
        XCTAssertEqual(contacts.form.relationId, "family")
        contacts.form.relationId = "friend"
        let edited = await contacts.save()
        XCTAssertTrue(edited)
        let reloaded = try await model.perform { try $0.contacts() }
        XCTAssertEqual(reloaded.map(\.relation), ["friend"])
        XCTAssertEqual(reloaded.map(\.id), [stored.id], "an edit, not a second contact")

        await contacts.remove(stored.id)
        XCTAssertEqual(contacts.contacts, [])
    }

    func testAContactFormWithProblemsSavesNothing() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        model.contacts.newContact()
        model.contacts.form.phone = "call me"
        let saved = await model.contacts.save()
        XCTAssertFalse(saved)
        XCTAssertEqual(model.contacts.issues[.name], .nameRequired)
        XCTAssertEqual(model.contacts.issues[.phone], .phoneInvalid)
        let stored = try await model.perform { try $0.contacts() }
        XCTAssertEqual(stored, [])
    }

    func testSosIsBuiltFromSavedContacts() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        let contacts = model.contacts
        for (name, phone, code, emergency) in [("Sister", "+77011111111", "blue bag", true),
                                               ("Neighbour", "+77022222222", "", true),
                                               ("Colleague", "+77033333333", "lunch?", false),
                                               ("Friend", "+77044444444", "call me back", true)] {
            contacts.newContact()
            contacts.form.name = name
            contacts.form.phone = phone
            contacts.form.codeWord = code
            contacts.form.emergency = emergency
            let saved = await contacts.save()
            XCTAssertTrue(saved, name)
        }
        await contacts.prepareSos()
        let plan = try XCTUnwrap(contacts.sosPlan)
        XCTAssertEqual(plan.messages.map(\.body), ["blue bag", "call me back"])
        XCTAssertEqual(plan.messages.map(\.recipientName), ["Sister", "Friend"])
        XCTAssertEqual(plan.skippedNames, ["Neighbour"])

        contacts.confirmSos()
        XCTAssertNil(contacts.sosPlan)
        XCTAssertEqual(contacts.sosFlow?.current?.recipientName, "Sister")
        contacts.sosMessageFinished()
        XCTAssertEqual(contacts.sosFlow?.current?.recipientName, "Friend")
        contacts.sosMessageFinished()
        XCTAssertNil(contacts.sosFlow, "every message was offered")
    }

    func testTheCalculatorIsClearedWhenTheAppLeavesTheForeground() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        model.exit()
        for leaving in [AppModel.ScenePhase.inactive, .background] {
            model.type(String(TestPins.real.dropLast()))
            XCTAssertEqual(model.display, String(TestPins.real.dropLast()))
            model.scenePhaseChanged(leaving)
            model.scenePhaseChanged(.active)
            XCTAssertEqual(model.display, "0", "\(leaving): a PIN typed just before leaving is gone")
            XCTAssertEqual(model.expression, "")
            // And what was typed before leaving does not combine with what is typed after.
            model.type("1=")
            XCTAssertEqual(model.display, "1")
            model.type("C")
        }
    }

    func testSetupOpensByItselfOnlyOnTheFirstLaunch() async throws {
        let fixture = try VaultFixture()
        let first = fixture.makeModel()
        await first.start()
        XCTAssertEqual(first.phase, .setup)
        first.exit() // she left setup without creating anything

        let second = fixture.makeModel()
        await second.start()
        XCTAssertEqual(second.phase, .calculator, "the next launch is a calculator")
        await second.requestSetup()
        XCTAssertEqual(second.phase, .setup, "the deliberate hold opens setup")
    }

    func testAfterAWipeTheAppStaysACalculatorAndPinGuessingNeverOpensSetup() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        _ = await model.startWipe(confirmingPin: TestPins.real)
        await model.wipeCountdown?.finish()
        XCTAssertEqual(model.phase, .calculator)
        XCTAssertEqual(try fixture.state(), .notSetUp)

        // Next launch: still a calculator.
        let relaunched = fixture.makeModel()
        await relaunched.start()
        XCTAssertEqual(relaunched.phase, .calculator)
        // Whoever guesses PINs (any 6–12 digits and "=") sees only arithmetic.
        for guess in [TestPins.real, TestPins.wrong, "100000", "123456789012"] {
            await relaunched.enter(pin: guess)
            XCTAssertEqual(relaunched.phase, .calculator, guess)
            XCTAssertEqual(relaunched.display, guess)
            relaunched.type("C")
        }
        XCTAssertEqual(try fixture.state(), .notSetUp)
        // The deliberate action does open it.
        await relaunched.requestSetup()
        XCTAssertEqual(relaunched.phase, .setup)
    }

    func testTheDeliberateActionDoesNothingWhileAVaultExists() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        model.exit()
        await model.requestSetup()
        XCTAssertEqual(model.phase, .calculator)
        XCTAssertEqual(try fixture.state(), .locked)
    }

    func testExportedReportsAreRemovedByLockAndByWipe() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        model.journal.newEntry()
        model.journal.form.narrative = "He broke the door."
        let saved = await model.journal.save()
        XCTAssertTrue(saved, model.alertMessage ?? "")

        let wrong = await model.journal.exportReport(pin: TestPins.wrong)
        XCTAssertFalse(wrong)
        XCTAssertEqual(model.journal.exportIssue, Strings.text(.wrongPin, in: .en))
        XCTAssertTrue(fixture.exports.isEmpty)

        let exported = await model.journal.exportReport(pin: TestPins.real)
        XCTAssertTrue(exported)
        let url = try XCTUnwrap(model.journal.exportedReport)
        let html = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(html.contains("He broke the door."), String(html.suffix(1500)))
        model.journal.exportFinished()
        XCTAssertTrue(fixture.exports.isEmpty, "deleted when the share sheet closes")

        _ = await model.journal.exportReport(pin: TestPins.real)
        XCTAssertFalse(fixture.exports.isEmpty)
        model.scenePhaseChanged(.background)
        XCTAssertTrue(fixture.exports.isEmpty, "deleted on lock")
        XCTAssertNil(model.journal.exportedReport)
        model.scenePhaseChanged(.active)

        await model.enter(pin: TestPins.real)
        _ = await model.journal.exportReport(pin: TestPins.real)
        XCTAssertFalse(fixture.exports.isEmpty)
        // A crash leaves the file; the wipe removes it all the same.
        _ = await model.startWipe(confirmingPin: TestPins.real)
        await model.wipeCountdown?.finish()
        XCTAssertTrue(fixture.exports.isEmpty, "deleted by the wipe")
    }

    func testALeftoverReportIsRemovedAtLaunch() async throws {
        let fixture = try VaultFixture()
        _ = try fixture.exports.write(html: "<p>left by a crash</p>")
        XCTAssertFalse(fixture.exports.isEmpty)
        let model = fixture.makeModel()
        await model.start()
        XCTAssertTrue(fixture.exports.isEmpty)
    }

    func testDatesFollowHerLanguageNotThePhones() async throws {
        let fixture = try VaultFixture()
        // The phone is in English; she chose Russian for the vault.
        let model = try await fixture.modelWithVault(language: .ru, languages: ["en-US"])
        var parts = DateComponents()
        (parts.year, parts.month, parts.day, parts.hour) = (2026, 11, 3, 12)
        let date = try XCTUnwrap(Calendar(identifier: .gregorian).date(from: parts))
        model.journal.newEntry()
        model.journal.form.occurredAt = date
        model.journal.form.narrative = "Угрожал."
        let saved = await model.journal.save()
        XCTAssertTrue(saved, model.alertMessage ?? "")
        let all = try await model.perform { try $0.journalBetween(from: .distantPast, to: .distantFuture, includeHidden: false) }
        let entry = try XCTUnwrap(all.first)
        XCTAssertTrue(model.journal.when(entry).contains("ноября"), model.journal.when(entry))
        XCTAssertTrue(DateText.day(date, in: .kk).lowercased().contains("қараша"), DateText.day(date, in: .kk))
        XCTAssertTrue(DateText.day(date, in: .en).contains("November"))
        XCTAssertEqual(DateText.calendarDay("2026-11-03", in: .ru), DateText.day(date, in: .ru, timeZone: TimeZone(identifier: "UTC")!))

        await model.setLanguage(.kk)
        XCTAssertTrue(model.journal.when(entry).lowercased().contains("қараша"), model.journal.when(entry))
    }
}
