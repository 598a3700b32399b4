import Foundation
import Procurement
import RegistryDomain
import RegistryJSON
import RegistryServer
import RegistryStorage
import TestSupport
import Testing

/// Every endpoint and error of `/v1`, in process through the application's router (HummingbirdTesting).
@Suite(.timeLimit(.minutes(2)))
struct APITests {
    /// What `check` answers for `id` on the same registry at the same instant.
    func checkJSON(_ registry: TestRegistry, _ id: String) throws -> JSONValue {
        let store = registry.store
        let policy = try store.policy()
        let lookup = Lookup(
            store: store, policy: policy, today: testNow.day, context: StateContext(store: store, policy: policy, now: testNow).provider)
        return try lookup.check(id).json
    }

    @Test func verdictIsExactlyTheCheckObjectForEveryTool() async throws {
        let registry = try sampleRegistry()
        let expected = try ["alpha-writer", "beta-chat", "gamma-voice"].map { ($0, cliBytes(try checkJSON(registry, $0))) }
        try await withServer(testConfiguration(registry)) { client in
            for (id, bytes) in expected {
                for path in ["/v1/tools/\(id)/verdict", "/v1/tools/\(id)/verdict.json"] {
                    let r = try await client.get(path)
                    #expect(r.status == 200)
                    #expect(r.body == bytes, "\(path) differs from check --format json")
                    #expect(r.header("content-type") == "application/json; charset=utf-8")
                }
            }
            // The noncompliant tool's alternatives are the compliant one sharing its category.
            let beta = try await client.get("/v1/tools/beta-chat/verdict").json()
            #expect(beta["alternatives"] == .array([.string("alpha-writer")]))
        }
    }

    @Test func assessmentIsExactlyTheAssessObject() async throws {
        let registry = try sampleRegistry()
        let policy = try registry.store.policy()
        let lookup = Lookup(
            store: registry.store, policy: policy, today: testNow.day,
            context: StateContext(store: registry.store, policy: policy, now: testNow).provider)
        let expected = Assessor(policy: policy).assess(try lookup.check("alpha-writer"), uses: ["final-deliverable", "talent-likeness"]).json
        let none = Assessor(policy: policy).assess(try lookup.check("alpha-writer"), uses: []).json
        try await withServer(testConfiguration(registry)) { client in
            let comma = try await client.get("/v1/tools/alpha-writer/assessment?use=final-deliverable,talent-likeness")
            #expect(comma.status == 200)
            #expect(comma.body == cliBytes(expected))
            let repeated = try await client.get("/v1/tools/alpha-writer/assessment?use=final-deliverable&use=talent-likeness")
            #expect(repeated.body == cliBytes(expected))
            let plain = try await client.get("/v1/tools/alpha-writer/assessment.json")
            #expect(plain.body == cliBytes(none))
            #expect(try plain.json()["decision"] == .string("proceed"))

            let unknown = try await client.get("/v1/tools/alpha-writer/assessment?use=final-deliverable,time-travel")
            #expect(unknown.status == 400)
            let error = try unknown.json()["error"]
            #expect(error?["code"] == .string("unknown-use"))
            #expect(error?["knownUses"]?.arrayValue?.contains(.string("final-deliverable")) == true)
            let many = try await client.get(
                "/v1/tools/alpha-writer/assessment?use=" + Array(repeating: "final-deliverable", count: 17).joined(separator: ","))
            #expect(many.status == 400)
            #expect(try many.json()["error"]?["code"] == .string("too-many-uses"))
            let stray = try await client.get("/v1/tools/alpha-writer/assessment?usage=final-deliverable")
            #expect(try stray.json()["error"]?["code"] == .string("unknown-parameter"))
        }
    }

    @Test func aProductionsWrittenApprovalCountsAndARequestIsReadyToSend() async throws {
        let registry = try sampleRegistry()
        try FileIO.makeDirectory(registry.root + "/productions")
        try registry.put("productions/show-a.json", #"{"id": "show-a", "title": "Show A", "studioContact": "dana@studio.example", "notes": null}"#)
        try await withServer(testConfiguration(registry)) { client in
            let asked = try await client.get("/v1/tools/alpha-writer/assessment?use=final-deliverable&production=show-a").json()
            #expect(asked["decision"] == .string("written-approval-required"))
            #expect(asked["requestText"]?.stringValue?.hasPrefix("# Request for written approval: Alpha Writer on Show A") == true)
            let unknown = try await client.get("/v1/tools/alpha-writer/assessment?production=show-z")
            #expect(unknown.status == 404)
            #expect(try unknown.json()["error"]?["code"] == .string("unknown-production"))
            let page = try await client.get("/?tool=alpha-writer&use=final-deliverable&production=show-a")
            #expect(page.text.contains("The request for written approval, ready to send"))
        }
        let record = try registry.store.tool(id: "alpha-writer")
        let approval = Approval(
            id: "20261120-show-a-alpha-writer-request", kind: .approval, production: "show-a", tool: "alpha-writer", uses: ["final-deliverable"],
            judged: .init(
                verdict: .compliant, termsSHA256: ApprovalCoverage.termsFingerprint(record), policyVersion: "test-1", on: Day("2026-11-20")!),
            requested: .init(by: "Ann", on: Day("2026-11-20")!),
            decision: .init(outcome: .approved, by: "Dana", on: Day("2026-11-20")!, until: Day("2099-12-31"), reference: "MAIL-1"))
        try registry.store.write(approval, schema: RegistrySchemas.approval, to: registry.store.approvalPath(approval.id))
        try await withServer(testConfiguration(registry)) { client in
            let approved = try await client.get("/v1/tools/alpha-writer/assessment?use=final-deliverable&production=show-a").json()
            #expect(approved["decision"] == .string("proceed"))
            #expect(approved["approval"]?["decision"]?["reference"] == .string("MAIL-1"))
            #expect(approved["requestText"] == nil)
        }
    }

    @Test func listsAndSearchesTools() async throws {
        let registry = try sampleRegistry()
        try await withServer(testConfiguration(registry)) { client in
            func ids(_ path: String) async throws -> [String] {
                let r = try await client.get(path)
                #expect(r.status == 200, "\(path)")
                return try r.json()["tools"]?.arrayValue?.compactMap { $0["tool"]?.stringValue } ?? []
            }
            #expect(try await ids("/v1/tools") == ["alpha-writer", "beta-chat", "gamma-voice"])
            #expect(try await ids("/v1/tools.json") == ["alpha-writer", "beta-chat", "gamma-voice"])
            #expect(try await ids("/v1/tools?q=alpha") == ["alpha-writer"])
            #expect(try await ids("/v1/tools?q=Be") == ["beta-chat"])
            #expect(try await ids("/v1/tools?q=gamma+voice") == ["gamma-voice"])
            #expect(try await ids("/v1/tools?q=zzz").isEmpty)
            #expect(try await ids("/v1/tools?q=alphawriter") == ["alpha-writer"])
            #expect(try await ids("/v1/tools?q=alpha+writer+2") == ["alpha-writer"])
            let page = try await client.get("/?q=zzz")
            #expect(
                page.text.contains("Nothing in the registry matches “<span id=\"none-query\">zzz</span>”: a tool not in the registry is not approved")
            )
            #expect(try await ids("/v1/tools?verdict=compliant") == ["alpha-writer"])
            #expect(try await ids("/v1/tools?verdict=noncompliant") == ["beta-chat"])
            #expect(try await ids("/v1/tools?category=voice") == ["gamma-voice"])
            #expect(try await ids("/v1/tools?vendor=vendor-a&category=text&verdict=undetermined") == ["gamma-voice"])
            #expect(try await ids("/v1/tools?vendor=nobody").isEmpty)

            for (query, code) in [
                ("verdict=maybe", "unknown-verdict"), ("category=smell", "unknown-category"),
                ("vendor=Not%20An%20Id", "bad-vendor"), ("colour=red", "unknown-parameter"),
                ("q=" + String(repeating: "a", count: 201), "parameter-too-long"), ("q=%FF", "bad-query"),
            ] {
                let r = try await client.get("/v1/tools?" + query)
                #expect(r.status == 400, "\(query)")
                #expect(try r.json()["error"]?["code"] == .string(code), "\(query)")
                #expect(r.header("content-type") == "application/json; charset=utf-8")
            }
            let long = try await client.get("/v1/tools?q=" + String(repeating: "a", count: 3000))
            #expect(long.status == 414)
            #expect(try long.json()["error"]?["code"] == .string("uri-too-long"))
        }
    }

    @Test func recordIsTheShowObject() async throws {
        let registry = try sampleRegistry()
        let record = try registry.store.tool(id: "beta-chat")
        let text = RecordCodec.canonicalText(record, schema: RegistrySchemas.tool)
        let expected = JSONValue.object([
            JSONMember("record", try JSONParser.parse(Array(text.utf8)).value),
            JSONMember("verdict", try checkJSON(registry, "beta-chat")),
        ])
        try await withServer(testConfiguration(registry)) { client in
            let r = try await client.get("/v1/tools/beta-chat")
            #expect(r.status == 200)
            #expect(r.body == cliBytes(expected))
            #expect(try await client.get("/v1/tools/beta-chat.json").body == r.body)
        }
    }

    @Test func unknownToolIs404WithSuggestions() async throws {
        let registry = try sampleRegistry()
        try await withServer(testConfiguration(registry)) { client in
            for path in ["/v1/tools/alpha-writter", "/v1/tools/alpha-writter/verdict", "/v1/tools/alpha-writter/assessment"] {
                let r = try await client.get(path)
                #expect(r.status == 404, "\(path)")
                let error = try r.json()["error"]
                #expect(error?["code"] == .string("unknown-tool"))
                #expect(error?["suggestions"]?.arrayValue?.first?["tool"] == .string("alpha-writer"))
                #expect(error?["message"]?.stringValue?.contains("did you mean alpha-writer") == true)
            }
            let noRoute = try await client.get("/v1/nothing-here")
            #expect(noRoute.status == 404)
            #expect(try noRoute.json()["error"]?["code"] == .string("not-found"))
            let page = try await client.get("/no-such-page")
            #expect(page.status == 404)
            #expect(page.header("content-type")?.hasPrefix("text/html") == true)
            let post = try await client.get("/v1/tools", method: "POST")
            #expect(post.status == 405)
            #expect(post.header("allow") == "GET, HEAD, OPTIONS")
            #expect(try post.json()["error"]?["code"] == .string("method-not-allowed"))
        }
    }

    @Test func invalidRecordGetsNoVerdict() async throws {
        let registry = try sampleRegistry()
        try registry.put("tools/broken-tool.json", #"{"id": "broken-tool", "name": 5}"#)
        try await withServer(testConfiguration(registry)) { client in
            let r = try await client.get("/v1/tools/broken-tool/verdict")
            #expect(r.status == 503)
            #expect(try r.json()["error"]?["code"] == .string("invalid-record"))
            let list = try await client.get("/v1/tools").json()
            #expect(list["invalidTools"] == .array([.string("broken-tool")]))
            let health = try await client.get("/v1/health").json()
            #expect(health["status"] == .string("degraded"))
        }
    }

    @Test func etagAnswers304AndHeadersAreSet() async throws {
        let registry = try sampleRegistry()
        try await withServer(testConfiguration(registry)) { client in
            for path in ["/v1/tools/alpha-writer/verdict", "/v1/tools", "/", "/static/app.js", "/v1/openapi.json"] {
                let first = try await client.get(path)
                #expect(first.status == 200, "\(path)")
                let etag = try #require(first.header("etag"))
                #expect(first.header("cache-control")?.contains("max-age") == true)
                #expect(first.header("content-security-policy")?.contains("frame-ancestors 'none'") == true)
                #expect(first.header("x-content-type-options") == "nosniff")
                #expect(first.header("referrer-policy") == "no-referrer")
                let again = try await client.get(path, headers: ["If-None-Match": etag])
                #expect(again.status == 304, "\(path)")
                #expect(again.body.isEmpty)
                #expect(again.header("etag") == etag)
                let other = try await client.get(path, headers: ["If-None-Match": "\"something-else\""])
                #expect(other.status == 200)
            }
            // Errors carry the security headers too.
            let missing = try await client.get("/v1/tools/nope")
            #expect(missing.header("content-security-policy") != nil)
            #expect(missing.header("x-content-type-options") == "nosniff")
        }
    }

    @Test func headAnswersWhereverGetDoesWithTheSameHeadersAndNoBody() async throws {
        let registry = try sampleRegistry()
        try await withServer(testConfiguration(registry)) { client in
            for path in ["/v1/health", "/v1/tools/alpha-writer/verdict", "/", "/static/style.css"] {
                let get = try await client.get(path)
                let head = try await client.get(path, method: "HEAD")
                #expect(head.status == 200, "\(path)")
                #expect(head.body.isEmpty)
                #expect(head.header("etag") == get.header("etag"), "\(path)")
                #expect(head.header("content-type") == get.header("content-type"), "\(path)")
                #expect(head.header("content-length") == String(get.body.count), "\(path)")
            }
            #expect(try await client.get("/v1/tools/nope", method: "HEAD").status == 404)
        }
    }

    @Test func healthUsesReviewIndexAndOpenAPI() async throws {
        let registry = try sampleRegistry()
        let snapshot = try RegistrySnapshot.load(registry.store)
        let policy = try registry.store.policy()
        let review = ReviewQueue.build(store: registry.store, snapshot: snapshot, policy: policy, today: testNow.day, now: testNow).json
        try await withServer(testConfiguration(registry)) { client in
            let health = try await client.get("/v1/health")
            #expect(health.status == 200)
            #expect(health.header("cache-control") == "no-store")
            let h = try health.json()
            #expect(h["status"] == .string("ok"))
            #expect(h["tools"] == .number("3"))
            #expect(h["generation"] == .number("1"))

            let uses = try await client.get("/v1/uses").json()
            let names = uses["uses"]?.arrayValue?.compactMap { $0["use"]?.stringValue } ?? []
            #expect(names == policy.assessment.uses.map(\.use))

            let reviewAnswer = try await client.get("/v1/review")
            #expect(reviewAnswer.status == 200)
            #expect(reviewAnswer.body == cliBytes(review))

            let index = try await client.get("/v1").json()
            #expect(index["tools"]?.arrayValue?.count == 3)
            #expect(try await client.get("/v1/index.json").json() == index)

            // The committed description is the one served.
            let served = try await client.get("/v1/openapi.json")
            let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("docs/openapi.json")
            let onDisk = try Data(contentsOf: committed)
            #expect(served.body == onDisk, "docs/openapi.json is out of date: write the body of GET /v1/openapi.json to it")
            #expect(try served.json()["openapi"] == .string("3.1.0"))
        }
    }
}
