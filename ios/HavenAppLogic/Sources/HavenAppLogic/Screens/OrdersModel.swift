import Foundation
import HavenCore
import Observation

/// Protection orders: kind, number, who issued it, dates, conditions, where each stands today
/// (the core computes status and days left in Kazakhstan's time zone), and delete.
@MainActor
@Observable
public final class OrdersModel: ScreenModel {
    public struct Row: Equatable, Sendable {
        public var order: ProtectionOrder
        public var standing: OrderStanding
    }

    public struct Form: Equatable, Sendable {
        public var kind = OrderKind.policeProtectiveOrder
        /// The order's number as written on it.
        public var number = ""
        /// Who issued it (a police department, a court).
        public var issuer = ""
        public var issuedOn = Date()
        public var hasExpiry = false
        public var expiresOn = Date().addingTimeInterval(10 * 86_400)
        public var conditions = ""
        public init() {}
    }

    public enum Field: Hashable, Sendable { case issuer, number, expiresOn, conditions }

    public private(set) var rows: [Row] = []
    public var form = Form()
    public private(set) var issues: [Field: ValidationIssue] = [:]

    @ObservationIgnored private weak var app: AppModel?

    init() {}

    func attach(_ app: AppModel) { self.app = app }

    func reset() {
        rows = []
        form = Form()
        issues = [:]
    }

    public var allKinds: [OrderKind] { OrderKind.all }

    public func kindLabel(_ kind: OrderKind) -> String {
        coreLabel(.orderKinds, kind.coreId, in: app?.language ?? .ru)
    }

    /// "Active · Days left: 5" in her language (labels from the core).
    public func standingText(_ standing: OrderStanding) -> String {
        let language = app?.language ?? .ru
        let status = coreLabel(.orderStatus, standing.status.coreId, in: language)
        guard let days = standing.daysLeft, standing.status != .expired else { return status }
        return "\(status) · \(Strings.text(.daysLeft, in: language, Int(days)))"
    }

    /// A core calendar date in her language.
    public func dayText(_ day: LocalDate) -> String {
        DateText.calendarDay(day, in: app?.language ?? .ru)
    }

    public func load() async {
        guard let app, let loaded = await app.attempt({ session in
            try session.protectionOrders().map { Row(order: $0, standing: try session.protectionOrderStanding(id: $0.id, withinDays: 7)) }
        }) else { return }
        rows = loaded
    }

    public func newOrder() {
        form = Form()
        issues = [:]
    }

    @discardableResult
    public func save() async -> Bool {
        guard let app else { return false }
        var issues: [Field: ValidationIssue] = [:]
        if let issue = FieldRules.checkName(form.issuer) { issues[.issuer] = issue }
        if form.number.count > FieldRules.maxNameLength { issues[.number] = .tooLong(maximum: FieldRules.maxNameLength) }
        if form.hasExpiry, let issue = FieldRules.checkPeriod(start: form.issuedOn, end: form.expiresOn) {
            issues[.expiresOn] = issue
        }
        if let issue = FieldRules.checkLongText(form.conditions) { issues[.conditions] = issue }
        self.issues = issues
        guard issues.isEmpty else { return false }
        let number = form.number.trimmingCharacters(in: .whitespacesAndNewlines)
        let conditions = form.conditions.trimmingCharacters(in: .whitespacesAndNewlines)
        let draft = OrderDraft(kind: form.kind, issuingBody: form.issuer.trimmingCharacters(in: .whitespacesAndNewlines),
                               reference: number.isEmpty ? nil : number,
                               issuedOn: DateText.isoDay(form.issuedOn),
                               expiresOn: form.hasExpiry ? DateText.isoDay(form.expiresOn) : nil,
                               conditions: conditions.isEmpty ? nil : conditions,
                               linkedEntries: [], linkedDocuments: [])
        guard await app.attempt({ _ = try $0.addProtectionOrder(draft: draft) }) != nil else { return false }
        form = Form()
        await load()
        return true
    }

    public func remove(_ id: Int64) async {
        guard let app else { return }
        _ = await app.attempt { try $0.removeProtectionOrder(id: id) }
        await load()
    }
}
