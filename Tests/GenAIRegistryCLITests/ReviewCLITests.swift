import Foundation
import RegistryDomain
import RegistryJSON
import RegistryStorage
import TestSupport
import Testing

/// `review` and `review done` end to end: exit codes, JSON, the verdict ledger, and the review workflow.
@Suite struct ReviewCLITests {
    static let day = Fixture.today.description
    static let terms = "https://vendor.example/terms"

    func run(_ r: TestRegistry, _ args: [String]) throws -> CLIRunner.Result {
        try CLIRunner.run(args + ["--registry", r.root, "--as-of", Self.day])
    }

    func json(_ result: CLIRunner.Result) throws -> JSONValue { try JSONParser.parse(Array(result.stdout.utf8)).value }

    /// Writes what a refresh would have recorded for tool-a's terms page: the text and its state.
    func putDocument(_ r: TestRegistry, sha: String, text: String) throws {
        let state = StateStore(registry: r.store)
        try FileIO.makeDirectory(state.documentsDirectory)
        try FileIO.makeDirectory(state.toolsDirectory)
        try FileIO.writeAtomically(Array(text.utf8), to: state.snapshotPath(sha256: sha), sync: false)
        var doc = DocumentState()
        doc.sha256 = sha
        doc.changedAt = Timestamp(secondsSinceEpoch: Int64(Fixture.today.daysSinceEpoch - 1) * 86_400)
        doc.lastCheck = CheckOutcome(status: "changed", since: doc.changedAt ?? Timestamp(secondsSinceEpoch: 0))
        try FileIO.writeAtomically(
            StateStore.encodeShard(["tool-a": ToolState(documents: [Self.terms: doc])]),
            to: state.shardPath(StateStore.shard(for: "tool-a")), sync: false)
    }

    @Test func reviewAndShowSayWhatChangedInTheTermsWordByWord() throws {
        let old = String(repeating: "a", count: 64), new = String(repeating: "b", count: 64)
        var record = Fixture.compliant()
        record.review = Review(by: "T", on: Fixture.today.adding(days: -10), documents: [ReviewedDocument(url: Self.terms, sha256: old)])
        record.watch = [WatchedDocument(type: .terms, url: Self.terms, select: ["main .terms"], remove: [".sr-only"])]
        let r = try TestRegistry(tools: [record])
        try putDocument(r, sha: old, text: "Terms.\nWe keep logs for 30 days.\n")
        try putDocument(r, sha: new, text: "Terms.\nWe keep logs for 90 days.\n")
        let review = try run(r, ["review"])
        #expect(review.stdout.contains("~ We keep logs for [-30-]{+90+} days."), "\(review.stdout)")
        let show = try run(r, ["show", "tool-a"])
        #expect(show.stdout.contains("select main .terms") && show.stdout.contains("remove .sr-only"), "\(show.stdout)")
        #expect(show.stdout.contains("changed since the review of") && show.stdout.contains("~ We keep logs for [-30-]{+90+} days."))
    }

    @Test func emptyQueueExitsZero() throws {
        let r = try TestRegistry()
        let text = try run(r, ["review"])
        #expect(text.status == 0, "\(text.stdout)\(text.stderr)")
        #expect(text.stdout.contains("Nothing needs procurement's attention"))
        let j = try json(try run(r, ["review", "--format", "json"]))
        #expect(j["count"]?.intValue == 0 && j["items"]?.arrayValue == [])
        #expect(try run(r, ["review", "queue"]).status == 0, "`review queue` is the same command")
    }

    @Test func aQueueExitsOneMostUrgentFirst() throws {
        var stale = Fixture.compliant()
        stale.review = Review(by: "Old Reviewer", on: Fixture.today.adding(days: -400))
        var open = Fixture.compliant(id: "tool-b")
        open.terms.training.inputs = nil
        let r = try TestRegistry(tools: [open, stale])
        let text = try run(r, ["review"])
        #expect(text.status == 1)
        #expect(text.stdout.contains("review-overdue") && text.stdout.contains("→ Re-check"))
        let j = try json(try run(r, ["review", "--format", "json"]))
        let items = j["items"]?.arrayValue ?? []
        #expect(items.compactMap { $0["kind"]?.stringValue } == ["review-overdue", "unknown-fields"])
        #expect(items.first?["tool"]?.stringValue == "tool-a")
        #expect(items.last?["fields"]?.arrayValue == [.string("$.terms.training.inputs")])
        #expect(j["policyVersion"]?.stringValue == "test-1" && j["asOf"]?.stringValue == Self.day)
    }

    @Test func reviewDoneThenCheckShowsTheToolFreshAgain() throws {
        var record = Fixture.compliant()
        record.review = Review(
            by: "Old Reviewer", on: Fixture.today.adding(days: -400),
            documents: [ReviewedDocument(url: Self.terms, sha256: String(repeating: "a", count: 64))])
        record.watch.append(WatchedDocument(type: .privacy, url: "https://vendor.example/privacy"))
        let r = try TestRegistry(tools: [record])
        let newSHA = String(repeating: "b", count: 64)
        try putDocument(r, sha: newSHA, text: "Terms\nWe never train on your content.\n")

        let before = try run(r, ["check", "tool-a", "--format", "json"])
        #expect(before.status == 2)
        #expect(try json(before)["reasons"]?.arrayValue?.compactMap { $0["code"]?.stringValue } == ["review-overdue", "terms-changed"])
        let fileBefore = try r.text("tools/tool-a.json")

        let done = try run(r, ["review", "done", "Tool tool-a", "--by", "P. Buyer"])
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stdout.contains("Next review by \(Fixture.today.adding(days: 180))"))
        #expect(done.stdout.contains("https://vendor.example/privacy") && done.stdout.contains("never fetched"))

        let after = try run(r, ["check", "tool-a", "--format", "json"])
        #expect(after.status == 0, "\(after.stdout)")
        let review = try json(after)["review"]
        #expect(review?["status"]?.stringValue == "current" && review?["by"]?.stringValue == "P. Buyer" && review?["on"]?.stringValue == Self.day)
        #expect(try run(r, ["review"]).status == 0, "nothing left in the queue")

        // The canonical writer changed the review block and nothing else.
        let old = fileBefore.components(separatedBy: "\n"), new = try r.text("tools/tool-a.json").components(separatedBy: "\n")
        let start = old.firstIndex { $0.hasPrefix("  \"review\"") } ?? 0
        #expect(Array(old[..<start]) == Array(new[..<start]))
        #expect(old.suffix(3) == new.suffix(3), "the notes line and the closing brace are untouched")
        let record2 = try r.store.tool(id: "tool-a")
        #expect(
            record2.review?.documents == [
                ReviewedDocument(url: Self.terms, sha256: newSHA),
                ReviewedDocument(url: "https://vendor.example/privacy", sha256: nil),
            ])
        #expect(record2.review?.nextReviewBy == Fixture.today.adding(days: 180))

        let j = try json(try run(r, ["review", "done", "tool-a", "--by", "P. Buyer", "--format", "json"]))
        #expect(j["documents"]?.arrayValue?.last?["sha256"] == .null)
    }

    @Test(
        arguments: [
            (["review", "done", "tool-a"], Int32(64)),  // --by missing
            (["review", "done", "tool-a", "--by", "  "], 64),  // empty reviewer
            (["review", "done", "no-such-tool", "--by", "P. Buyer"], 3),  // unknown tool
            (["review", "done", "tool-a", "--by", "P. Buyer", "--as-of", "soon"], 64),
        ] as [([String], Int32)])
    func reviewDoneRejectsBadInput(args: [String], status: Int32) throws {
        let r = try TestRegistry()
        let before = try r.text("tools/tool-a.json")
        let result = try CLIRunner.run(args + ["--registry", r.root])
        #expect(result.status == status, "\(result.stderr)")
        #expect(try r.text("tools/tool-a.json") == before, "nothing written")
    }

    @Test func aPolicyChangeListsEachToolWhoseVerdictChanged() throws {
        let r = try TestRegistry(tools: [Fixture.compliant(), Fixture.compliant(id: "tool-b")])
        #expect(try run(r, ["review"]).status == 0)
        let ledger = try JSONParser.parse(Array(try r.text("state/verdicts.json").utf8)).value
        #expect(ledger["policyVersion"]?.stringValue == "test-1")

        var strict = Fixture.policy
        strict.version = "test-2"
        strict.principles.noStore.maxRetentionDays = 7
        try r.store.write(strict, schema: RegistrySchemas.policy, to: r.store.policyPath)
        let j = try json(try run(r, ["review", "--format", "json"]))
        let changed = (j["items"]?.arrayValue ?? []).filter { $0["kind"]?.stringValue == "verdict-changed" }
        #expect(changed.compactMap { $0["tool"]?.stringValue } == ["tool-a", "tool-b"])
        #expect(changed.first?["message"]?.stringValue?.contains("from compliant to noncompliant") == true)
        // Still listed on the next run, until each tool is reviewed again.
        #expect(try run(r, ["review"]).stdout.contains("verdict-changed"))
        #expect(try run(r, ["review", "done", "tool-a", "--by", "P. Buyer"]).status == 0)
        let left = (try json(try run(r, ["review", "--format", "json"]))["items"]?.arrayValue ?? []).filter {
            $0["kind"]?.stringValue == "verdict-changed"
        }
        #expect(left.compactMap { $0["tool"]?.stringValue } == ["tool-b"])
    }

    @Test func noRecordLeavesTheLedgerAlone() throws {
        let r = try TestRegistry()
        #expect(try run(r, ["review", "--no-record"]).status == 0)
        #expect(!FileIO.isFile(r.root + "/state/verdicts.json"))
    }
}
