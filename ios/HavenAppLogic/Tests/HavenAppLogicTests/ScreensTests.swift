import Foundation
import HavenCore
import XCTest
@testable import HavenAppLogic

/// Settings after setup, orders, the safety plan, rights and danger signs, auto-lock.
@MainActor
final class ScreensTests: XCTestCase {
    func testChangePinAsksForTheCurrentOneAndRefusesEasyPins() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        let settings = model.settings
        let newPin = "602915"

        settings.currentPin = TestPins.wrong
        settings.newPin = newPin
        settings.newPinConfirmation = newPin
        await settings.changePin()
        XCTAssertEqual(settings.issues[.currentPin], .wrongPin)
        XCTAssertEqual(settings.currentPin, "", "PINs are forgotten after each try")

        settings.currentPin = TestPins.real
        settings.newPin = "111111"
        settings.newPinConfirmation = "111111"
        await settings.changePin()
        XCTAssertEqual(settings.issues[.newPin], .pinTooEasy)

        settings.currentPin = TestPins.real
        settings.newPin = newPin
        settings.newPinConfirmation = newPin
        await settings.changePin()
        XCTAssertEqual(settings.issues, [:])
        XCTAssertEqual(settings.done, .pin)

        model.exit()
        await model.enter(pin: TestPins.real)
        XCTAssertEqual(model.phase, .calculator, "the old PIN no longer opens it")
        model.type("C")
        await model.enter(pin: newPin)
        XCTAssertEqual(model.phase, .vault)
    }

    func testDuressPinCanBeSetAndRemovedAfterSetup() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        let settings = model.settings
        settings.currentPin = TestPins.real
        settings.duressPin = TestPins.real
        settings.duressConfirmation = TestPins.real
        await settings.setDuressPin()
        XCTAssertEqual(settings.issues[.duressPin], .duressSameAsPin)

        settings.currentPin = TestPins.real
        settings.duressPin = TestPins.duress
        settings.duressConfirmation = TestPins.duress
        settings.duressChoice = .nothingHere
        await settings.setDuressPin()
        XCTAssertEqual(settings.issues, [:])
        XCTAssertEqual(settings.done, .duress)
        model.exit()
        await model.enter(pin: TestPins.duress)
        XCTAssertEqual(model.phase, .calculator, "nothing here: just the number")
        model.type("C")
        await model.enter(pin: TestPins.real)
        XCTAssertEqual(model.phase, .vault)

        model.settings.currentPin = TestPins.real
        await model.settings.clearDuressPin()
        XCTAssertEqual(model.settings.done, .duress)
    }

    func testWipeAfterAcceptsFiveToFiftyAndTakesEffect() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        let settings = model.settings
        settings.currentPin = TestPins.real
        settings.wipeAfterEnabled = true
        settings.wipeAfterCount = 4
        await settings.setWipeAfter()
        XCTAssertEqual(settings.issues[.wipeAfter], .wipeAfterOutOfRange)
        settings.wipeAfterCount = 51
        await settings.setWipeAfter()
        XCTAssertEqual(settings.issues[.wipeAfter], .wipeAfterOutOfRange)
        settings.currentPin = TestPins.real
        settings.wipeAfterCount = 5
        await settings.setWipeAfter()
        XCTAssertEqual(settings.issues, [:])
        XCTAssertEqual(settings.done, .wipeAfter)
    }

    func testAutoLockAfterTheChosenIdleTime() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        XCTAssertEqual(model.settings.autoLockMinutes, ShellSettings.defaultAutoLockMinutes)
        model.settings.setAutoLock(minutes: 5)
        XCTAssertEqual(fixture.settingsStore.load().autoLockMinutes, 5, "kept outside the vault")

        fixture.clock.advance(seconds: 4 * 60)
        XCTAssertFalse(model.lockIfIdle())
        model.userInteracted()
        fixture.clock.advance(seconds: 4 * 60)
        XCTAssertFalse(model.lockIfIdle(), "a touch restarted the timer")
        fixture.clock.advance(seconds: 61)
        XCTAssertTrue(model.lockIfIdle())
        XCTAssertEqual(model.phase, .calculator)
        XCTAssertEqual(try fixture.state(), .locked)

        await model.enter(pin: TestPins.real)
        model.settings.setAutoLock(minutes: 0)
        XCTAssertEqual(model.settings.autoLockLabel(0), Strings.text(.autoLockNever, in: .en))
        fixture.clock.advance(seconds: 24 * 3600)
        XCTAssertFalse(model.lockIfIdle(), "0 = only on leaving the app")
        XCTAssertEqual(model.phase, .vault)
    }

    func testTheWipeKeepsOnlyThatSetupWasOffered() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        model.settings.setAutoLock(minutes: 10)
        _ = await model.startWipe(confirmingPin: TestPins.real)
        await model.wipeCountdown?.finish()
        var expected = ShellSettings()
        expected.setupOffered = true
        XCTAssertEqual(fixture.settingsStore.load(), expected)
    }

    func testOrdersKeepNumberAndIssuerAndCanBeDeleted() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault(language: .ru)
        let orders = model.orders
        orders.newOrder()
        orders.form.kind = .policeProtectiveOrder
        let saved0 = await orders.save()
        XCTAssertFalse(saved0)
        XCTAssertEqual(orders.issues[.issuer], .nameRequired)

        orders.form.number = "ЗП-77/2026"
        orders.form.issuer = "ОП Алмалинского района"
        orders.form.issuedOn = Date().addingTimeInterval(-2 * 86_400)
        orders.form.hasExpiry = true
        orders.form.expiresOn = Date().addingTimeInterval(20 * 86_400)
        let saved = await orders.save()
        XCTAssertTrue(saved, model.alertMessage ?? "")
        let row = try XCTUnwrap(orders.rows.first)
        XCTAssertEqual(row.order.reference, "ЗП-77/2026")
        XCTAssertEqual(row.order.issuingBody, "ОП Алмалинского района")
        XCTAssertEqual(orders.kindLabel(.policeProtectiveOrder),
                       try HavenCore.choices(list: .orderKinds, locale: .ru).first { $0.id == "police_protective_order" }?.label)
        XCTAssertTrue(orders.standingText(row.standing).hasPrefix(
            try HavenCore.choices(list: .orderStatus, locale: .ru).first { $0.id == row.standing.status.coreId }!.label))
        XCTAssertFalse(orders.dayText(row.order.issuedOn).contains("-"), "a date in words, not ISO")

        await orders.remove(row.order.id)
        XCTAssertEqual(orders.rows.count, 0)
    }

    func testPlanSuggestionsAreDismissedAndOwnItemsEditedAndRemoved() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        let plan = model.plan
        await plan.load()
        let section = try XCTUnwrap(plan.sections.first { $0.items.contains { !$0.isOwnText } })
        let suggestion = try XCTUnwrap(section.items.first { !$0.isOwnText })

        await plan.dismiss(suggestion)
        var reloaded = try XCTUnwrap(plan.sections.first { $0.id == section.id })
        XCTAssertFalse(reloaded.items.contains { $0.id == suggestion.id })
        XCTAssertTrue(reloaded.dismissed.contains { $0.id == suggestion.id })
        await plan.bringBack(try XCTUnwrap(reloaded.dismissed.first { $0.id == suggestion.id }))
        reloaded = try XCTUnwrap(plan.sections.first { $0.id == section.id })
        XCTAssertTrue(reloaded.items.contains { $0.id == suggestion.id })

        plan.newItemText[section.id] = "Spare key at Dana's"
        await plan.addItem(to: section.id)
        reloaded = try XCTUnwrap(plan.sections.first { $0.id == section.id })
        let own = try XCTUnwrap(reloaded.items.first { $0.text == "Spare key at Dana's" })
        XCTAssertTrue(own.isOwnText)
        await plan.setChecked(own, true)

        plan.startEditing(own)
        plan.editText = "Spare key at Dana's, blue door"
        await plan.saveEdit()
        reloaded = try XCTUnwrap(plan.sections.first { $0.id == section.id })
        let edited = try XCTUnwrap(reloaded.items.first { $0.id == own.id })
        XCTAssertEqual(edited.text, "Spare key at Dana's, blue door")

        plan.startEditing(suggestion)
        XCTAssertNil(plan.editingItem, "a suggestion's text is the core's, not editable")

        await plan.remove(edited)
        reloaded = try XCTUnwrap(plan.sections.first { $0.id == section.id })
        XCTAssertFalse(reloaded.items.contains { $0.id == own.id })
        XCTAssertNil(model.alertMessage)
    }

    func testRightsShowSourcesAndTheNationalLinesFromThePack() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault(language: .kk)
        let rights = model.rights
        await rights.loadRights()
        XCTAssertFalse(rights.statements.isEmpty)
        for statement in rights.statements {
            XCTAssertFalse(statement.sources.isEmpty, statement.id)
            XCTAssertFalse(rights.sourceLines(statement.sources).isEmpty)
        }
        XCTAssertEqual(rights.lines.map(\.number), ["112", "102", "111", "150"])
        for line in rights.lines {
            XCTAssertEqual(rights.callLink(line)?.absoluteString, "tel:\(line.number)")
            XCTAssertTrue(line.provenance.contains(Strings.text(.sourceLabel, in: .kk, "").trimmingCharacters(in: .whitespaces)),
                          line.provenance)
        }
    }

    func testDangerSignsAreTickedAndStoredWithoutAScore() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        let rights = model.rights
        await rights.loadDangerSigns()
        let signs = try XCTUnwrap(rights.dangerSigns)
        let first = try XCTUnwrap(signs.signs.first)
        XCTAssertFalse(first.sources.isEmpty)
        XCTAssertFalse(first.nextStep.isEmpty)
        await rights.setTicked(first.id, true)
        XCTAssertEqual(rights.ticked, [first.id])
        let stored = try await model.perform { try $0.tickedDangerSigns() }
        XCTAssertEqual(stored, [first.id])

        model.exit()
        XCTAssertNil(rights.dangerSigns, "forgotten on lock")
        await model.enter(pin: TestPins.real)
        await rights.loadDangerSigns()
        XCTAssertEqual(rights.ticked, [first.id])
    }
}
