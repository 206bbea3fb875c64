import HavenAppLogic
import HavenCore
import SwiftUI

/// The safety plan: sections with guidance, her items and suggestions, ticked off as she goes.
struct SafetyPlanView: View {
    let model: AppModel
    @State private var sections: [PlanSection] = []
    @State private var newItemText: [String: String] = [:]

    var body: some View {
        List {
            ForEach(sections, id: \.id) { section in
                Section {
                    Text(section.guidance).font(.callout).foregroundStyle(.secondary)
                    ForEach(section.items, id: \.id) { item in
                        Toggle(item.text, isOn: Binding(
                            get: { item.checked },
                            set: { checked in run { try $0.setPlanItemChecked(itemId: item.id, checked: checked) } }
                        ))
                    }
                    HStack {
                        TextField(Strings.text(.add, in: model.language), text: binding(for: section.id))
                            .vaultTextInput()
                        Button(Strings.text(.add, in: model.language)) { add(to: section.id) }
                            .disabled((newItemText[section.id] ?? "").trimmingCharacters(in: .whitespaces).isEmpty)
                    }
                } header: {
                    Text("\(section.title) · \(section.checked)/\(section.total)")
                }
            }
        }
        .task { await reload() }
    }

    private func binding(for sectionId: String) -> Binding<String> {
        Binding(get: { newItemText[sectionId] ?? "" }, set: { newItemText[sectionId] = $0 })
    }

    private func add(to sectionId: String) {
        let text = newItemText[sectionId] ?? ""
        newItemText[sectionId] = ""
        run { _ = try $0.addPlanItem(sectionId: sectionId, text: text) }
    }

    private func run(_ work: @escaping @Sendable (Session) throws -> Void) {
        Task {
            do {
                try await model.perform(work)
                await reload()
            } catch is AppModel.VaultClosed {
            } catch {
                model.alertMessage = Strings.text(.somethingWentWrong, in: model.language)
            }
        }
    }

    private func reload() async {
        if let loaded = try? await model.perform({ try $0.plan() }) {
            sections = loaded
        }
    }
}
