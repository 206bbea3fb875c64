import Foundation
import HavenCore
import Observation

/// The safety plan: the core's sections with guidance, suggestions she can tick, dismiss or
/// bring back, and her own items, which she can edit and remove.
@MainActor
@Observable
public final class PlanModel: ScreenModel {
    public private(set) var sections: [PlanSection] = []
    /// Text typed for a new item, per section id.
    public var newItemText: [String: String] = [:]
    /// The item being edited and its text.
    public private(set) var editingItem: Int64?
    public var editText = ""

    @ObservationIgnored private weak var app: AppModel?

    init() {}

    func attach(_ app: AppModel) { self.app = app }

    func reset() {
        sections = []
        newItemText = [:]
        editingItem = nil
        editText = ""
    }

    public func load() async {
        guard let app, let loaded = await app.attempt({ try $0.plan() }) else { return }
        sections = loaded
    }

    public func setChecked(_ item: PlanItem, _ checked: Bool) async {
        await run { try $0.setPlanItemChecked(itemId: item.id, checked: checked) }
    }

    /// Adds her own item to a section from `newItemText`.
    public func addItem(to sectionId: String) async {
        let text = (newItemText[sectionId] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return }
        newItemText[sectionId] = ""
        await run { _ = try $0.addPlanItem(sectionId: sectionId, text: text) }
    }

    /// A suggestion she does not want: moved to the section's dismissed list.
    public func dismiss(_ item: PlanItem) async {
        await run { try $0.dismissPlanSuggestion(itemId: item.id) }
    }

    /// Brings a dismissed suggestion back.
    public func bringBack(_ item: PlanItem) async {
        await run { try $0.adoptPlanSuggestion(itemId: item.id) }
    }

    /// Starts editing one of her own items.
    public func startEditing(_ item: PlanItem) {
        guard item.isOwnText else { return }
        editingItem = item.id
        editText = item.text
    }

    public func saveEdit() async {
        guard let id = editingItem else { return }
        let text = editText.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return }
        editingItem = nil
        editText = ""
        await run { _ = try $0.editPlanItem(itemId: id, text: text) }
    }

    public func cancelEdit() {
        editingItem = nil
        editText = ""
    }

    /// Removes one of her own items.
    public func remove(_ item: PlanItem) async {
        guard item.isOwnText else { return }
        await run { try $0.removePlanItem(itemId: item.id) }
    }

    private func run(_ work: @escaping @Sendable (Session) throws -> Void) async {
        guard let app else { return }
        _ = await app.attempt(work)
        await load()
    }
}
