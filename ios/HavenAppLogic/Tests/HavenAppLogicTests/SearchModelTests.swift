import XCTest
@testable import HavenAppLogic

/// The directory's as-you-type search model, over a recording search function.
@MainActor
final class SearchModelTests: XCTestCase {
    actor Recorder {
        var queries: [String] = []
        func record(_ query: String) { queries.append(query) }
    }

    func testOnlyTheQueryAfterAPauseIsSearched() async {
        let recorder = Recorder()
        let model = SearchModel<String>(pauseNanoseconds: 50_000_000) { query in
            await recorder.record(query)
            return ["\(query) result"]
        }
        model.update(query: "a")
        model.update(query: "al")
        model.update(query: "alm ")
        await model.settle()
        let searched = await recorder.queries
        XCTAssertEqual(searched, ["alm"])
        XCTAssertEqual(model.results, ["alm result"])
        XCTAssertFalse(model.isSearching)
    }

    func testClearingTheFieldClearsResultsWithoutSearching() async {
        let recorder = Recorder()
        let model = SearchModel<String>(pauseNanoseconds: 1_000_000) { query in
            await recorder.record(query)
            return [query]
        }
        model.update(query: "shelter")
        await model.settle()
        XCTAssertEqual(model.results, ["shelter"])
        model.update(query: "  ")
        XCTAssertEqual(model.results, [])
        await model.settle()
        let searched = await recorder.queries
        XCTAssertEqual(searched, ["shelter"])
    }

    func testAStaleSlowSearchNeverOverwritesANewerOne() async {
        let model = SearchModel<String>(pauseNanoseconds: 0) { query in
            if query == "slow" {
                try await Task.sleep(nanoseconds: 200_000_000)
            }
            return [query]
        }
        model.update(query: "slow")
        try? await Task.sleep(nanoseconds: 20_000_000) // the slow search is under way
        model.update(query: "fast")
        await model.settle()
        try? await Task.sleep(nanoseconds: 250_000_000) // the slow one would have finished by now
        XCTAssertEqual(model.query, "fast")
        XCTAssertEqual(model.results, ["fast"])
    }

    func testAFailedSearchIsReportedForTheCurrentQuery() async {
        struct Failure: Error {}
        let model = SearchModel<String>(pauseNanoseconds: 0) { _ in throw Failure() }
        model.update(query: "x")
        await model.settle()
        XCTAssertTrue(model.failed)
        XCTAssertEqual(model.results, [])
    }
}
