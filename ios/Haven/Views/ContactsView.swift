import HavenAppLogic
import HavenCore
import MessageUI
import SwiftUI

/// Trusted contacts, typed in by hand (the phone's contacts are never read). Calls and messages
/// go through the system after a warning that they show in the call history and Messages; SOS
/// prepares one message per emergency contact with their code word, each sent only when she
/// presses Send on the system's message screen. Everything is decided in `ContactsModel`.
struct ContactsView: View {
    let model: AppModel
    @State private var pendingURL: URL?
    @State private var showingForm = false

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        List {
            Section {
                Button(t(.sos), role: .destructive) { Task { await model.contacts.prepareSos() } }
                    .font(.title2.bold())
            } footer: {
                Text(t(.sosExplanation))
            }
            ForEach(model.contacts.contacts, id: \.id) { contact in
                VStack(alignment: .leading, spacing: 6) {
                    Text(contact.name).font(.headline)
                    Text("\(model.contacts.relationLabel(contact.relation)) · \(contact.phone)")
                        .font(.subheadline).foregroundStyle(.secondary)
                    HStack {
                        Button(t(.call)) { pendingURL = PhoneLinks.call(contact.phone) }
                        Button(t(.message)) { pendingURL = PhoneLinks.message(contact.phone) }
                        Button(t(.edit)) {
                            model.contacts.edit(contact)
                            showingForm = true
                        }
                    }
                    .buttonStyle(.bordered)
                }
            }
            .onDelete { offsets in
                let ids = offsets.map { model.contacts.contacts[$0].id }
                Task { for id in ids { await model.contacts.remove(id) } }
            }
        }
        .toolbar {
            ToolbarItem(placement: .topBarLeading) {
                Button(t(.add)) {
                    model.contacts.newContact()
                    showingForm = true
                }
            }
        }
        .callConfirmation(model, url: $pendingURL)
        // SOS, step 1: show who would get what, before composing anything.
        .alert(t(.sos), isPresented: Binding(get: { model.contacts.sosPlan != nil },
                                             set: { if !$0 && model.contacts.sosFlow == nil { model.contacts.cancelSos() } }),
               presenting: model.contacts.sosPlan) { plan in
            if !plan.messages.isEmpty && MFMessageComposeViewController.canSendText() {
                Button(t(.continueAction)) { model.contacts.confirmSos() }
            }
            Button(t(.cancel), role: .cancel) { model.contacts.cancelSos() }
        } message: { plan in
            Text(sosSummary(plan))
        }
        // SOS, step 2: one system message screen per recipient; she presses Send (or not).
        .sheet(isPresented: Binding(get: { model.contacts.sosFlow?.current != nil },
                                    set: { if !$0 { model.contacts.cancelSos() } })) {
            if let message = model.contacts.sosFlow?.current {
                MessageComposer(recipient: message.phone, body: message.body) {
                    model.contacts.sosMessageFinished()
                }
                .id(message.phone) // a new system screen for each recipient
                .ignoresSafeArea()
            }
        }
        .sheet(isPresented: $showingForm) { ContactFormView(model: model) }
        .task { await model.contacts.load() }
    }

    private func sosSummary(_ plan: SosPlan) -> String {
        guard MFMessageComposeViewController.canSendText() else { return t(.sosCannotSend) }
        guard !plan.messages.isEmpty else { return t(.sosNoRecipients) }
        let lines = plan.messages.map { "\($0.recipientName): \($0.body)" }
        return ([t(.sosExplanation)] + lines + [plan.skippedNote(in: model.language)].compactMap { $0 })
            .joined(separator: "\n")
    }
}

/// A new trusted contact, or an edit. The relation is picked from the core's list.
private struct ContactFormView: View {
    @Bindable var model: AppModel
    @Environment(\.dismiss) private var dismiss

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        @Bindable var contacts = model.contacts
        NavigationStack {
            Form {
                TextField(t(.contactName), text: $contacts.form.name).vaultTextInput()
                IssueText(issue: model.contacts.issues[.name], language: model.language)
                TextField(t(.contactPhone), text: $contacts.form.phone).vaultTextInput(.phonePad)
                IssueText(issue: model.contacts.issues[.phone], language: model.language)
                Picker(t(.relationField), selection: $contacts.form.relationId) {
                    ForEach(model.contacts.relations, id: \.id) { Text($0.label).tag($0.id) }
                }
                TextField(t(.contactCodeWord), text: $contacts.form.codeWord).vaultTextInput()
                IssueText(issue: model.contacts.issues[.codeWord], language: model.language)
                Toggle(t(.contactEmergency), isOn: $contacts.form.emergency)
            }
            .navigationTitle(model.contacts.form.editing == nil ? t(.add) : t(.editContact))
            .toolbar {
                ToolbarItem(placement: .cancellationAction) { Button(t(.cancel)) { dismiss() } }
                ToolbarItem(placement: .confirmationAction) {
                    Button(t(.save)) { Task { if await model.contacts.save() { dismiss() } } }
                }
            }
            .exitButton(model)
            .vaultAlert(model)
        }
    }
}

/// The system's message screen, prefilled. Nothing is sent unless she presses Send there.
struct MessageComposer: UIViewControllerRepresentable {
    let recipient: String
    let body: String
    let onFinish: () -> Void

    func makeUIViewController(context: Context) -> MFMessageComposeViewController {
        let controller = MFMessageComposeViewController()
        controller.recipients = [recipient]
        controller.body = body
        controller.messageComposeDelegate = context.coordinator
        return controller
    }

    func updateUIViewController(_ controller: MFMessageComposeViewController, context: Context) {}

    func makeCoordinator() -> Coordinator { Coordinator(onFinish: onFinish) }

    final class Coordinator: NSObject, MFMessageComposeViewControllerDelegate {
        let onFinish: () -> Void
        init(onFinish: @escaping () -> Void) { self.onFinish = onFinish }

        func messageComposeViewController(_ controller: MFMessageComposeViewController,
                                          didFinishWith result: MessageComposeResult) {
            onFinish() // sent, cancelled or failed: move on to the next recipient
        }
    }
}
