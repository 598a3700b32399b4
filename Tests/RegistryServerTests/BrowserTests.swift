import Foundation
import RegistryDomain
import RegistryJSON
import RegistryServer
import TestSupport
import Testing

/// The lookup page in a real headless Chromium: type a search, open a card, ask the use-case question.
@Suite(.timeLimit(.minutes(3)), .serialized)
struct BrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let driver = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Browser/drive_page.py").path

    /// Runs the driver against `base` and returns what it saw.
    /// With `queries` (a JSON file of tool and uses), the driver also records the page's answer to each.
    func drive(_ base: String, search: String, card: String, askTool: String, use: String, queries: String? = nil) async throws -> JSONValue {
        let chromium = try #require(Self.chromium, "chromium is not installed (scripts/ensure-deps.sh installs it)")
        let run = try Spawned("/usr/bin/env", ["python3", Self.driver, chromium, base, search, card, askTool, use] + (queries.map { [$0] } ?? []))
        let status = await run.exitStatus(within: 90)
        let output = run.output
        #expect(status == 0, "driver failed: \(output)")
        let line = try #require(output.split(separator: "\n").last { $0.hasPrefix("{") }, "no JSON from the driver: \(output)")
        return try JSONParser.parse(Array(line.utf8)).value
    }

    @Test func searchOpenACardAndAskTheUseCaseQuestion() async throws {
        let registry = try sampleRegistry()
        try await withLiveServer(testConfiguration(registry)) { client in
            let seen = try await drive(client.base, search: "beta", card: "beta-chat", askTool: "alpha-writer", use: "final-deliverable")
            #expect(seen["lang"] == .string("en"))
            #expect(seen["initialVisible"] == .array(["alpha-writer", "beta-chat", "gamma-voice"].map(JSONValue.string)))
            // Filtered as the keys were typed, without a reload, with the count announced.
            #expect(seen["afterTyping"] == .array([.string("beta-chat")]))
            #expect(seen["count"] == .string("1 of 3 tools"))
            #expect(seen["urlAfterTyping"] == .string("?q=beta"))
            // Names run together and a version after the name still find the tool; nothing found says whom to ask.
            let probes = seen["probes"]?.arrayValue ?? []
            #expect(probes.count == 3)
            #expect(probes.first?["visible"] == .array([.string("beta-chat")]), "betachat")
            #expect(probes.dropFirst().first?["visible"] == .array([.string("beta-chat")]), "beta chat 2")
            #expect(probes.last?["visible"] == .array([]))
            #expect(
                probes.last?["none"]?.stringValue?.contains("Nothing in the registry matches “zzz tool”: a tool not in the registry is not approved")
                    == true)
            #expect(probes.first?["none"] == .null)
            // The opened card shows the verdict reasons, the principles, evidence and the alternative.
            #expect(seen["cardOpen"] == .bool(true))
            let card = seen["cardText"]?.stringValue ?? ""
            #expect(card.contains("No training on production content"))
            #expect(card.contains("Fails"))
            #expect(card.contains("Compliant alternatives: Alpha Writer"))
            #expect(card.contains("Attestation:"))
            #expect(seen["cardBadge"] == .string("rgb(253, 231, 231)"), "noncompliant badge is red")
            // The form was submitted by GET and answered by the server.
            #expect(seen["useChecked"] == .bool(true))
            #expect(seen["answerDecision"] == .string("written-approval-required"))
            #expect(seen["answerText"]?.stringValue?.contains("Alpha Writer: Written approval required") == true)
            #expect(seen["answerText"]?.stringValue?.contains("final deliverable") == true)
            #expect(seen["urlAfterAsk"] == .string("?tool=alpha-writer&use=final-deliverable"))
            // A shared link to the search opens the page filtered.
            #expect(seen["sharedSearch"] == .array([.string("beta-chat")]))
            #expect(seen["sharedSearchBox"] == .string("beta"))
            // No script error and no Content-Security-Policy violation.
            #expect(seen["errors"] == .array([]), "page errors: \(String(describing: seen["errors"]))")
        }
    }

    /// The published copy on a plain static server: the script answers the form from the JSON files, and
    /// answers every tool with no use, each use, all uses and a repeated use exactly as the Swift assessor does
    /// (the script reads the rule from v1/decisions.json, since a static copy has no server to ask); an unknown
    /// tool or use is named as the server names it, never skipped.
    @Test func publishedPageAnswersTheFormFromTheJSONFiles() async throws {
        let registry = try sampleRegistry()
        let configuration = testConfiguration(registry)
        let out = NSTemporaryDirectory() + "publish-browser-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let served = await RegistryHolder.load(configuration).current()
        try Publisher(site: Site(registry: served, configuration: configuration)).publish(to: out)
        let policy = try #require(served.policy)
        let uses = policy.assessment.uses.map(\.use)
        var queries: [(tool: String, uses: [String])] = []
        for id in served.ids {
            let sets: [[String]] = [[]] + uses.map { [$0] } + [uses, [uses[0], uses[0]], uses.reversed()]
            queries += sets.map { (id, $0) }
        }
        let assessor = Assessor(policy: policy)
        var expected: [JSONValue] = try queries.map { q in
            let verdict = try #require(served.verdicts[q.tool])
            let a = assessor.assess(verdict, uses: q.uses)
            // The line the server's page adds under an answer for a tool that is not compliant.
            let names = verdict.alternatives.map { served.verdicts[$0]?.name ?? $0 }
            let alternatives: JSONValue =
                verdict.verdict == .compliant
                ? .null
                : .string(
                    names.isEmpty ? "No compliant alternative in the same category yet." : "Compliant alternatives: " + names.joined(separator: ", "))
            return .object([
                JSONMember("decision", .string(a.decision.rawValue)), JSONMember("reasons", .array(a.reasons.map { .string($0.message) })),
                JSONMember("alternatives", alternatives),
            ])
        }
        // What the server answers when the tool or a use is unknown (LookupPage), which the copy must repeat.
        queries += [("no-such-tool", []), (served.ids[0], [uses[0], "made-up-use"])]
        expected += [
            .object([JSONMember("problem", .string("No tool has the id “no-such-tool”. Choose one from the list."))]),
            .object([JSONMember("problem", .string("Unknown use: made-up-use."))]),
        ]
        let queryFile = out + "-queries.json"
        defer { try? FileManager.default.removeItem(atPath: queryFile) }
        let queryJSON = JSONValue.array(
            queries.map { .object([JSONMember("tool", .string($0.tool)), JSONMember("uses", .array($0.uses.map(JSONValue.string)))]) })
        try Data(JSONWriter.bytes(queryJSON)).write(to: URL(fileURLWithPath: queryFile))
        let python = try Spawned("/usr/bin/env", ["python3", "-u", "-m", "http.server", "--bind", "127.0.0.1", "--directory", out, "0"])
        guard let banner = try await python.waitFor(") ...") else {
            await python.stop()
            Issue.record("static server did not start: \(python.output)")
            return
        }
        let words = banner.split(separator: " ")
        let port = try #require(words.firstIndex(of: "port").map { words[$0 + 1] })
        // Stop the static server whatever happens (a failed drive must not leave it running).
        let seen: JSONValue
        do {
            seen = try await drive(
                "http://127.0.0.1:\(port)", search: "gam", card: "gamma-voice", askTool: "beta-chat", use: "talent-likeness",
                queries: queryFile)
        } catch {
            await python.stop()
            throw error
        }
        await python.stop()
        #expect(seen["afterTyping"] == .array([.string("gamma-voice")]))
        // A shared link to the search (?q=) opens the static copy filtered too, as the server's page does.
        #expect(seen["sharedSearch"] == .array([.string("gamma-voice")]), "\(String(describing: seen["sharedSearch"]))")
        #expect(seen["sharedSearchBox"] == .string("gam"))
        #expect(seen["sharedSearchCount"] == .string("1 of 3 tools"))
        #expect(seen["cardOpen"] == .bool(true))
        #expect(seen["answerDecision"] == .string("not-permitted"))
        #expect(seen["answerText"]?.stringValue?.contains("Beta Chat: Not permitted") == true)
        let answers = seen["answers"]?.arrayValue ?? []
        #expect(answers.count == queries.count)
        for (i, (query, answer)) in zip(queries, answers).enumerated() {
            #expect(
                answer == expected[i],
                "\(query.tool) with uses \(query.uses): the page said \(JSONWriter.compact(answer)), the assessor \(JSONWriter.compact(expected[i]))")
        }
        #expect(Set(expected.compactMap { $0["decision"]?.stringValue }).count == 3, "the cases reach every decision")
        #expect(expected.contains { $0["alternatives"]?.stringValue?.hasPrefix("Compliant alternatives: ") == true }, "a case names an alternative")
        #expect(seen["errors"] == .array([]), "page errors: \(String(describing: seen["errors"]))")
    }
}
