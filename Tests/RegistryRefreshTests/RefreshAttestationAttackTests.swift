import Foundation
import RegistryRefresh
import TestSupport
import Testing

@testable import Procurement
@testable import RegistryDomain
@testable import RegistryJSON
@testable import RegistryStorage

/// Attacks on the key lifecycle and the rollback floor, through a real refresh against a loopback server.
@Suite struct RefreshAttestationAttackTests {
    static let day: Int64 = 86_400

    func refresh(_ h: RefreshHarness, at now: Timestamp? = nil) async throws -> RefreshReport {
        try await Refresher(store: h.registry.store, options: h.options(), now: now ?? h.now).run()
    }

    func pin(_ h: RefreshHarness, _ keys: [SigningKey]) throws {
        var vendor = try h.registry.store.vendor(id: "acme")
        vendor.keys = keys
        try h.registry.store.write(vendor, schema: RegistrySchemas.vendor, to: h.registry.store.vendorPath("acme"))
    }

    var pinned: (RefreshHarness) -> SigningKey { { h in h.key.signingKey(keyid: h.keyid, validFrom: h.now.adding(seconds: -Self.day * 30)) } }

    @Test func sameVersionWithOtherContentIsEquivocationAndTheFirstStaysInForce() async throws {
        let h = try RefreshHarness(tools: ["good-tool"])
        h.serve("good-tool", try h.envelope(h.payload(tool: "good-tool", version: 3)), etag: "\"a\"")
        _ = try await refresh(h)
        let inForce = try h.state("good-tool")?.attestation?.envelope
        #expect(inForce != nil)
        var other = Fixture.compliant().terms
        other.training.inputs = .optOut
        h.serve("good-tool", try h.envelope(h.payload(tool: "good-tool", version: 3, terms: other)), etag: "\"b\"")
        let report = try await refresh(h)
        #expect(h.item(report, "good-tool")?.status == .rejected(.equivocation))
        #expect(h.item(report, "good-tool")?.failed == true)
        let state = try h.state("good-tool")?.attestation
        #expect(state?.envelope == inForce, "the attestation verified first is kept")
        #expect(state?.lastCheck?.status == "equivocation")
        #expect(state?.highestVersion == 3)
        // And procurement sees it.
        let store = h.registry.store
        let queue = ReviewQueue.build(
            store: store, snapshot: try RegistrySnapshot.load(store), policy: try store.policy(), today: h.now.day, now: h.now)
        #expect(
            queue.items.contains { $0.tool == "good-tool" && $0.kind == .attestationFailed && $0.message.contains("equivocation") },
            "\(queue.items.map(\.message))")
    }

    @Test func sameVersionServedAgainOrReWrittenIsUnchanged() async throws {
        let h = try RefreshHarness(tools: ["good-tool"])
        let payload = h.payload(tool: "good-tool", version: 3)
        h.serve("good-tool", try h.envelope(payload), etag: "\"a\"")
        _ = try await refresh(h)
        h.serve("good-tool", try h.envelope(payload), etag: "\"b\"")
        #expect(h.item(try await refresh(h), "good-tool")?.status == .unchanged)
        // The same content laid out differently (compact JSON) is the same attestation, not an equivocation.
        let compact = JSONWriter.compact(try JSONParser.parse(Array(payload.canonicalText.utf8)).value)
        h.serve("good-tool", try AttestationSigner.sign(Array(compact.utf8), with: h.key, keyid: h.keyid).encoded(), etag: "\"c\"")
        #expect(h.item(try await refresh(h), "good-tool")?.status == .unchanged)
    }

    @Test func floorPushedByALeakedKeyIsLiftedByRemovingTheKey() async throws {
        let h = try RefreshHarness(tools: ["good-tool"])
        let leaked = AttestationSigner.generateKey(.ed25519)
        try pin(h, [pinned(h), leaked.signingKey(keyid: "leaked", validFrom: h.now.adding(seconds: -Self.day * 30))])
        h.serve("good-tool", try h.envelope(h.payload(tool: "good-tool", version: 5)), etag: "\"a\"")
        _ = try await refresh(h)
        h.serve("good-tool", try h.envelope(h.payload(tool: "good-tool", version: 5 + 9_000), key: leaked, keyid: "leaked"), etag: "\"b\"")
        #expect(h.item(try await refresh(h), "good-tool")?.status == .verified)
        // The vendor's real next version is now a rollback …
        h.serve("good-tool", try h.envelope(h.payload(tool: "good-tool", version: 6)), etag: "\"c\"")
        #expect(h.item(try await refresh(h), "good-tool")?.status == .rejected(.rollback))
        // … until the leaked key leaves the vendor file.
        try pin(h, [pinned(h)])
        let report = try await refresh(h)
        #expect(h.item(report, "good-tool")?.status == .verified, "\(report.items)")
        #expect(try h.state("good-tool")?.attestation?.highestVersion == 6)
        #expect(try h.state("good-tool")?.attestation?.versionKey == pinned(h).fingerprint)
    }

    @Test func hugeVersionIsVersionJumpAndLeavesTheFloor() async throws {
        let h = try RefreshHarness(tools: ["good-tool"])
        h.serve("good-tool", try h.envelope(h.payload(tool: "good-tool", version: 2)), etag: "\"a\"")
        _ = try await refresh(h)
        h.serve("good-tool", try h.envelope(h.payload(tool: "good-tool", version: Int.max)), etag: "\"b\"")
        #expect(h.item(try await refresh(h), "good-tool")?.status == .rejected(.versionJump))
        h.serve("good-tool", try h.envelope(h.payload(tool: "good-tool", version: 2 + 10_001)), etag: "\"c\"")
        #expect(h.item(try await refresh(h), "good-tool")?.status == .rejected(.versionJump))
        #expect(try h.state("good-tool")?.attestation?.highestVersion == 2)
        h.serve("good-tool", try h.envelope(h.payload(tool: "good-tool", version: 3)), etag: "\"d\"")
        #expect(h.item(try await refresh(h), "good-tool")?.status == .verified)
    }

    @Test func resetFloorLetsAPinnedKeysLowerVersionIn() async throws {
        let h = try RefreshHarness(tools: ["good-tool"])
        h.serve("good-tool", try h.envelope(h.payload(tool: "good-tool", version: 9_000)), etag: "\"a\"")
        _ = try await refresh(h)
        h.serve("good-tool", try h.envelope(h.payload(tool: "good-tool", version: 4)), etag: "\"b\"")
        #expect(h.item(try await refresh(h), "good-tool")?.status == .rejected(.rollback))
        let lifted = try StateStore(registry: h.registry.store).resetFloor(of: "good-tool", wait: false)
        #expect(lifted?.version == 9_000)
        #expect(try h.state("good-tool")?.attestation?.highestVersion == nil)
        let report = try await refresh(h)
        #expect(h.item(report, "good-tool")?.status == .verified, "\(report.items)")
        #expect(try h.state("good-tool")?.attestation?.highestVersion == 4)
        #expect(try StateStore(registry: h.registry.store).resetFloor(of: "never-refreshed", wait: false) == nil)
    }

    @Test func retiredKeyBackDatingIsKeyRetiredButTheEnvelopeVerifiedBeforeStays() async throws {
        let h = try RefreshHarness(tools: ["good-tool"])
        // Version 1, first seen 10 days ago while the key was valid.
        let earlier = h.now.adding(seconds: -10 * Self.day)
        let original = try h.envelope(
            h.payload(tool: "good-tool", version: 1, issued: earlier.adding(seconds: -3600), expires: h.now.adding(seconds: 30 * Self.day)))
        h.serve("good-tool", original, etag: "\"a\"")
        _ = try await refresh(h, at: earlier)
        // The key is retired 5 days ago; the file is served again (new ETag): still the one in force, not a failure.
        try pin(
            h, [h.key.signingKey(keyid: h.keyid, validFrom: h.now.adding(seconds: -30 * Self.day), validUntil: h.now.adding(seconds: -5 * Self.day))])
        h.serve("good-tool", original, etag: "\"b\"")
        #expect(h.item(try await refresh(h), "good-tool")?.status == .unchanged)
        // A leak: version 99, back-dated into the key's window, expiring in 2099.
        let forged = h.payload(
            tool: "good-tool", version: 99, issued: h.now.adding(seconds: -6 * Self.day),
            expires: Timestamp("2099-01-01T00:00:00Z"))
        h.serve("good-tool", try h.envelope(forged), etag: "\"c\"")
        let report = try await refresh(h)
        #expect(h.item(report, "good-tool")?.status == .rejected(.keyRetired), "\(report.items)")
        #expect(try h.state("good-tool")?.attestation?.envelope == String(decoding: original, as: UTF8.self))
        #expect(try h.state("good-tool")?.attestation?.highestVersion == 1)
        // The one in force still counts at lookup: first seen before the key was retired.
        let store = h.registry.store
        let verdict = try Lookup(
            store: store, policy: try store.policy(), today: h.now.day,
            context: StateContext(store: store, policy: try store.policy(), now: h.now).provider
        ).verdict(id: "good-tool")
        #expect(verdict.attestation.status == "verified")
        #expect(verdict.attestation.version == 1)
    }

    @Test func aHostileEnvelopeCannotBloatTheStateFile() async throws {
        let h = try RefreshHarness(tools: ["good-tool"])
        var envelope = try AttestationSigner.sign(Array(h.payload(tool: "good-tool").canonicalText.utf8), with: h.key, keyid: h.keyid)
        let bad = Data(repeating: 1, count: 64).base64EncodedString()
        envelope.signatures = (0..<DSSEEnvelope.maxSignatures).map { i in
            .init(keyid: h.keyid + String(repeating: "x", count: 150) + "\(i)", sig: bad)
        }
        h.serve("good-tool", envelope.encoded())
        let report = try await refresh(h)
        #expect(h.item(report, "good-tool")?.status == .rejected(.unknownKey))
        let message = try #require(try h.state("good-tool")?.attestation?.lastCheck?.message)
        #expect(message.utf8.count <= AttestationRejection.maxMessageLength)
    }

    @Test func subjectDigestIsComparedWithTheWatchedDocumentFetched() async throws {
        let h = try RefreshHarness(tools: ["good-tool"])
        let terms = h.server.url("/terms")
        let page = Locked("<html><body><p>We do not train on your data.</p></body></html>")
        h.route("/terms") { _, c in c.respond(200, headers: [("Content-Type", "text/html")], text: page.withLock { $0 }) }
        try h.registry.put(
            "tools/good-tool.json",
            try h.registry.text("tools/good-tool.json")
                .replacingOccurrences(of: "\"watch\": []", with: "\"watch\": [{\"type\": \"terms\", \"url\": \"\(terms)\"}]"))
        var payload = h.payload(tool: "good-tool", version: 1)
        payload.documents = [
            AttestedDocument(url: terms, sha256: try DocumentDigest.terms(Array(page.withLock { $0 }.utf8), contentType: "text/html").sha256)
        ]
        let statement = InTotoStatement.statement(for: payload)
        h.serve("good-tool", try AttestationSigner.sign(statement, with: h.key, keyid: "", payloadType: DSSE.inTotoPayloadType).encoded())
        let first = try await refresh(h)
        #expect(h.item(first, "good-tool")?.status == .verified, "\(first.items)")
        #expect(!first.items.contains { $0.status == .attestedDigestDiffers }, "\(first.items)")
        // The vendor changes its terms page; the attestation (unchanged, a 304) still pins the old text.
        page.withLock { $0 = "<html><body><p>We may train on your data.</p></body></html>" }
        let second = try await refresh(h)
        let item = try #require(second.items.first { $0.status == .attestedDigestDiffers }, "\(second.items)")
        #expect(item.tool == "good-tool")
        #expect(item.url == terms)
        #expect(item.message?.contains(try #require(payload.documents[0].sha256)) == true)
    }
}
