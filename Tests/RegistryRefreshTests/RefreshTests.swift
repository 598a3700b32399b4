import CurlTransport
import Foundation
import RegistryDomain
import RegistryJSON
import RegistryRefresh
import RegistryStorage
import TestSupport
import Testing

/// A misbehaving server for `bad-tool`, and the status its item must end with.
struct Hostile: CustomTestStringConvertible, Sendable {
    let name: String
    let status: RefreshStatus
    let retries: Int
    let route: @Sendable (RefreshHarness) -> RefreshHarness.Route
    var testDescription: String { name }
}

/// A bad attestation for `bad-tool`, and the status (its rejection code) it must get.
struct BadAttestation: CustomTestStringConvertible, Sendable {
    let name: String
    let status: RefreshStatus
    let make: @Sendable (RefreshHarness) throws -> [UInt8]
    var testDescription: String { name }
}

@Suite struct RefreshTests {
    static let hostile: [Hostile] = [
        Hostile(name: "endless body", status: .tooLarge, retries: 1) { _ in
            { _, c in
                c.keepAlive = false
                _ = c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n")
                let chunk = [UInt8](repeating: 0x20, count: 16 << 10)
                while c.write(chunk) {}
            }
        },
        Hostile(name: "slow drip", status: .tooSlow, retries: 1) { _ in
            { _, c in
                _ = c.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
                while c.write("{") && c.pause(0.2) {}
            }
        },
        // Zero bytes a second trips the low-speed guard (1 s) before the total time limit (2 s).
        Hostile(name: "stalled connection", status: .tooSlow, retries: 1) { _ in { _, c in _ = c.pause(10) } },
        Hostile(name: "huge headers", status: .headersTooLarge, retries: 1) { _ in
            { _, c in
                var head = "HTTP/1.1 200 OK\r\n"
                for i in 0..<400 { head += "X-Padding-\(i): \(String(repeating: "x", count: 100))\r\n" }
                _ = c.write(head + "Content-Length: 2\r\n\r\n{}")
            }
        },
        Hostile(name: "redirect loop", status: .tooManyRedirects, retries: 1) { h in
            // The address, not the harness: the harness holds its routes, so capturing it would keep it alive.
            let location = h.server.url("/att/bad-tool")
            return { _, c in
                c.respond(302, "Found", headers: [("Location", location)])
            }
        },
        Hostile(name: "redirect to file:", status: .forbiddenScheme, retries: 1) { _ in
            { _, c in
                c.respond(302, "Found", headers: [("Location", "file:///etc/passwd")])
            }
        },
        Hostile(name: "redirect to another scheme", status: .forbiddenScheme, retries: 1) { _ in
            { _, c in
                c.respond(302, "Found", headers: [("Location", "ftp://127.0.0.1/att.json")])
            }
        },
        Hostile(name: "gzip bomb", status: .tooLarge, retries: 1) { _ in
            { _, c in
                c.respond(200, headers: [("Content-Encoding", "gzip")], body: GzipBomb.bytes)
            }
        },
        Hostile(name: "truncated body", status: .truncated, retries: 1) { _ in
            { _, c in
                c.keepAlive = false
                _ = c.write("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n{\"payloadType\":")
            }
        },
        Hostile(name: "connection reset mid-body", status: .truncated, retries: 1) { _ in
            { _, c in
                c.resetOnClose()
                _ = c.write("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n{\"payloadType\":")
                // Let the client read what was sent before the reset discards it.
                _ = c.pause(0.1)
            }
        },
        Hostile(name: "404 is not retried", status: .http(404), retries: 3) { _ in { _, c in c.respond(404, "Not Found", text: "gone") } },
        Hostile(name: "500 until retries run out", status: .http(500), retries: 2) { _ in { _, c in c.respond(500, "Oops", text: "down") } },
        Hostile(name: "invalid JSON", status: .rejected(.malformed), retries: 1) { _ in { _, c in c.respond(200, text: "{not json") } },
    ]

    @Test(arguments: hostile)
    func hostileServerCostsOnlyItsOwnItem(_ h: Hostile) async throws {
        let harness = try RefreshHarness()
        harness.serve("good-tool", try harness.envelope(harness.payload(tool: "good-tool")))
        harness.route("/att/bad-tool", h.route(harness))
        let report = try await harness.refresh(retries: h.retries)
        #expect(harness.item(report, "good-tool")?.status == .verified, "\(harness.item(report, "good-tool")?.message ?? "")")
        let bad = harness.item(report, "bad-tool")
        #expect(bad?.status == h.status, "\(bad?.message ?? "no item")")
        #expect(bad?.failed == true)
        #expect(report.failures.count == 1)
        #expect(try harness.state("bad-tool")?.attestation?.envelope == nil, "nothing of a bad response is kept")
        #expect(try harness.state("bad-tool")?.attestation?.lastCheck?.status == h.status.rawValue)
        #expect(try harness.state("good-tool")?.attestation?.highestVersion == 1)
        if h.name.hasPrefix("404") { #expect(harness.server.requests("/att/bad-tool") == 1) }
    }

    @Test func serverErrorThenSuccessIsRetried() async throws {
        let harness = try RefreshHarness(tools: ["good-tool"])
        let body = try harness.envelope(harness.payload(tool: "good-tool"))
        let calls = Locked(0)
        harness.route("/att/good-tool") { _, c in
            let n = calls.withLock {
                $0 += 1
                return $0
            }
            if n < 3 { c.respond(503, "Unavailable", text: "later") } else { c.respond(200, body: body) }
        }
        let report = try await harness.refresh(retries: 3)
        #expect(harness.item(report, "good-tool")?.status == .verified)
        #expect(calls.withLock { $0 } == 3)
    }

    @Test func tooManyRequestsHonoursRetryAfter() async throws {
        let harness = try RefreshHarness(tools: ["good-tool"])
        let body = try harness.envelope(harness.payload(tool: "good-tool"))
        let calls = Locked(0)
        harness.route("/att/good-tool") { _, c in
            let n = calls.withLock {
                $0 += 1
                return $0
            }
            if n == 1 { c.respond(429, "Too Many Requests", headers: [("Retry-After", "1")], text: "slow down") } else { c.respond(200, body: body) }
        }
        let start = ContinuousClock.now
        let report = try await harness.refresh(retries: 2)
        #expect(harness.item(report, "good-tool")?.status == .verified)
        #expect(ContinuousClock.now - start >= .milliseconds(900))
    }

    static let attestations: [BadAttestation] = [
        BadAttestation(name: "bad signature", status: .rejected(.badSignature)) { h in
            var envelope = try DSSEEnvelope.parse(try h.envelope(h.payload(tool: "bad-tool")))
            let other = try DSSEEnvelope.parse(try h.envelope(h.payload(tool: "bad-tool", version: 2)))
            envelope.signatures = other.signatures  // a real signature, over another payload
            return envelope.encoded()
        },
        BadAttestation(name: "unknown key", status: .rejected(.unknownKey)) { h in
            try h.envelope(h.payload(tool: "bad-tool"), key: AttestationSigner.generateKey(.ed25519), keyid: "stranger")
        },
        BadAttestation(name: "pinned keyid, wrong key", status: .rejected(.badSignature)) { h in
            try h.envelope(h.payload(tool: "bad-tool"), key: AttestationSigner.generateKey(.ed25519))
        },
        BadAttestation(name: "key outside its validity", status: .rejected(.keyNotValid)) { h in
            try h.envelope(h.payload(tool: "bad-tool", issued: h.now.adding(seconds: -86_400 * 60)))
        },
        BadAttestation(name: "expired", status: .rejected(.expired)) { h in
            try h.envelope(h.payload(tool: "bad-tool", issued: h.now.adding(seconds: -86_400 * 2), expires: h.now.adding(seconds: -60)))
        },
        BadAttestation(name: "future-dated", status: .rejected(.futureDated)) { h in
            try h.envelope(h.payload(tool: "bad-tool", issued: h.now.adding(seconds: 3600)))
        },
        BadAttestation(name: "another tool's valid attestation", status: .rejected(.subjectMismatch)) { h in
            try h.envelope(h.payload(tool: "good-tool"))
        },
        BadAttestation(name: "another vendor's subject", status: .rejected(.subjectMismatch)) { h in
            try h.envelope(h.payload(tool: "bad-tool", vendor: "other-vendor"))
        },
    ]

    @Test(arguments: attestations)
    func badAttestationIsNeverAccepted(_ bad: BadAttestation) async throws {
        let harness = try RefreshHarness()
        harness.serve("good-tool", try harness.envelope(harness.payload(tool: "good-tool")))
        harness.serve("bad-tool", try bad.make(harness))
        let report = try await harness.refresh()
        #expect(harness.item(report, "good-tool")?.status == .verified)
        #expect(harness.item(report, "bad-tool")?.status == bad.status, "\(harness.item(report, "bad-tool")?.message ?? "")")
        #expect(try harness.state("bad-tool")?.attestation?.envelope == nil)
        #expect(try harness.state("bad-tool")?.attestation?.highestVersion == nil)
    }

    @Test func rollbackIsRefusedAndTheVerifiedOneStaysInForce() async throws {
        let harness = try RefreshHarness(tools: ["good-tool"])
        harness.serve("good-tool", try harness.envelope(harness.payload(tool: "good-tool", version: 5)), etag: "\"v5\"")
        #expect(harness.item(try await harness.refresh(), "good-tool")?.status == .verified)
        let inForce = try harness.state("good-tool")?.attestation?.envelope
        harness.serve("good-tool", try harness.envelope(harness.payload(tool: "good-tool", version: 4)), etag: "\"v4\"")
        let report = try await harness.refresh()
        #expect(harness.item(report, "good-tool")?.status == .rejected(.rollback))
        #expect(try harness.state("good-tool")?.attestation?.highestVersion == 5)
        #expect(try harness.state("good-tool")?.attestation?.envelope == inForce)
    }

    @Test func sameVersionAgainIsNothingNew() async throws {
        let harness = try RefreshHarness(tools: ["good-tool"])
        harness.serve("good-tool", try harness.envelope(harness.payload(tool: "good-tool", version: 3)), etag: "\"a\"")
        _ = try await harness.refresh()
        // Served again (new ETag), the same version with the same content: a replay, nothing new. (Other content
        // under the same version is an equivocation: RefreshAttestationAttackTests.)
        harness.serve("good-tool", try harness.envelope(harness.payload(tool: "good-tool", version: 3)), etag: "\"b\"")
        let report = try await harness.refresh()
        #expect(harness.item(report, "good-tool")?.status == .unchanged)
        #expect(harness.item(report, "good-tool")?.failed == false)
    }

    @Test func notModifiedCostsNoBodyAndWritesNothing() async throws {
        let harness = try RefreshHarness(tools: ["good-tool"])
        harness.serve("good-tool", try harness.envelope(harness.payload(tool: "good-tool")))
        let first = try await harness.refresh()
        #expect(first.filesWritten > 0)
        let shard = StateStore(registry: harness.registry.store).shardPath(StateStore.shard(for: "good-tool"))
        let before = try FileIO.read(shard)
        let second = try await harness.refresh()
        #expect(harness.item(second, "good-tool")?.status == .notModified)
        #expect(second.filesWritten == 0)
        #expect(harness.server.lastHeaders("/att/good-tool")?["if-none-match"] == "\"v1\"")
        #expect(try FileIO.read(shard) == before)
    }

    @Test func verifiedAttestationReachesTheVerdict() async throws {
        let harness = try RefreshHarness(tools: ["good-tool"])
        var attested = Fixture.compliant().terms
        attested.training.inputs = .optOut  // the vendor now says it trains by default: a conflict with the record
        harness.serve("good-tool", try harness.envelope(harness.payload(tool: "good-tool", version: 7, terms: attested)))
        _ = try await harness.refresh()
        let policy = try harness.registry.store.policy()
        let verdict = try Lookup(
            store: harness.registry.store, policy: policy, today: harness.now.day,
            context: StateContext(store: harness.registry.store, policy: policy, now: harness.now).provider
        ).verdict(id: "good-tool")
        #expect(verdict.attestation.status == "verified")
        #expect(verdict.attestation.version == 7)
        #expect(verdict.status(.noTrain) != .pass)
        #expect(verdict.codes(.noTrain).contains("conflict"))
        #expect(verdict.verdict != .compliant)
    }

    @Test func secondRefreshWhileOneRunsSaysSo() async throws {
        let harness = try RefreshHarness(tools: ["good-tool"])
        let lock = try RefreshLock(path: StateStore(registry: harness.registry.store).lockPath, wait: false)
        await #expect {
            _ = try await harness.refresh()
        } throws: { error in
            guard let e = error as? RefreshError, case .locked(.busy) = e else { return false }
            return e.description.contains("another refresh is running")
        }
        withExtendedLifetime(lock) {}
    }

    @Test func outcomesRecordedAsTheyFinishGiveEveryToolItsWholeState() async throws {
        // Workers record outcomes in whatever order transfers finish: each tool must end with its attestation
        // and every document it watches (one shared by all, one of its own), and the report must be sorted.
        let tools = (0..<24).map { "tool-\($0)" }
        let harness = try RefreshHarness(tools: tools)
        let shared = harness.server.url("/terms")
        harness.route("/terms") { _, c in
            _ = c.pause(0.02)
            c.respond(200, headers: [("Content-Type", "text/plain")], text: "Shared terms.")
        }
        for (i, tool) in tools.enumerated() {
            let own = harness.server.url("/policy/\(tool)")
            harness.route("/policy/\(tool)") { _, c in
                _ = c.pause(Double(i % 5) / 100)
                c.respond(200, headers: [("Content-Type", "text/plain")], text: "Policy of \(tool).")
            }
            try harness.registry.put(
                "tools/\(tool).json",
                try harness.registry.text("tools/\(tool).json").replacingOccurrences(
                    of: "\"watch\": []",
                    with: "\"watch\": [{\"type\": \"terms\", \"url\": \"\(shared)\"}, {\"type\": \"privacy\", \"url\": \"\(own)\"}]"))
            let body = try harness.envelope(harness.payload(tool: tool))
            harness.route("/att/\(tool)") { _, c in
                _ = c.pause(Double((i * 7) % 5) / 100)
                c.respond(200, headers: [("ETag", "\"v1\""), ("Content-Type", "application/json")], body: body)
            }
        }
        let report = try await harness.refresh()
        #expect(report.failures.isEmpty)
        #expect(report.items.count == tools.count * 3)
        #expect(
            report.items.map { [$0.tool, $0.url, $0.kind.rawValue] }
                == report.items.map { [$0.tool, $0.url, $0.kind.rawValue] }.sorted { $0.lexicographicallyPrecedes($1) })
        for tool in tools {
            let state = try #require(try harness.state(tool), "\(tool)")
            #expect(state.attestation?.highestVersion == 1, "\(tool)")
            #expect(state.attestation?.envelope != nil, "\(tool)")
            #expect(Set(state.documents.keys) == [shared, harness.server.url("/policy/\(tool)")], "\(tool)")
            #expect(state.documents.values.allSatisfy { $0.sha256 != nil }, "\(tool)")
        }
    }

    @Test func concurrencyBoundsTransfersInFlight() async throws {
        // The refresh keeps more jobs under way than transfer slots (a job being verified holds no slot), but
        // the server must never see more than `concurrency` requests at once, and it should see that many.
        let tools = (0..<12).map { "tool-\($0)" }
        let harness = try RefreshHarness(tools: tools)
        let load = Locked((now: 0, most: 0))
        for tool in tools {
            let body = try harness.envelope(harness.payload(tool: tool))
            harness.route("/att/\(tool)") { _, c in
                load.withLock {
                    $0.now += 1
                    $0.most = max($0.most, $0.now)
                }
                _ = c.pause(0.05)
                load.withLock { $0.now -= 1 }
                c.respond(200, headers: [("ETag", "\"v1\""), ("Content-Type", "application/json")], body: body)
            }
        }
        let report = try await harness.refresh(concurrency: 3)
        #expect(report.failures.isEmpty)
        #expect(report.items.filter { $0.status == .verified }.count == tools.count)
        #expect(load.withLock { $0.most } == 3)
    }

    @Test func watchedDocumentsNoticeRealChangesNotCosmeticOnes() async throws {
        let harness = try RefreshHarness(tools: ["good-tool"])
        let page = Locked("<html><head><script>var t=1</script></head><body><p>We do not train on your data.</p></body></html>")
        harness.route("/terms") { _, c in c.respond(200, headers: [("Content-Type", "text/html")], text: page.withLock { $0 }) }
        try harness.registry.put(
            "tools/good-tool.json",
            try harness.registry.text("tools/good-tool.json")
                .replacingOccurrences(of: "\"watch\": []", with: "\"watch\": [{\"type\": \"terms\", \"url\": \"\(harness.server.url("/terms"))\"}]"))
        harness.serve("good-tool", try harness.envelope(harness.payload(tool: "good-tool")))
        func status() async throws -> RefreshStatus? { try await harness.refresh().items.first { $0.kind == .document }?.status }
        #expect(try await status() == .firstSeen)
        page.withLock { $0 = "<html><head><script>var t=2</script></head><body>\n  <p>We do   not train on your data.</p></body></html>" }
        #expect(try await status() == .unchanged)
        page.withLock { $0 = "<html><body><p>We may train on your data.</p></body></html>" }
        #expect(try await status() == .changed)
        let state = try #require(try harness.state("good-tool")?.documents[harness.server.url("/terms")])
        let snapshot = try FileIO.read(StateStore(registry: harness.registry.store).snapshotPath(sha256: try #require(state.sha256)))
        #expect(String(decoding: snapshot, as: UTF8.self) == "We may train on your data.\n")
    }
}

/// A gzip body that inflates to 16 MiB of zeros, made once with the system's gzip.
enum GzipBomb {
    static let bytes: [UInt8] = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "head -c 16777216 /dev/zero | gzip -9"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try? process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }()
}
