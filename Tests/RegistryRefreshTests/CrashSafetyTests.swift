import Foundation
import TestSupport
import Testing

@testable import RegistryDomain
@testable import RegistryJSON
@testable import RegistryStorage

/// The refresh process killed (SIGKILL) at random moments, many times, and two refreshes at once:
/// the registry must stay valid and every state file whole.
@Suite(.serialized) struct CrashSafetyTests {
    /// 300 tools whose attestations change version on every round, so each run rewrites most shards.
    func harness() throws -> (RefreshHarness, Locked<Int>) {
        let tools = (0..<300).map { "tool-\($0)" }
        let harness = try RefreshHarness(tools: tools)
        let version = Locked(1)
        let envelopes = Locked<[Int: [String: [UInt8]]]>([:])
        for tool in tools {
            // Unowned: the harness holds its routes, so a strong capture would keep it (its server and its
            // throwaway registry) alive after the test.
            harness.route("/att/\(tool)") { [unowned harness] _, c in
                let v = version.withLock { $0 }
                let body = envelopes.withLock { cache -> [UInt8] in
                    if let cached = cache[v]?[tool] { return cached }
                    let fresh = (try? harness.envelope(harness.payload(tool: tool, version: v))) ?? []
                    cache[v, default: [:]][tool] = fresh
                    return fresh
                }
                c.respond(200, headers: [("ETag", "\"\(v)\"")], body: body)
            }
        }
        return (harness, version)
    }

    func refreshArguments(_ harness: RefreshHarness, _ extra: [String] = []) -> [String] {
        ["refresh", "--registry", harness.registry.root, "--allow-plain-http", "--concurrency", "16", "--format", "json"] + extra
    }

    /// Every state file parses, the registry lints clean, nothing half-written is in place of a file.
    func expectWhole(_ harness: RefreshHarness, round: Int) async throws {
        let state = StateStore(registry: harness.registry.store)
        let names = (try? FileIO.listAll(state.toolsDirectory)) ?? []
        for name in names where name.hasSuffix(".json") {
            #expect(throws: Never.self, "round \(round): \(name)") { _ = try state.shard(String(name.dropLast(5))) }
        }
        let snapshot = try RegistrySnapshot.load(harness.registry.store)
        #expect(!snapshot.hasErrors, "round \(round): \(snapshot.issues.filter { $0.severity == .error })")
        // Each envelope in force verifies (a torn write would not).
        for (id, toolState) in try state.allToolStates() {
            guard let envelope = toolState.attestation?.envelope else { continue }
            let vendor = try #require(snapshot.vendors["acme"])
            let result = AttestationVerifier(now: harness.now, clockSkewSeconds: 300).verify(
                Array(envelope.utf8), vendor: vendor, toolID: id, lastVerifiedVersion: nil)
            if case .rejected(let r) = result { Issue.record("round \(round): \(id): \(r)") }
        }
    }

    @Test func killedAtRandomMomentsLeavesEverythingWhole() async throws {
        let (harness, version) = try harness()
        var generator = SystemRandomNumberGenerator()
        for round in 1...12 {
            version.withLock { $0 = round }
            let running = try CLIRunner.start(refreshArguments(harness))
            // Anywhere from start-up to the final writes (a full run takes a few hundred milliseconds here).
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...700, using: &generator)))
            running.kill()
            _ = running.wait()
            try await expectWhole(harness, round: round)
        }
        // The next refresh cleans up after the killed ones and completes.
        version.withLock { $0 = 100 }
        let final = try CLIRunner.start(refreshArguments(harness)).wait()
        #expect(final.status == 0, "\(final.stderr)")
        try await expectWhole(harness, round: 100)
        let state = StateStore(registry: harness.registry.store)
        let leftovers = ((try? FileIO.listAll(state.toolsDirectory)) ?? []).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "temporaries left: \(leftovers)")
        #expect(try state.allToolStates().values.allSatisfy { $0.attestation?.highestVersion == 100 })
    }

    /// A tool watching a page whose text changes, served with an ETag so an unchanged page costs a 304.
    func watchingHarness() throws -> (RefreshHarness, Locked<String>, String) {
        let harness = try RefreshHarness(tools: ["good-tool"])
        harness.serve("good-tool", try harness.envelope(harness.payload(tool: "good-tool")))
        let page = Locked("We do not train on your data.")
        harness.route("/terms") { request, c in
            let text = page.withLock { $0 }
            let etag = "\"\(text.utf8.count)-\(text.hashValue)\""
            if request.headers["if-none-match"] == etag {
                c.respond(304, "Not Modified", headers: [("ETag", etag)])
            } else {
                c.respond(200, headers: [("ETag", etag), ("Content-Type", "text/plain")], text: text)
            }
        }
        let terms = harness.server.url("/terms")
        try harness.registry.put(
            "tools/good-tool.json",
            try harness.registry.text("tools/good-tool.json")
                .replacingOccurrences(of: "\"watch\": []", with: "\"watch\": [{\"type\": \"terms\", \"url\": \"\(terms)\"}]"))
        return (harness, page, terms)
    }

    /// The text every tool state names is on disk.
    func expectNoDanglingText(_ harness: RefreshHarness, _ when: String) throws {
        let state = StateStore(registry: harness.registry.store)
        for (id, toolState) in try state.allToolStates() {
            for (url, document) in toolState.documents {
                guard let sha = document.sha256 else { continue }
                #expect(FileIO.isFile(state.snapshotPath(sha256: sha)), "\(when): \(id) names the text of \(url) (\(sha)), which is missing")
            }
        }
    }

    @Test func killedBetweenTheFinalRenamesNeverLosesADocumentsText() async throws {
        // A changed page makes a run rename two files: the new text and the shard that names it. Killed after
        // each rename in turn, the state must never name a text that is not there, and the next runs (which
        // get 304s for the unchanged page) must end with the text on disk.
        for renames in 1...2 {
            let (harness, page, _) = try watchingHarness()
            let first = try CLIRunner.run(refreshArguments(harness))
            #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
            page.withLock { $0 = "We may train on your data." }
            let running = try CLIRunner.start(refreshArguments(harness), environment: ["GENAI_REGISTRY_TEST_STOP_AFTER_RENAMES": String(renames)])
            let stopped = running.waitUntilStopped()
            running.kill()
            let killed = running.wait()
            #expect(stopped, "the refresh stopped after rename \(renames): \(killed.stdout)\(killed.stderr)")
            try expectNoDanglingText(harness, "killed after rename \(renames)")
            for round in 1...2 {
                let next = try CLIRunner.run(refreshArguments(harness))
                #expect(next.status == 0, "\(next.stdout)\(next.stderr)")
                try expectNoDanglingText(harness, "killed after rename \(renames), refresh \(round) after")
            }
        }
    }

    @Test func aMissingTextIsFetchedAgainUnconditionally() async throws {
        let (harness, _, terms) = try watchingHarness()
        #expect(try CLIRunner.run(refreshArguments(harness)).status == 0)
        let state = StateStore(registry: harness.registry.store)
        let sha = try #require(try harness.state("good-tool")?.documents[terms]?.sha256)
        // Lost (by a crash of an older version, or by hand): a conditional request would get 304 for ever.
        try FileManager.default.removeItem(atPath: state.snapshotPath(sha256: sha))
        let repaired = try CLIRunner.run(refreshArguments(harness))
        #expect(repaired.status == 0, "\(repaired.stdout)\(repaired.stderr)")
        #expect(repaired.stdout.contains("\"unchanged\""), "\(repaired.stdout)")
        #expect(harness.server.lastHeaders("/terms")?["if-none-match"] == nil, "fetched unconditionally")
        #expect(try String(contentsOfFile: state.snapshotPath(sha256: sha), encoding: .utf8) == "We do not train on your data.\n")
        // Once whole again, the page costs a 304 as before.
        #expect(try CLIRunner.run(refreshArguments(harness)).status == 0)
        #expect(harness.server.lastHeaders("/terms")?["if-none-match"] != nil)
    }

    @Test func twoRefreshesAtOnce() async throws {
        let (harness, version) = try harness()
        version.withLock { $0 = 2 }
        // Slow the server down so the first refresh surely holds the lock when the second starts.
        harness.route("/att/tool-0") { _, c in
            _ = c.pause(1.5)
            c.respond(500, "Slow", text: "slow")
        }
        let first = try CLIRunner.start(refreshArguments(harness))
        try await Task.sleep(for: .milliseconds(400))
        let second = try CLIRunner.start(refreshArguments(harness)).wait()
        #expect(second.status == 74)
        #expect(second.stderr.contains("another refresh is running"))
        let waiting = try CLIRunner.start(refreshArguments(harness, ["--wait"]))
        let firstResult = first.wait()
        #expect(firstResult.status == 1, "tool-0 fails, the rest verify: \(firstResult.stderr)")
        let waited = waiting.wait()
        #expect(waited.status == 1)
        // It ran after the first had finished: the same versions again are nothing new.
        #expect(waited.stdout.contains("\"unchanged\": 299"), "\(waited.stdout.prefix(300))")
        try await expectWhole(harness, round: 0)
    }
}
