import Foundation
import HavenCore
import Observation

/// Trusted contacts, typed in by hand (the phone's contacts are never read), and SOS built on
/// them.
///
/// The relation is one of the core's relation ids (`friend`, `family`, … `other`), chosen from
/// the core's own list with labels in her language: the core refuses anything else.
@MainActor
@Observable
public final class ContactsModel: ScreenModel {
    /// The form for a new contact or an edit.
    public struct Form: Equatable, Sendable {
        public var name = ""
        public var phone = ""
        /// A relation id from `relations`.
        public var relationId = ContactsModel.defaultRelation
        public var codeWord = ""
        public var emergency = true
        /// The contact being edited, or `nil` for a new one.
        public var editing: Int64?
        public init() {}
    }

    public enum Field: Hashable, Sendable { case name, phone, codeWord }

    /// The relation preselected on a new contact.
    public nonisolated static let defaultRelation = "other"

    public private(set) var contacts: [Contact] = []
    /// The core's relations (id and label in her language).
    public private(set) var relations: [Choice] = []
    public var form = Form()
    public private(set) var issues: [Field: ValidationIssue] = [:]
    /// SOS, step 1: who would get what (shown before anything is composed).
    public private(set) var sosPlan: SosPlan?
    /// SOS, step 2: the message screens, one per recipient.
    public private(set) var sosFlow: SosFlow?

    @ObservationIgnored private weak var app: AppModel?

    init() {}

    func attach(_ app: AppModel) { self.app = app }

    func reset() {
        contacts = []
        relations = []
        form = Form()
        issues = [:]
        sosPlan = nil
        sosFlow = nil
    }

    /// Loads her contacts and the relation labels.
    public func load() async {
        guard let app else { return }
        let locale = app.language.coreLocale
        guard let loaded = await app.attempt({ session in
            (try session.contacts(), try HavenCore.choices(list: .relations, locale: locale))
        }) else { return }
        contacts = loaded.0
        relations = loaded.1
    }

    /// The label of a stored relation id in her language.
    public func relationLabel(_ id: String) -> String {
        relations.first { $0.id == id }?.label ?? id
    }

    /// Starts a new contact.
    public func newContact() {
        form = Form()
        issues = [:]
    }

    /// Starts editing `contact`.
    public func edit(_ contact: Contact) {
        var form = Form()
        form.name = contact.name
        form.phone = contact.phone
        form.relationId = contact.relation
        form.codeWord = contact.codeWord ?? ""
        form.emergency = contact.emergency
        form.editing = contact.id
        self.form = form
        issues = [:]
    }

    /// Checks and stores the form. Returns whether it was saved.
    @discardableResult
    public func save() async -> Bool {
        guard let app else { return false }
        var issues: [Field: ValidationIssue] = [:]
        if let issue = FieldRules.checkName(form.name) { issues[.name] = issue }
        if let issue = FieldRules.checkPhone(form.phone) { issues[.phone] = issue }
        if form.codeWord.count > FieldRules.maxNameLength { issues[.codeWord] = .tooLong(maximum: FieldRules.maxNameLength) }
        self.issues = issues
        guard issues.isEmpty else { return false }
        let code = form.codeWord.trimmingCharacters(in: .whitespacesAndNewlines)
        let draft = ContactDraft(name: form.name.trimmingCharacters(in: .whitespacesAndNewlines),
                                 phone: form.phone, relation: form.relationId,
                                 codeWord: code.isEmpty ? nil : code, capabilities: [],
                                 emergency: form.emergency)
        let editing = form.editing
        do {
            _ = try await app.perform { session in
                if let editing { try session.updateContact(id: editing, draft: draft) } else { try session.addContact(draft: draft) }
            }
        } catch is AppModel.VaultClosed {
            return false
        } catch HavenError.InvalidInput(let field, _) where field == "phone" {
            self.issues[.phone] = .phoneInvalid // the core normalizes numbers and refused this one
            return false
        } catch {
            app.alertMessage = Problem.message(for: error, in: app.language)
            return false
        }
        form = Form()
        await load()
        return true
    }

    /// Removes a contact.
    public func remove(_ id: Int64) async {
        guard let app else { return }
        _ = await app.attempt { try $0.removeContact(id: id) }
        await load()
    }

    /// SOS, step 1: prepares the messages from her saved contacts and shows who gets what.
    public func prepareSos() async {
        guard let app, let plan = try? await app.sosPlan() else { return }
        sosPlan = plan
    }

    /// SOS, step 2: she confirmed; the message screens follow one by one.
    public func confirmSos() {
        guard let plan = sosPlan else { return }
        sosPlan = nil
        sosFlow = plan.messages.isEmpty ? nil : SosFlow(plan: plan)
    }

    /// The current message screen closed (sent, cancelled or failed): on to the next one.
    public func sosMessageFinished() {
        sosFlow?.advance()
        if sosFlow?.current == nil { sosFlow = nil }
    }

    /// She closed SOS before the end.
    public func cancelSos() {
        sosPlan = nil
        sosFlow = nil
    }
}

/// `tel:` and `sms:` links for the phone's own apps (after the call-history warning).
public enum PhoneLinks {
    /// Keeps `+` and digits only, so the link cannot carry anything else.
    static func digits(_ phone: String) -> String {
        String(phone.filter { $0 == "+" || $0.isASCIIDigit })
    }

    public static func call(_ phone: String) -> URL? { URL(string: "tel:\(digits(phone))") }
    public static func message(_ phone: String) -> URL? { URL(string: "sms:\(digits(phone))") }
}
