import HavenAppLogic
import HavenCore
import SwiftUI

/// The safety plan: sections with guidance, suggestions she ticks, dismisses or brings back,
/// and her own items, which she edits and removes. Everything is decided in `PlanModel`.
struct SafetyPlanView: View {
    @Bindable var model: AppModel

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        @Bindable var plan = model.plan
        List {
            ForEach(model.plan.sections, id: \.id) { section in
                Section {
                    Text(section.guidance).font(.callout).foregroundStyle(.secondary)
                    ForEach(section.items, id: \.id) { item in
                        if model.plan.editingItem == item.id {
                            HStack {
                                TextField(t(.edit), text: $plan.editText).vaultTextInput()
                                Button(t(.save)) { Task { await model.plan.saveEdit() } }
                                Button(t(.cancel)) { model.plan.cancelEdit() }
                            }
                        } else {
                            Toggle(item.text, isOn: Binding(
                                get: { item.checked },
                                set: { checked in Task { await model.plan.setChecked(item, checked) } }))
                            .swipeActions {
                                if item.isOwnText {
                                    Button(t(.delete), role: .destructive) { Task { await model.plan.remove(item) } }
                                    Button(t(.edit)) { model.plan.startEditing(item) }
                                } else {
                                    Button(t(.dismissSuggestion)) { Task { await model.plan.dismiss(item) } }
                                }
                            }
                        }
                    }
                    HStack {
                        TextField(t(.add), text: Binding(get: { model.plan.newItemText[section.id] ?? "" },
                                                         set: { model.plan.newItemText[section.id] = $0 }))
                            .vaultTextInput()
                        Button(t(.add)) { Task { await model.plan.addItem(to: section.id) } }
                    }
                    if !section.dismissed.isEmpty {
                        DisclosureGroup(t(.dismissedSuggestions)) {
                            ForEach(section.dismissed, id: \.id) { item in
                                HStack {
                                    Text(item.text).foregroundStyle(.secondary)
                                    Spacer()
                                    Button(t(.bringBack)) { Task { await model.plan.bringBack(item) } }
                                }
                            }
                        }
                    }
                } header: {
                    Text("\(section.title) · \(section.checked)/\(section.total)")
                }
            }
        }
        .task { await model.plan.load() }
    }
}
