import Foundation
import TestSupport
import Testing

@testable import Procurement
@testable import RegistryDomain
@testable import RegistryJSON
@testable import RegistryStorage

/// Each kind of queue item, produced from a registry and a refresh state written for the test.
@Suite struct ReviewQueueTests {
    static let today = Fixture.today
    static let now = Timestamp(secondsSinceEpoch: Int64(today.daysSinceEpoch) * 86_400 + 12 * 3600)
    static let key = AttestationSigner.generateKey(.ed25519)
    static let terms = "https://vendor.example/terms"

    /// A registry of `tools` (vendor-a pins the test key) and what refresh recorded for them.
    struct Harness {
        let registry: TestRegistry
        var store: RegistryStore { registry.store }
        var state: StateStore { StateStore(registry: registry.store) }

        init(_ tools: [ToolRecord], policy: Policy = Fixture.policy) throws {
            var vendor = Fixture.vendor()
            vendor.keys = [ReviewQueueTests.key.signingKey(keyid: "k1", validFrom: ReviewQueueTests.now.adding(seconds: -86_400 * 365))]
            registry = try TestRegistry(policy: policy, tools: tools, vendors: [vendor])
        }

        func putState(_ states: [String: ToolState]) throws {
            var shards: [String: [String: ToolState]] = [:]
            for (id, s) in states { shards[StateStore.shard(for: id), default: [:]][id] = s }
            try FileIO.makeDirectory(state.toolsDirectory)
            for (shard, content) in shards { try FileIO.writeAtomically(StateStore.encodeShard(content), to: state.shardPath(shard), sync: false) }
        }

        func putSnapshot(_ text: String) throws -> String {
            let sha = sha256(text)
            try FileIO.makeDirectory(state.documentsDirectory)
            try FileIO.writeAtomically(Array(text.utf8), to: state.snapshotPath(sha256: sha), sync: false)
            return sha
        }

        func queue(policy: Policy = Fixture.policy, today: Day = ReviewQueueTests.today) async throws -> ReviewQueue {
            let snapshot = try RegistrySnapshot.load(store)
            return ReviewQueue.build(
                store: store, snapshot: snapshot, policy: policy, today: today,
                now: Timestamp(secondsSinceEpoch: Int64(today.daysSinceEpoch) * 86_400 + 12 * 3600))
        }
    }

    /// A content address for a snapshot (the real one is SHA-256; any 64 hex digits serve as a key here).
    static func sha256(_ text: String) -> String {
        (0..<4).map { seed -> String in
            var h: UInt64 = 0xcbf29ce484222325 &+ UInt64(seed)
            for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
            let hex = String(h, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    static func envelope(tool: String = "tool-a", version: Int = 1, expires: Timestamp, terms: Terms = Fixture.compliant().terms) throws -> String {
        let payload = AttestationPayload(
            vendor: "vendor-a", tool: tool, version: version, issued: now.adding(seconds: -86_400 * 10),
            expires: expires, terms: terms, documents: [AttestedDocument(url: ReviewQueueTests.terms)])
        let bytes = Array(RecordCodec.canonicalText(payload, schema: RegistrySchemas.attestationPayload).utf8)
        return String(decoding: try AttestationSigner.sign(bytes, with: key, keyid: "k1").encoded(), as: UTF8.self)
    }

    static func attested(_ envelope: String, lastCheck: CheckOutcome? = nil) -> ToolState {
        var a = AttestationState(url: "https://vendor.example/attestation")
        a.envelope = envelope
        a.highestVersion = 1
        a.verifiedAt = now.adding(seconds: -86_400)
        a.lastCheck = lastCheck ?? CheckOutcome(status: "verified", since: now.adding(seconds: -86_400))
        return ToolState(attestation: a)
    }

    static func withAttestation(_ record: ToolRecord = Fixture.compliant()) -> ToolRecord {
        var r = record
        r.attestationURL = "https://vendor.example/attestation"
        return r
    }

    func kinds(_ q: ReviewQueue) -> [ReviewItem.Kind] { q.items.map(\.kind) }

    @Test func aCurrentCompliantRegistryHasAnEmptyQueue() async throws {
        let q = try await Harness([Fixture.compliant()]).queue()
        #expect(q.items.isEmpty, "\(q.items)")
    }

    @Test(
        arguments: [
            // (review age in days, nextReviewBy offset from today, expected kind)
            (-1, 170, nil),
            (-170, 60, ReviewItem.Kind.reviewDueSoon),  // interval due in 10 days
            (-10, 5, .reviewDueSoon),  // own nextReviewBy in 5 days
            (-200, 60, .reviewOverdue),  // older than the 180-day interval
            (-10, -1, .reviewOverdue),  // past its own nextReviewBy
        ] as [(Int, Int, ReviewItem.Kind?)])
    func reviewsDueSoonAndOverdue(age: Int, next: Int, expected: ReviewItem.Kind?) async throws {
        var r = Fixture.compliant()
        r.review = Review(by: "Tester", on: Self.today.adding(days: age), nextReviewBy: Self.today.adding(days: next))
        let q = try await Harness([r]).queue()
        #expect(kinds(q) == (expected.map { [$0] } ?? []))
        if let item = q.items.first { #expect(item.action.contains("review done tool-a")) }
    }

    @Test func neverReviewedIsListed() async throws {
        var r = Fixture.compliant()
        r.review = nil
        let q = try await Harness([r]).queue()
        #expect(kinds(q) == [.neverReviewed])
    }

    @Test func attestationExpiringSoonAndFine() async throws {
        let h = try Harness([Self.withAttestation()])
        try h.putState(["tool-a": Self.attested(try Self.envelope(expires: Self.now.adding(seconds: 86_400 * 5)))])
        let soon = try await h.queue()
        #expect(kinds(soon) == [.attestationExpiring])
        #expect(soon.items.first?.due == Self.today.adding(days: 5))
        try h.putState(["tool-a": Self.attested(try Self.envelope(expires: Self.now.adding(seconds: 86_400 * 60)))])
        #expect(try await h.queue().items.isEmpty)
    }

    @Test func attestationExpired() async throws {
        let h = try Harness([Self.withAttestation()])
        try h.putState(["tool-a": Self.attested(try Self.envelope(expires: Self.now.adding(seconds: -3600)))])
        #expect(kinds(try await h.queue()) == [.attestationExpired])
    }

    @Test func attestationThatFailedVerification() async throws {
        let h = try Harness([Self.withAttestation()])
        // The latest fetch was rejected; the earlier verified envelope stays in force.
        let failed = CheckOutcome(status: "bad-signature", message: "no signature verifies", since: Self.now.adding(seconds: -7200))
        try h.putState(["tool-a": Self.attested(try Self.envelope(expires: Self.now.adding(seconds: 86_400 * 60)), lastCheck: failed)])
        let q = try await h.queue()
        #expect(kinds(q) == [.attestationFailed])
        #expect(q.items.first?.message.contains("bad-signature") == true)
        #expect(q.items.first?.message.contains("stays in force") == true)
        // An envelope in force that no longer verifies (the key was unpinned) is listed too.
        var unpinned = Fixture.vendor()
        unpinned.keys = []
        try h.store.write(unpinned, schema: RegistrySchemas.vendor, to: h.store.vendorPath("vendor-a"))
        #expect(kinds(try await h.queue()).contains(.attestationFailed))
    }

    @Test func conflictBetweenRecordAndAttestation() async throws {
        let h = try Harness([Self.withAttestation()])
        var attestedTerms = Fixture.compliant().terms
        attestedTerms.training = Training(inputs: .optOut, outputs: .optOut)
        try h.putState(["tool-a": Self.attested(try Self.envelope(expires: Self.now.adding(seconds: 86_400 * 60), terms: attestedTerms))])
        let q = try await h.queue()
        #expect(kinds(q) == [.conflict])
        #expect(q.items.first?.details.first?.hasPrefix("no-train") == true)
    }

    @Test func termsChangedShowsTheChangedSentencesWordByWord() async throws {
        let h = try Harness([Fixture.compliant()])
        let old = try h.putSnapshot("Terms of Service\nIntroduction.\nWe keep logs for 30 days. We never train on your content.\nContact us.\n")
        let new = try h.putSnapshot(
            "Terms of Service\nIntroduction.\nWe keep logs for 90 days. We never train on your content.\nContact us.\nNew clause.\n")
        var r = Fixture.compliant()
        r.review?.documents = [ReviewedDocument(url: Self.terms, sha256: old)]
        try h.store.write(r, schema: RegistrySchemas.tool, to: h.store.toolPath(r.id))
        var doc = DocumentState()
        doc.sha256 = new
        doc.changedAt = Self.now.adding(seconds: -3600)
        try h.putState(["tool-a": ToolState(documents: [Self.terms: doc])])
        let q = try await h.queue()
        #expect(kinds(q) == [.termsChanged])
        let details = q.items.first?.details ?? []
        #expect(details == ["~ We keep logs for [-30-]{+90+} days.", "+ New clause."], "only what changed, words marked")

        // When the reviewed text was never stored, say so plainly instead of a diff.
        try FileManager.default.removeItem(atPath: h.state.snapshotPath(sha256: old))
        let plain = try await h.queue().items.first?.details.joined(separator: " ") ?? ""
        #expect(plain.contains("is not stored in state/documents/"))
    }

    @Test(arguments: [(2, true), (1, false), (0, false)])
    func refreshFailingRepeatedly(runs: Int, listed: Bool) async throws {
        let h = try Harness([Fixture.compliant()])
        var doc = DocumentState()
        doc.lastCheck = CheckOutcome(status: "http-404", message: "Not Found", since: Self.now.adding(seconds: -86_400 * 3))
        try h.putState(["tool-a": ToolState(documents: [Self.terms: doc])])
        var log = ""
        for i in 0..<3 {
            let failed = i >= 3 - runs
            let failures = failed ? "[{\"tool\":\"tool-a\",\"url\":\"\(Self.terms)\",\"status\":\"http-404\"}]" : "[]"
            log += "{\"started\":\"\(Self.now.adding(seconds: Int64(-86_400 * (2 - i))))\",\"checked\":1,\"failures\":\(failures)}\n"
        }
        log += "not json\n"
        try FileIO.writeAtomically(Array(log.utf8), to: h.state.logPath, sync: false)
        let q = try await h.queue()
        #expect(kinds(q) == (listed ? [.refreshFailing] : []))
        if listed { #expect(q.items.first?.message.contains("2 refreshes") == true) }
    }

    @Test func unknownFieldsAreNamed() async throws {
        var r = Fixture.compliant()
        r.terms.training.inputs = nil
        r.terms.environment.certifications = [.soc2]
        r.terms.retention.vendorRetention = [RetentionUse(purpose: .abuseMonitoring, days: nil)]
        let q = try await Harness([r]).queue()
        #expect(kinds(q) == [.unknownFields])
        #expect(
            q.items.first?.fields == [
                "$.terms.retention.vendorRetention[0].days", "$.terms.training.inputs",
                "$.terms.environment.certifications (SOC 2 type not stated)",
            ])
    }

    @Test func unknownFieldsOfANoncompliantToolAreNotListed() async throws {
        var r = Fixture.compliant()
        r.terms.training = Training(inputs: .always, outputs: nil)
        #expect(try await Harness([r]).queue().items.isEmpty)
    }

    @Test func policyVersionChangeListsMovedVerdictsUntilReviewed() async throws {
        var strict = Fixture.policy
        strict.version = "test-2"
        strict.principles.noStore.maxRetentionDays = 10  // the fixture keeps abuse-monitoring logs for 30 days
        let h = try Harness([Fixture.compliant(), Fixture.compliant(id: "tool-b")])
        let first = try await h.queue()
        #expect(first.items.isEmpty && first.ledgerChanged)
        try first.ledger.write(h.state)
        let unchanged = try await h.queue()
        #expect(!unchanged.ledgerChanged, "nothing is rewritten when nothing changed")

        let moved = try await h.queue(policy: strict)
        let changed = moved.items.filter { $0.kind == .verdictChanged }
        #expect(changed.map(\.tool) == ["tool-a", "tool-b"])
        #expect(changed.first?.message.contains("from compliant to noncompliant") == true)
        #expect(changed.first?.message.contains("test-1 to test-2") == true)
        try moved.ledger.write(h.state)
        // Still listed on the next run, until the tool is reviewed under the new policy.
        var reviewed = Fixture.compliant()
        reviewed.review = Review(by: "Tester", on: Self.today, nextReviewBy: Self.today.adding(days: 100))
        try h.store.write(reviewed, schema: RegistrySchemas.tool, to: h.store.toolPath("tool-a"))
        let after = try await h.queue(policy: strict)
        #expect(after.items.filter { $0.kind == .verdictChanged }.map(\.tool) == ["tool-b"])
    }

    @Test func invalidRecordsAndUnreadableStateAreListedFirst() async throws {
        var r = Fixture.compliant(id: "tool-b")
        r.review = nil
        let h = try Harness([Fixture.compliant(), r])
        try h.registry.put(
            "tools/tool-a.json", try h.registry.text("tools/tool-a.json").replacingOccurrences(of: "\"sso\": true", with: "\"sso\": \"yes\""))
        try FileIO.makeDirectory(h.state.toolsDirectory)
        try FileIO.writeAtomically(Array("{ broken".utf8), to: h.state.shardPath("00"), sync: false)
        let q = try await h.queue()
        #expect(kinds(q) == [.stateUnreadable, .invalidRecord, .neverReviewed])
        #expect(q.items[1].details.first?.contains("$.terms.environment.sso") == true)
    }

    @Test func mostUrgentFirst() async throws {
        var overdue = Fixture.compliant(id: "tool-b")
        overdue.review = Review(by: "T", on: Self.today.adding(days: -300))
        var unknown = Fixture.compliant(id: "tool-c")
        unknown.terms.training.outputs = nil
        var soon = Fixture.compliant(id: "tool-d")
        soon.review = Review(by: "T", on: Self.today.adding(days: -175))
        let q = try await Harness([unknown, soon, overdue]).queue()
        #expect(kinds(q) == [.reviewOverdue, .reviewDueSoon, .unknownFields])
        let json = q.json
        #expect(json["count"]?.intValue == 3)
        #expect(json["items"]?.arrayValue?.first?["kind"]?.stringValue == "review-overdue")
        #expect(json["items"]?.arrayValue?.first?["urgency"]?.stringValue == "overdue")
    }

    @Test func diffOfALargeRewriteIsBounded() {
        let old = (0..<500).map { "Old clause \($0)." }.joined(separator: "\n")
        let new = (0..<500).map { "Rewritten wholly, number \($0)." }.joined(separator: "\n")
        let diff = WordDiff.readable(old: old, new: new, limit: 40)
        #expect(diff.count == 41)
        #expect(diff.last?.contains("more changed sentences") == true)
    }
}
