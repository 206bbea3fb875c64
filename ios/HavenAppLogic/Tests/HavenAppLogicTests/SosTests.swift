import HavenCore
import XCTest
@testable import HavenAppLogic

final class SosTests: XCTestCase {
    private let contacts = [
        SosContact(name: "Aigul", phone: "+77011112233", codeWord: "  blue bag ", isEmergency: true),
        SosContact(name: "Neighbour", phone: "+77014445566", codeWord: "tea at five", isEmergency: false),
        SosContact(name: "Marat", phone: "+77017778899", codeWord: nil, isEmergency: true),
        SosContact(name: "Sister", phone: "+77010001122", codeWord: "the cat is ill", isEmergency: true),
        SosContact(name: "Sister (work)", phone: "+77010001122", codeWord: "other", isEmergency: true),
    ]

    func testOneMessagePerEmergencyContactWithTheirCodeWordOnly() {
        let plan = SosPlan(contacts: contacts)
        XCTAssertEqual(plan.messages, [
            SosMessage(recipientName: "Aigul", phone: "+77011112233", body: "blue bag"),
            SosMessage(recipientName: "Sister", phone: "+77010001122", body: "the cat is ill"),
        ])
        XCTAssertEqual(plan.skippedNames, ["Marat"])
        XCTAssertEqual(plan.skippedNote(in: .ru), "Без кодового слова (не включены): Marat")
        for message in plan.messages {
            XCTAssertFalse(message.body.lowercased().contains("sos"))
            XCTAssertFalse(message.body.lowercased().contains("haven"))
        }
    }

    func testFlowOffersEachMessageInTurn() {
        var flow = SosFlow(plan: SosPlan(contacts: contacts))
        XCTAssertEqual(flow.current?.recipientName, "Aigul")
        XCTAssertEqual(flow.progress(in: .en), "Message 1 of 2")
        flow.advance() // she cancelled or sent the first
        XCTAssertEqual(flow.current?.recipientName, "Sister")
        XCTAssertEqual(flow.progress(in: .kk), "Хабар: 2 / 2")
        flow.advance()
        XCTAssertNil(flow.current)
        flow.advance()
        XCTAssertNil(flow.current)
    }

    func testNoEmergencyContactWithACodeWord() {
        let plan = SosPlan(contacts: [contacts[1], contacts[2]])
        XCTAssertEqual(plan.messages, [])
        XCTAssertNil(SosFlow(plan: plan).current)
        XCTAssertNil(SosPlan(contacts: []).skippedNote(in: .en))
    }
}

/// SOS from contacts stored in the real vault.
@MainActor
final class SosVaultTests: XCTestCase {
    func testThePlanComesFromHerEmergencyContactsInTheVault() async throws {
        let fixture = try VaultFixture()
        let model = try await fixture.modelWithVault()
        let drafts = [
            ContactDraft(name: "Aigul", phone: "+7 701 111 22 33", relation: "friend", codeWord: "blue bag",
                         capabilities: [], emergency: true),
            ContactDraft(name: "Marat", phone: "8 701 444 55 66", relation: "family", codeWord: nil,
                         capabilities: [], emergency: true),
            ContactDraft(name: "Neighbour", phone: "+77017778899", relation: "neighbour", codeWord: "tea",
                         capabilities: [], emergency: false),
        ]
        for draft in drafts {
            _ = try await model.perform { try $0.addContact(draft: draft) }
        }

        let plan = try await model.sosPlan()
        XCTAssertEqual(plan.messages.map(\.recipientName), ["Aigul"])
        XCTAssertEqual(plan.messages.first?.body, "blue bag")
        XCTAssertEqual(plan.messages.first?.phone, "+77011112233", "the number as the core normalized it")
        XCTAssertEqual(plan.skippedNames, ["Marat"])

        model.exit()
        do {
            _ = try await model.sosPlan()
            XCTFail("no plan once the vault is closed")
        } catch is AppModel.VaultClosed {}
    }
}
