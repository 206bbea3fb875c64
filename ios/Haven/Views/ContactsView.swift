import HavenAppLogic
import HavenCore
import MessageUI
import SwiftUI

/// Trusted contacts, typed in by hand (the phone's contacts are never read). Calls and messages
/// go through the system after a warning that they show in the call history and Messages; SOS
/// prepares one message per emergency contact with their code word, each sent only when she
/// presses Send on the system's message screen.
struct ContactsView: View {
    let model: AppModel
    @Environment(\.openURL) private var openURL
    @State private var contacts: [Contact] = []
    @State private var pendingURL: URL?
    @State private var sosPlan: SosPlan?
    @State private var sosFlow: SosFlow?
    @State private var showingNewContact = false

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        List {
            Section {
                Button(t(.sos), role: .destructive) { prepareSos() }
                    .font(.title2.bold())
            } footer: {
                Text(t(.sosExplanation))
            }
            ForEach(contacts, id: \.id) { contact in
                VStack(alignment: .leading, spacing: 6) {
                    Text(contact.name).font(.headline)
                    Text(contact.phone).font(.subheadline).foregroundStyle(.secondary)
                    HStack {
                        Button(t(.call)) { pendingURL = URL(string: "tel:\(contact.phone)") }
                        Button(t(.message)) { pendingURL = URL(string: "sms:\(contact.phone)") }
                    }
                    .buttonStyle(.bordered)
                }
            }
            .onDelete(perform: remove)
        }
        .toolbar {
            ToolbarItem(placement: .topBarLeading) {
                Button(t(.add)) { showingNewContact = true }
            }
        }
        // Calls and messages leave a trace outside Haven: say so every time.
        .confirmationDialog(t(.callHistoryWarning), isPresented: Binding(
            get: { pendingURL != nil }, set: { if !$0 { pendingURL = nil } }
        ), titleVisibility: .visible) {
            Button(t(.continueAction)) {
                if let url = pendingURL { openURL(url) }
                pendingURL = nil
            }
            Button(t(.cancel), role: .cancel) { pendingURL = nil }
        }
        // SOS, step 1: show who would get what, before composing anything.
        .alert(t(.sos), isPresented: Binding(get: { sosPlan != nil }, set: { if !$0 { sosPlan = nil } }),
               presenting: sosPlan) { plan in
            if !plan.messages.isEmpty && MFMessageComposeViewController.canSendText() {
                Button(t(.continueAction)) { sosFlow = SosFlow(plan: plan) }
            }
            Button(t(.cancel), role: .cancel) {}
        } message: { plan in
            Text(sosSummary(plan))
        }
        // SOS, step 2: one system message screen per recipient; she presses Send (or not).
        .sheet(isPresented: Binding(get: { sosFlow?.current != nil }, set: { if !$0 { sosFlow = nil } })) {
            if let message = sosFlow?.current {
                MessageComposer(recipient: message.phone, body: message.body) {
                    sosFlow?.advance()
                }
                .ignoresSafeArea()
            }
        }
        .sheet(isPresented: $showingNewContact) {
            ContactFormView(model: model) { Task { await reload() } }
        }
        .task { await reload() }
    }

    private func sosSummary(_ plan: SosPlan) -> String {
        guard MFMessageComposeViewController.canSendText() else { return t(.sosCannotSend) }
        guard !plan.messages.isEmpty else { return t(.sosNoRecipients) }
        let lines = plan.messages.map { "\($0.recipientName): \($0.body)" }
        return ([t(.sosExplanation)] + lines + [plan.skippedNote(in: model.language)].compactMap { $0 })
            .joined(separator: "\n")
    }

    private func prepareSos() {
        Task { sosPlan = try? await model.sosPlan() }
    }

    private func remove(at offsets: IndexSet) {
        let ids = offsets.map { contacts[$0].id }
        Task {
            for id in ids { _ = try? await model.perform { try $0.removeContact(id: id) } }
            await reload()
        }
    }

    private func reload() async {
        if let loaded = try? await model.perform({ try $0.contacts() }) {
            contacts = loaded
        }
    }
}

/// A new trusted contact.
private struct ContactFormView: View {
    let model: AppModel
    let onSaved: () -> Void
    @Environment(\.dismiss) private var dismiss
    @State private var name = ""
    @State private var phone = ""
    @State private var relation = ""
    @State private var codeWord = ""
    @State private var emergency = true
    @State private var nameIssue: ValidationIssue?
    @State private var phoneIssue: ValidationIssue?

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        NavigationStack {
            Form {
                TextField(t(.contactName), text: $name).vaultTextInput()
                IssueText(issue: nameIssue, language: model.language)
                TextField(t(.contactPhone), text: $phone).vaultTextInput(.phonePad)
                IssueText(issue: phoneIssue, language: model.language)
                TextField(t(.contactRelation), text: $relation).vaultTextInput()
                TextField(t(.contactCodeWord), text: $codeWord).vaultTextInput()
                Toggle(t(.contactEmergency), isOn: $emergency)
            }
            .toolbar {
                ToolbarItem(placement: .cancellationAction) { Button(t(.cancel)) { dismiss() } }
                ToolbarItem(placement: .confirmationAction) { Button(t(.save)) { save() } }
            }
            .exitButton(model)
        }
    }

    private func save() {
        nameIssue = FieldRules.checkName(name)
        phoneIssue = FieldRules.checkPhone(phone)
        guard nameIssue == nil, phoneIssue == nil else { return }
        let draft = ContactDraft(name: name, phone: phone, relation: relation,
                                 codeWord: codeWord.isEmpty ? nil : codeWord,
                                 capabilities: [], emergency: emergency)
        Task {
            do {
                _ = try await model.perform { try $0.addContact(draft: draft) }
                onSaved()
                dismiss()
            } catch is AppModel.VaultClosed {
                dismiss()
            } catch {
                phoneIssue = .phoneInvalid // the core normalizes numbers and refused this one
            }
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
