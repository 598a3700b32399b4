import Foundation
import RegistryRefresh
import RegistryStorage
import TestSupport
import Testing

/// Watched terms pages over a real loopback server: selectors from the record, and pages with no terms
/// text reported as failed fetches, never as "unchanged" or "changed".
@Suite struct WatchedDocumentTests {
    func harness(watch: String) throws -> (RefreshHarness, Locked<String>) {
        let harness = try RefreshHarness(tools: ["good-tool"])
        let page = Locked("")
        harness.route("/terms") { _, c in c.respond(200, headers: [("Content-Type", "text/html; charset=utf-8")], text: page.withLock { $0 }) }
        try harness.registry.put(
            "tools/good-tool.json",
            try harness.registry.text("tools/good-tool.json")
                .replacingOccurrences(
                    of: "\"watch\": []", with: "\"watch\": [\(watch.replacingOccurrences(of: "URL", with: harness.server.url("/terms")))]"))
        harness.serve("good-tool", try harness.envelope(harness.payload(tool: "good-tool")))
        return (harness, page)
    }

    func status(_ harness: RefreshHarness) async throws -> RefreshStatus? {
        try await harness.refresh().items.first { $0.kind == .document }?.status
    }

    @Test func selectorsInTheRecordPickTheTerms() async throws {
        let (harness, page) = try harness(watch: ##"{"type": "terms", "url": "URL", "select": ["#terms"], "remove": [".updated"]}"##)
        func body(_ terms: String, _ visit: String) -> String {
            "<html><body><main><p>\(visit)</p><div id=\"terms\"><p class=\"updated\">Seen \(visit)</p><p>\(terms)</p></div></main></body></html>"
        }
        page.withLock { $0 = body("We do not train on your data.", "visit 1") }
        #expect(try await status(harness) == .firstSeen)
        page.withLock { $0 = body("We do not train on your data.", "visit 2") }
        #expect(try await status(harness) == .unchanged, "outside the selected part, or removed from it")
        page.withLock { $0 = body("We may train on your data.", "visit 3") }
        #expect(try await status(harness) == .changed)
    }

    @Test(arguments: [
        ("<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>", RefreshStatus.errorPage),
        ("<html><head><script src=\"/app.js\"></script></head><body><div id=\"root\"></div></body></html>", RefreshStatus.scriptShell),
        ("<html><body><main><p>Something else entirely, no terms section.</p></main></body></html>", RefreshStatus.selectorMatchedNothing),
    ])
    func aPageWithNoTermsTextIsAFailedFetch(bad: String, code: RefreshStatus) async throws {
        let (harness, page) = try harness(watch: #"{"type": "terms", "url": "URL", "select": ["main .terms"]}"#)
        let good = "<html><body><main><div class=\"terms\"><p>We do not train on your data.</p></div></main></body></html>"
        page.withLock { $0 = good }
        #expect(try await status(harness) == .firstSeen)
        let url = harness.server.url("/terms")
        let known = try #require(try harness.state("good-tool")?.documents[url]?.sha256)
        page.withLock { $0 = bad }
        let report = try await harness.refresh()
        let item = try #require(report.items.first { $0.kind == .document })
        #expect(item.status == code)
        #expect(item.failed)
        let state = try #require(try harness.state("good-tool")?.documents[url])
        #expect(state.sha256 == known, "the terms last read stay the ones the review compares against")
        #expect(state.lastCheck?.status == code.rawValue)
        #expect(state.lastCheck?.isFailure == true)
        page.withLock { $0 = good }
        #expect(try await status(harness) == .unchanged)
    }
}
