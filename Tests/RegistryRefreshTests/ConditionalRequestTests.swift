import CurlTransport
import Foundation
import RegistryRefresh
import TestSupport
import Testing

@testable import RegistryStorage

/// The validators a refresh keeps for its next conditional request, and what a 304 means.
@Suite struct ConditionalRequestTests {
    /// An ETag with a line break in it: sent back verbatim, it would inject a header line.
    static let injectingETag = "\"ab\rX-Injected: 1\""

    @Test func anETagThatCannotBeSentBackIsNotKept() async throws {
        let harness = try RefreshHarness(tools: ["good-tool"])
        let body = try harness.envelope(harness.payload(tool: "good-tool"))
        harness.route("/att/good-tool") { _, c in
            c.respond(200, headers: [("ETag", Self.injectingETag), ("Content-Type", "application/json")], body: body)
        }
        let first = try await harness.refresh()
        #expect(harness.item(first, "good-tool")?.status == .verified, "\(harness.item(first, "good-tool")?.message ?? "")")
        #expect(try harness.state("good-tool")?.attestation?.etag == nil, "a validator that cannot be sent is never stored")
        // The next refresh is unconditional (nothing to send), and it is not a failure.
        let second = try await harness.refresh()
        #expect(harness.item(second, "good-tool")?.status == .unchanged, "\(harness.item(second, "good-tool")?.message ?? "")")
        #expect(second.failures.isEmpty)
        #expect(harness.server.requests("/att/good-tool") == 2)
        #expect(harness.server.lastHeaders("/att/good-tool")?["if-none-match"] == nil)
    }

    @Test func aStoredValidatorThatCannotBeSentIsDroppedNotFatal() async throws {
        let harness = try RefreshHarness(tools: ["good-tool"])
        harness.serve("good-tool", try harness.envelope(harness.payload(tool: "good-tool")))
        _ = try await harness.refresh()
        // A state written before validators were checked (or edited by hand) holds ones that cannot be sent.
        let state = StateStore(registry: harness.registry.store)
        let shard = StateStore.shard(for: "good-tool")
        var tools = try state.shard(shard)
        tools["good-tool"]?.attestation?.etag = Self.injectingETag
        tools["good-tool"]?.attestation?.lastModified = "Sat, 21 Nov 2026\n10:00:00 GMT"
        try FileIO.writeAtomically(StateStore.encodeShard(tools), to: state.shardPath(shard))

        let report = try await harness.refresh()
        #expect(report.failures.isEmpty, "\(report.failures.map { $0.message ?? $0.status.rawValue })")
        #expect(harness.item(report, "good-tool")?.status == .unchanged)
        #expect(harness.server.lastHeaders("/att/good-tool")?["if-none-match"] == nil, "the bad one was not sent")
        #expect(try harness.state("good-tool")?.attestation?.etag == "\"v1\"", "the server's good ETag replaces it")
        #expect(try harness.state("good-tool")?.attestation?.lastModified == nil)
        // And the run after that is conditional again.
        let next = try await harness.refresh()
        #expect(harness.item(next, "good-tool")?.status == .notModified)
    }

    @Test func aDocumentsBadValidatorIsNotKeptEither() async throws {
        let harness = try RefreshHarness(tools: ["good-tool"])
        harness.serve("good-tool", try harness.envelope(harness.payload(tool: "good-tool")))
        harness.route("/terms") { _, c in
            c.respond(
                200,
                headers: [
                    ("ETag", Self.injectingETag), ("Last-Modified", "Sat, 21 Nov 2026 10:00:00 GMT"),
                    ("Content-Type", "text/plain"),
                ], text: "We do not train on your data.")
        }
        let terms = harness.server.url("/terms")
        try harness.registry.put(
            "tools/good-tool.json",
            try harness.registry.text("tools/good-tool.json")
                .replacingOccurrences(of: "\"watch\": []", with: "\"watch\": [{\"type\": \"terms\", \"url\": \"\(terms)\"}]"))
        _ = try await harness.refresh()
        let document = try #require(try harness.state("good-tool")?.documents[terms])
        #expect(document.etag == nil)
        #expect(document.lastModified == "Sat, 21 Nov 2026 10:00:00 GMT", "a good validator is kept")
        let second = try await harness.refresh()
        #expect(second.failures.isEmpty, "\(second.failures.map { $0.message ?? $0.status.rawValue })")
    }

    @Test func a304ToAnUnconditionalRequestIsAFailure() async throws {
        // A server (or a broken cache in front of it) that answers 304 to a first fetch has said nothing.
        let harness = try RefreshHarness(tools: ["good-tool"])
        harness.route("/att/good-tool") { _, c in c.respond(304, "Not Modified", headers: [("ETag", "\"v1\"")]) }
        let terms = harness.server.url("/terms")
        harness.route("/terms") { _, c in c.respond(304, "Not Modified") }
        try harness.registry.put(
            "tools/good-tool.json",
            try harness.registry.text("tools/good-tool.json")
                .replacingOccurrences(of: "\"watch\": []", with: "\"watch\": [{\"type\": \"terms\", \"url\": \"\(terms)\"}]"))
        let report = try await harness.refresh()
        let attestation = try #require(harness.item(report, "good-tool"))
        #expect(attestation.status == .http(304))
        #expect(attestation.failed)
        #expect(attestation.message?.contains("not conditional") == true, "\(attestation.message ?? "")")
        let document = try #require(report.items.first { $0.kind == .document })
        #expect(document.status == .http(304))
        #expect(document.failed)
        #expect(report.failures.count == 2)
        #expect(try harness.state("good-tool")?.attestation?.lastCheck?.status == "http-304")
    }

    @Test func aRunWithNothingToFetchDoesNotExitZero() throws {
        let harness = try RefreshHarness(tools: ["good-tool"])
        try harness.registry.put(
            "tools/good-tool.json",
            try harness.registry.text("tools/good-tool.json")
                .replacingOccurrences(of: "\"attestationURL\": \"\(harness.server.url("/att/good-tool"))\"", with: "\"attestationURL\": null"))
        let arguments = ["refresh", "--registry", harness.registry.root, "--allow-plain-http"]
        let text = try CLIRunner.run(arguments)
        #expect(text.status == 1, "\(text.stdout)\(text.stderr)")
        #expect(text.stdout.contains("nothing to fetch"), "\(text.stdout)")
        let json = try CLIRunner.run(arguments + ["--format", "json"])
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"ok\": false"), "\(json.stdout)")
        #expect(json.stdout.contains("nothing to fetch"), "\(json.stdout)")
    }
}
