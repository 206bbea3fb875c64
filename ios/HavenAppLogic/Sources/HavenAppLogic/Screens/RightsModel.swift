import Foundation
import HavenCore
import Observation

/// "Your rights" and "Danger signs": the core's content for Kazakhstan in her language, every
/// statement with its sources and verified date, and the national lines one tap away.
///
/// The numbers are not written in the app: they come from the signed directory pack, with the
/// pack's verified state, source and date, so a number is never shown without its source.
@MainActor
@Observable
public final class RightsModel: ScreenModel {
    /// One national line to call.
    public struct Line: Equatable, Sendable, Identifiable {
        public var id: String { number }
        public var number: String
        public var name: String
        public var provenance: String
    }

    /// The numbers offered one tap away, in this order.
    public static let lineNumbers = ["112", "102", "111", "150"]

    public private(set) var statements: [RightsStatement] = []
    public private(set) var lines: [Line] = []
    public private(set) var dangerSigns: DangerSigns?
    public private(set) var ticked: Set<String> = []

    @ObservationIgnored private weak var app: AppModel?

    init() {}

    func attach(_ app: AppModel) { self.app = app }

    func reset() {
        statements = []
        lines = []
        dangerSigns = nil
        ticked = []
    }

    /// Loads the rights and the national lines.
    public func loadRights() async {
        guard let app else { return }
        let query = DirectoryModel.query(text: "", types: Set(ServiceType.all), place: nil, openNow: false,
                                         locale: app.language.coreLocale)
        guard let loaded = await app.attempt({ session in
            (try session.rights(), try session.searchDirectory(query: query))
        }) else { return }
        statements = loaded.0
        lines = Self.lines(from: loaded.1, directory: app.directory)
    }

    static func lines(from hits: [DirectoryHit], directory: DirectoryModel) -> [Line] {
        lineNumbers.compactMap { number in
            for hit in hits {
                if hit.phones.contains(where: { $0.number == number }) {
                    return Line(number: number, name: hit.name, provenance: directory.provenance(hit))
                }
            }
            return nil
        }
    }

    /// "Source: title, publisher, date" lines for a statement or a sign.
    public func sourceLines(_ sources: [Source]) -> [String] {
        let language = app?.language ?? .ru
        return sources.map { source in
            Strings.text(.sourceLabel, in: language,
                         [source.title, source.publisher, source.date].filter { !$0.isEmpty }.joined(separator: ", "))
        }
    }

    /// "Checked on …" for a statement.
    public func verifiedText(_ statement: RightsStatement) -> String {
        let language = app?.language ?? .ru
        return Strings.text(.verifiedOn, in: language, DateText.calendarDay(statement.verifiedOn, in: language))
    }

    /// The `tel:` link for a line (she confirms the call-history warning first).
    public func callLink(_ line: Line) -> URL? {
        PhoneLinks.call(line.number)
    }

    // MARK: Danger signs

    /// Loads the reflection and what she ticked before.
    public func loadDangerSigns() async {
        guard let app, let loaded = await app.attempt({ session in
            (try session.dangerSigns(), try session.tickedDangerSigns())
        }) else { return }
        dangerSigns = loaded.0
        ticked = Set(loaded.1)
    }

    /// Ticks or unticks a sign (stored in the vault). No score is computed: each sign has its
    /// own plain next step.
    public func setTicked(_ signId: String, _ isTicked: Bool) async {
        guard let app else { return }
        guard await app.attempt({ try $0.setDangerSignTicked(signId: signId, ticked: isTicked) }) != nil else { return }
        if isTicked { ticked.insert(signId) } else { ticked.remove(signId) }
    }
}
