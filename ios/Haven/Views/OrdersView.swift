import HavenAppLogic
import HavenCore
import SwiftUI

/// Protection orders: kind, dates, conditions, and where each stands today (the core computes
/// status and days left in Kazakhstan's time zone).
struct OrdersView: View {
    let model: AppModel
    @State private var orders: [(order: ProtectionOrder, standing: OrderStanding)] = []
    @State private var showingNewOrder = false

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        List(orders, id: \.order.id) { row in
            VStack(alignment: .leading, spacing: 4) {
                Text(kindName(row.order.kind)).font(.headline)
                Text(row.order.issuingBody)
                Text("\(t(.issuedOn)): \(row.order.issuedOn)")
                if let expires = row.order.expiresOn { Text("\(t(.expiresOn)): \(expires)") }
                Text(status(row.standing)).foregroundStyle(row.standing.status == .expired ? .secondary : .primary)
                if let conditions = row.order.conditions { Text(conditions).font(.callout) }
            }
        }
        .toolbar { ToolbarItem(placement: .topBarLeading) { Button(t(.add)) { showingNewOrder = true } } }
        .sheet(isPresented: $showingNewOrder) { OrderFormView(model: model) { Task { await reload() } } }
        .task { await reload() }
    }

    private func kindName(_ kind: OrderKind) -> String {
        switch kind {
        case .policeProtectiveOrder: return t(.orderPolice)
        case .courtSpecialRequirements: return t(.orderCourt)
        case .criminalNoApproach: return t(.orderNoApproach)
        }
    }

    private func status(_ standing: OrderStanding) -> String {
        switch standing.status {
        case .expired: return t(.orderExpired)
        default:
            guard let days = standing.daysLeft else { return t(.orderInForce) }
            return "\(t(.orderInForce)) · \(Strings.text(.daysLeft, in: model.language, Int(days)))"
        }
    }

    private func reload() async {
        let loaded = try? await model.perform { session in
            try session.protectionOrders().map { ($0, try session.protectionOrderStanding(id: $0.id, withinDays: 7)) }
        }
        if let loaded { orders = loaded }
    }
}

/// A new order. Dates cross the FFI as "YYYY-MM-DD" (the core's calendar dates).
private struct OrderFormView: View {
    let model: AppModel
    let onSaved: () -> Void
    @Environment(\.dismiss) private var dismiss
    @State private var kind = OrderKind.policeProtectiveOrder
    @State private var issuingBody = ""
    @State private var issuedOn = Date()
    @State private var hasExpiry = false
    @State private var expiresOn = Date()
    @State private var conditions = ""
    @State private var issue: ValidationIssue?

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        NavigationStack {
            Form {
                Picker(t(.orderKind), selection: $kind) {
                    Text(t(.orderPolice)).tag(OrderKind.policeProtectiveOrder)
                    Text(t(.orderCourt)).tag(OrderKind.courtSpecialRequirements)
                    Text(t(.orderNoApproach)).tag(OrderKind.criminalNoApproach)
                }
                TextField(t(.contactName), text: $issuingBody).vaultTextInput()
                DatePicker(t(.issuedOn), selection: $issuedOn, displayedComponents: .date)
                Toggle(t(.expiresOn), isOn: $hasExpiry)
                if hasExpiry { DatePicker(t(.expiresOn), selection: $expiresOn, displayedComponents: .date) }
                IssueText(issue: issue, language: model.language)
                TextField(t(.conditions), text: $conditions, axis: .vertical).vaultTextInput()
            }
            .toolbar {
                ToolbarItem(placement: .cancellationAction) { Button(t(.cancel)) { dismiss() } }
                ToolbarItem(placement: .confirmationAction) { Button(t(.save)) { Task { await save() } } }
            }
            .exitButton(model)
        }
    }

    private func save() async {
        issue = FieldRules.checkName(issuingBody)
            ?? (hasExpiry ? FieldRules.checkPeriod(start: issuedOn, end: expiresOn) : nil)
        guard issue == nil else { return }
        let draft = OrderDraft(kind: kind, issuingBody: issuingBody, reference: nil, issuedOn: day(issuedOn),
                               expiresOn: hasExpiry ? day(expiresOn) : nil,
                               conditions: conditions.isEmpty ? nil : conditions,
                               linkedEntries: [], linkedDocuments: [])
        do {
            _ = try await model.perform { try $0.addProtectionOrder(draft: draft) }
            onSaved()
            dismiss()
        } catch is AppModel.VaultClosed {
            dismiss()
        } catch {
            model.alertMessage = Strings.text(.somethingWentWrong, in: model.language)
        }
    }

    private func day(_ date: Date) -> String {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
