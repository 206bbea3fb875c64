import HavenAppLogic
import HavenCore
import SwiftUI

/// Your rights in Kazakhstan (from the core's content), each statement with its sources and
/// checked date, and the national lines (112, 102, 111, 150, from the signed directory pack
/// with their sources) one tap away. Decided in `RightsModel`.
struct RightsView: View {
    let model: AppModel
    @State private var pendingURL: URL?

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        List {
            Section(t(.nationalLines)) {
                ForEach(model.rights.lines) { line in
                    Button { pendingURL = model.rights.callLink(line) } label: {
                        VStack(alignment: .leading) {
                            Text("\(line.number) · \(line.name)").font(.headline)
                            Text(line.provenance).font(.caption2).foregroundStyle(.secondary)
                        }
                    }
                }
            }
            ForEach(model.rights.statements, id: \.id) { statement in
                Section(statement.title) {
                    Text(statement.body)
                    ForEach(model.rights.sourceLines(statement.sources), id: \.self) {
                        Text($0).font(.caption2).foregroundStyle(.secondary)
                    }
                    Text(model.rights.verifiedText(statement)).font(.caption2).foregroundStyle(.secondary)
                }
            }
        }
        .callConfirmation(model, url: $pendingURL)
        .task { await model.rights.loadRights() }
    }
}

/// Danger signs: the core's reflection. She ticks what applies (stored in the vault); each
/// sign says why it matters and a plain next step, with sources. No score.
struct DangerSignsView: View {
    let model: AppModel

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        List {
            if let signs = model.rights.dangerSigns {
                Section { Text(signs.intro); Text(t(.dangerSignsNoScore)).font(.callout) }
                ForEach(signs.signs, id: \.id) { sign in
                    Section {
                        Toggle(sign.text, isOn: Binding(
                            get: { model.rights.ticked.contains(sign.id) },
                            set: { ticked in Task { await model.rights.setTicked(sign.id, ticked) } }))
                        if model.rights.ticked.contains(sign.id) {
                            LabeledContent(t(.whyItMatters), value: sign.why)
                            LabeledContent(t(.nextStep), value: sign.nextStep)
                        }
                        ForEach(model.rights.sourceLines(sign.sources), id: \.self) {
                            Text($0).font(.caption2).foregroundStyle(.secondary)
                        }
                    }
                }
                Section { Text(signs.closing) }
            }
        }
        .task { await model.rights.loadDangerSigns() }
    }
}
