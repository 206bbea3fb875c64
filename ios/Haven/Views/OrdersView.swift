import HavenAppLogic
import HavenCore
import SwiftUI

/// Protection orders: kind, number, issuer, dates in her language, where each stands today
/// (computed by the core), and delete. Everything is decided in `OrdersModel`.
struct OrdersView: View {
    let model: AppModel
    @State private var showingForm = false

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        List {
            ForEach(model.orders.rows, id: \.order.id) { row in
                VStack(alignment: .leading, spacing: 4) {
                    Text(model.orders.kindLabel(row.order.kind)).font(.headline)
                    if let number = row.order.reference { Text("\(t(.orderNumber)): \(number)") }
                    Text("\(t(.orderIssuer)): \(row.order.issuingBody)")
                    Text("\(t(.issuedOn)): \(model.orders.dayText(row.order.issuedOn))")
                    if let expires = row.order.expiresOn { Text("\(t(.expiresOn)): \(model.orders.dayText(expires))") }
                    Text(model.orders.standingText(row.standing))
                        .foregroundStyle(row.standing.status == .expired ? .secondary : .primary)
                    if let conditions = row.order.conditions { Text(conditions).font(.callout) }
                }
                .swipeActions {
                    Button(t(.delete), role: .destructive) { Task { await model.orders.remove(row.order.id) } }
                }
            }
        }
        .toolbar {
            ToolbarItem(placement: .topBarLeading) {
                Button(t(.add)) {
                    model.orders.newOrder()
                    showingForm = true
                }
            }
        }
        .sheet(isPresented: $showingForm) { OrderFormView(model: model) }
        .task { await model.orders.load() }
    }
}

/// A new order. Dates cross the FFI as the core's calendar dates.
private struct OrderFormView: View {
    @Bindable var model: AppModel
    @Environment(\.dismiss) private var dismiss

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        @Bindable var orders = model.orders
        NavigationStack {
            Form {
                Picker(t(.orderKind), selection: $orders.form.kind) {
                    ForEach(model.orders.allKinds, id: \.self) { Text(model.orders.kindLabel($0)).tag($0) }
                }
                TextField(t(.orderNumber), text: $orders.form.number).vaultTextInput()
                IssueText(issue: model.orders.issues[.number], language: model.language)
                TextField(t(.orderIssuer), text: $orders.form.issuer).vaultTextInput()
                IssueText(issue: model.orders.issues[.issuer], language: model.language)
                DatePicker(t(.issuedOn), selection: $orders.form.issuedOn, displayedComponents: .date)
                    .environment(\.locale, Locale(identifier: model.language.rawValue))
                Toggle(t(.expiresOn), isOn: $orders.form.hasExpiry)
                if model.orders.form.hasExpiry {
                    DatePicker(t(.expiresOn), selection: $orders.form.expiresOn, displayedComponents: .date)
                        .environment(\.locale, Locale(identifier: model.language.rawValue))
                }
                IssueText(issue: model.orders.issues[.expiresOn], language: model.language)
                TextField(t(.conditions), text: $orders.form.conditions, axis: .vertical).vaultTextInput()
                IssueText(issue: model.orders.issues[.conditions], language: model.language)
            }
            .toolbar {
                ToolbarItem(placement: .cancellationAction) { Button(t(.cancel)) { dismiss() } }
                ToolbarItem(placement: .confirmationAction) {
                    Button(t(.save)) { Task { if await model.orders.save() { dismiss() } } }
                }
            }
            .exitButton(model)
            .vaultAlert(model)
        }
    }
}
