import HavenAppLogic
import HavenCore
import SwiftUI
import UniformTypeIdentifiers

/// Where to get help: the directory pack in the vault, local and offline. Lists everything
/// before any typing; filters by type, city or region, open now; each entry shows whether it is
/// verified, its source and date. A new pack comes from Files; a refusal says why. Calling a
/// service goes through the same call-history warning as a contact. Decided in `DirectoryModel`.
struct DirectoryView: View {
    let model: AppModel
    @State private var pendingURL: URL?
    @State private var showingImporter = false

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        List {
            if let warning = model.directory.outOfDateWarning {
                Text(warning).foregroundStyle(.orange)
            }
            Section {
                TextField(t(.searchPlaceholder), text: Binding(get: { model.directory.query },
                                                                set: { model.directory.setQuery($0) }))
                    .vaultTextInput(.webSearch)
                DisclosureGroup(t(.filterTypes)) {
                    ForEach(model.directory.allTypes, id: \.self) { type in
                        Toggle(model.directory.typeLabel(type), isOn: Binding(
                            get: { model.directory.types.contains(type) },
                            set: { _ in model.directory.toggleType(type) }))
                    }
                }
                Picker(t(.placeFilter), selection: Binding(get: { model.directory.place },
                                                           set: { model.directory.setPlace($0) })) {
                    Text(t(.allPlaces)).tag(String?.none)
                    ForEach(model.directory.places, id: \.self) { Text($0).tag(String?.some($0)) }
                }
                Toggle(t(.openNow), isOn: Binding(get: { model.directory.openNow },
                                                  set: { model.directory.setOpenNow($0) }))
            }
            if model.directory.results.isEmpty {
                Text(t(.noResults)).foregroundStyle(.secondary)
            }
            ForEach(model.directory.results, id: \.id) { hit in
                VStack(alignment: .leading, spacing: 4) {
                    Text(hit.name).font(.headline)
                    Text(hit.organization).font(.subheadline)
                    if let open = model.directory.openText(hit) { Text(open).font(.caption) }
                    if hit.confidential { Text(t(.confidentialAddress)).font(.caption) }
                    ForEach(model.directory.addresses(hit), id: \.self) { Text("\(t(.addresses)): \($0)").font(.caption) }
                    Text(model.directory.provenance(hit)).font(.caption2).foregroundStyle(.secondary)
                    ForEach(hit.phones, id: \.number) { phone in
                        Button("\(t(.call)) \(phone.number)") { pendingURL = PhoneLinks.call(phone.number) }
                    }
                }
            }
            Section {
                Button(t(.installPack)) { showingImporter = true }
                if let message = model.directory.packMessage { Text(message).font(.footnote) }
            }
        }
        .callConfirmation(model, url: $pendingURL)
        .fileImporter(isPresented: $showingImporter, allowedContentTypes: [.data]) { result in
            guard let url = try? result.get() else { return }
            let scoped = url.startAccessingSecurityScopedResource()
            defer { if scoped { url.stopAccessingSecurityScopedResource() } }
            guard let bytes = try? Data(contentsOf: url, options: .uncached) else {
                model.directory.packUnreadable()
                return
            }
            Task { await model.directory.installPack(bytes) }
        }
        .task { await model.directory.load() }
    }
}
