import Foundation
import Observation

/// As-you-type search: waits for a short pause in typing, cancels the search the next key
/// press makes stale, and never shows results for a query that is no longer in the field.
///
/// Generic over the result type so that it depends only on a search function; the app passes
/// one that runs the core's directory search through `AppModel.perform`.
@MainActor
@Observable
public final class SearchModel<Item: Sendable> {
    public typealias Search = @Sendable (String) async throws -> [Item]

    public private(set) var query = ""
    public private(set) var results: [Item] = []
    /// The last search failed (shown as "nothing found" plus a retry, never as an error text).
    public private(set) var failed = false
    public private(set) var isSearching = false

    private let search: Search
    private let pauseNanoseconds: UInt64
    private var pending: Task<Void, Never>?

    public init(pauseNanoseconds: UInt64 = 150_000_000, search: @escaping Search) {
        self.search = search
        self.pauseNanoseconds = pauseNanoseconds
    }

    /// The field changed.
    public func update(query newQuery: String) {
        query = newQuery
        pending?.cancel()
        let trimmed = newQuery.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            results = []
            failed = false
            isSearching = false
            pending = nil
            return
        }
        isSearching = true
        let pause = pauseNanoseconds
        let search = self.search
        pending = Task { [weak self] in
            do {
                try await Task.sleep(nanoseconds: pause)
                let found = try await search(trimmed)
                try Task.checkCancellation()
                self?.show(found, for: newQuery)
            } catch is CancellationError {
                // A newer key press took over.
            } catch {
                self?.showFailure(for: newQuery)
            }
        }
    }

    /// Waits for the search in flight, if any (for tests).
    public func settle() async {
        await pending?.value
    }

    private func show(_ found: [Item], for searched: String) {
        guard searched == query else { return }
        results = found
        failed = false
        isSearching = false
    }

    private func showFailure(for searched: String) {
        guard searched == query else { return }
        results = []
        failed = true
        isSearching = false
    }
}
