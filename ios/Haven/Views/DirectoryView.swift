import HavenAppLogic
import HavenCore
import SwiftUI

/// Where to get help: as-you-type search over the directory pack in the vault (local, offline).
/// Calling a service goes through the same call-history warning as a contact.
struct DirectoryView: View {
    let model: AppModel
    @State private var search: SearchModel<DirectoryHit>?
    @State private var pendingURL: URL?
    @Environment(\.openURL) private var openURL

    private func t(_ key: TextKey) -> String { Strings.text(key, in: model.language) }

    var body: some View {
        List {
            if let search {
                TextField(t(.searchPlaceholder), text: Binding(get: { search.query },
                                                                  set: { search.update(query: $0) }))
                    .vaultTextInput(.webSearch)
                if !search.query.isEmpty && search.results.isEmpty && !search.isSearching {
                    Text(t(.noResults)).foregroundStyle(.secondary)
                }
                ForEach(search.results, id: \.id) { hit in
                    VStack(alignment: .leading, spacing: 4) {
                        Text(hit.name).font(.headline)
                        Text(hit.organization).font(.subheadline)
                        if hit.confidential { Text(t(.confidentialAddress)).font(.caption) }
                        ForEach(hit.phones, id: \.number) { phone in
                            Button("\(t(.call)) \(phone.number)") { pendingURL = URL(string: "tel:\(phone.number)") }
                        }
                    }
                }
            }
        }
        .confirmationDialog(t(.callHistoryWarning), isPresented: Binding(
            get: { pendingURL != nil }, set: { if !$0 { pendingURL = nil } }
        ), titleVisibility: .visible) {
            Button(t(.continueAction)) {
                if let url = pendingURL { openURL(url) }
                pendingURL = nil
            }
            Button(t(.cancel), role: .cancel) { pendingURL = nil }
        }
        .onAppear {
            guard search == nil else { return }
            search = SearchModel { [model] text in
                try await model.perform { session in
                    try session.searchDirectory(query: DirectoryQuery(
                        text: text, serviceTypes: [], place: nil, language: nil, openNow: false,
                        near: nil, locale: nil, limit: 0))
                }
            }
        }
    }
}
