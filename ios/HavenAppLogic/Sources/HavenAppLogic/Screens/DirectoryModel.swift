import Foundation
import HavenCore
import Observation

/// Where to get help: the signed directory pack in the vault, searched locally and offline.
///
/// With nothing typed and no type chosen it lists everything (national lines first, as the core
/// ranks them), so there is something to call before any typing. Filters: service types, a
/// city or region (her choice instead of location, which would need a permission), open now.
/// Each entry shows whether it is verified, its source and date; an out-of-date pack says so.
/// A new pack comes from Files; every refusal is explained and the old pack stays.
@MainActor
@Observable
public final class DirectoryModel: ScreenModel {
    public private(set) var query = ""
    public private(set) var types: Set<ServiceType> = []
    public private(set) var place: String?
    public private(set) var openNow = false
    public private(set) var results: [DirectoryHit] = []
    /// Cities and regions found in the pack, for the place filter.
    public private(set) var places: [String] = []
    public private(set) var info: PackInfo?
    /// What happened to the last pack she picked (installed, or why it was refused).
    public private(set) var packMessage: String?

    @ObservationIgnored private weak var app: AppModel?
    @ObservationIgnored private var pending: Task<Void, Never>?
    @ObservationIgnored private let pauseNanoseconds: UInt64 = 150_000_000

    init() {}

    func attach(_ app: AppModel) { self.app = app }

    func reset() {
        pending?.cancel()
        pending = nil
        query = ""
        types = []
        place = nil
        openNow = false
        results = []
        places = []
        info = nil
        packMessage = nil
    }

    public var allTypes: [ServiceType] { ServiceType.all }

    public func typeLabel(_ type: ServiceType) -> String {
        coreLabel(.serviceTypes, type.coreId, in: app?.language ?? .ru)
    }

    /// Loads the pack's details and the first list.
    public func load() async {
        guard let app else { return }
        let everything = Self.query(text: "", types: [], place: nil, openNow: false, locale: app.language.coreLocale)
        guard let loaded = await app.attempt({ session in
            (try session.directoryInfo(), try session.searchDirectory(query: everything))
        }) else { return }
        info = loaded.0
        var seen = Set<String>()
        places = loaded.1.flatMap { $0.places.compactMap { $0.city ?? $0.region } }.filter { seen.insert($0).inserted }.sorted()
        await search()
    }

    /// The search field changed: searches after a short pause in typing.
    public func setQuery(_ text: String) {
        query = text
        schedule()
    }

    public func toggleType(_ type: ServiceType) {
        if types.contains(type) { types.remove(type) } else { types.insert(type) }
        schedule(pause: false)
    }

    public func setPlace(_ place: String?) {
        self.place = place
        schedule(pause: false)
    }

    public func setOpenNow(_ openNow: Bool) {
        self.openNow = openNow
        schedule(pause: false)
    }

    /// Waits for the search in flight (for tests).
    func settle() async {
        await pending?.value
    }

    private func schedule(pause: Bool = true) {
        pending?.cancel()
        let delay = pause ? pauseNanoseconds : 0
        pending = Task { [weak self] in
            if delay > 0 { try? await Task.sleep(nanoseconds: delay) }
            guard !Task.isCancelled else { return }
            await self?.search()
        }
    }

    private func search() async {
        guard let app else { return }
        let text = query.trimmingCharacters(in: .whitespacesAndNewlines)
        // Nothing typed and no type chosen: browse every type.
        let chosen = types.isEmpty && text.isEmpty ? Set(ServiceType.all) : types
        let query = Self.query(text: text, types: chosen, place: place, openNow: openNow, locale: app.language.coreLocale)
        let searched = (self.query, types, place, openNow)
        guard let found = await app.attempt({ try $0.searchDirectory(query: query) }) else { return }
        // A newer change took over while this one ran.
        guard searched == (self.query, types, place, openNow) else { return }
        results = found
    }

    nonisolated static func query(text: String, types: Set<ServiceType>, place: String?, openNow: Bool,
                      locale: HavenLocale) -> DirectoryQuery {
        DirectoryQuery(text: text, serviceTypes: ServiceType.all.filter(types.contains), place: place,
                       language: nil, openNow: openNow, near: nil, locale: locale, limit: 0)
    }

    // MARK: One entry

    /// "Verified on 2026-11-01 · Source: …" or "Not verified · Source: …", in her language.
    public func provenance(_ hit: DirectoryHit) -> String {
        let language = app?.language ?? .ru
        let state = hit.verified
            ? Strings.text(.verifiedOn, in: language, DateText.calendarDay(hit.verifiedOn, in: language))
            : Strings.text(.notVerified, in: language)
        return "\(state) · \(Strings.text(.sourceLabel, in: language, hit.source))"
    }

    /// The street addresses she may go to (none for a confidential shelter).
    public func addresses(_ hit: DirectoryHit) -> [String] {
        guard !hit.confidential else { return [] }
        return hit.places.filter { !$0.confidential }.compactMap { place in
            let parts = [place.address, place.city].compactMap { $0 }.filter { !$0.isEmpty }
            return parts.isEmpty ? nil : parts.joined(separator: ", ")
        }
    }

    /// "Open now" / "Closed now", or `nil` when the hours are unknown.
    public func openText(_ hit: DirectoryHit) -> String? {
        let language = app?.language ?? .ru
        switch hit.openNow {
        case .open: return Strings.text(.openNow, in: language)
        case .closed: return Strings.text(.closedNow, in: language)
        case .unknown: return nil
        }
    }

    /// The warning shown when the pack is past its expiry (it is still used).
    public var outOfDateWarning: String? {
        guard let info, info.outOfDate, let language = app?.language else { return nil }
        return Strings.text(.directoryOutOfDate, in: language)
    }

    // MARK: A new pack

    /// A pack file she picked in Files, read into memory. The core verifies it (signature,
    /// region, version); a refusal keeps the old directory and says why.
    public func installPack(_ bytes: Data) async {
        guard let app else { return }
        packMessage = nil
        do {
            let installed = try await app.perform { try $0.installPack(pack: bytes) }
            info = installed
            packMessage = Strings.text(.packInstalled, in: app.language, Int(installed.services))
            await search()
        } catch is AppModel.VaultClosed {
        } catch {
            packMessage = Problem.message(for: error, in: app.language)
        }
    }

    /// A pack file could not be read at all.
    public func packUnreadable() {
        packMessage = Strings.text(.packNotAPack, in: app?.language ?? .ru)
    }
}
