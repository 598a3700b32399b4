import Foundation
import TestSupport
import Testing

@testable import Procurement
@testable import RegistryDomain
@testable import RegistryJSON
@testable import RegistryStorage

/// `show --history` from a real git repository built for the test: past verdicts under the policy of each
/// commit, since when compliant and who said so, and the plain answer outside git.
@Suite struct HistoryRecordTests {
    /// Runs git in `directory` with fixed identities and dates, failing the test on error.
    @discardableResult
    static func git(_ directory: String, _ args: [String], date: String = "2026-01-01T12:00:00Z", author: String = "Tester") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + args
        var env = ProcessInfo.processInfo.environment
        env["GIT_AUTHOR_NAME"] = author
        env["GIT_AUTHOR_EMAIL"] = "\(author.lowercased())@studio.example"
        env["GIT_COMMITTER_NAME"] = author
        env["GIT_COMMITTER_EMAIL"] = "\(author.lowercased())@studio.example"
        env["GIT_AUTHOR_DATE"] = date
        env["GIT_COMMITTER_DATE"] = date
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["HOME"] = directory
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw GitRunner.Failure(message: "git \(args.joined(separator: " ")): \(text)") }
        return text
    }

    static func day(_ text: String) -> Day { Day(text) ?? Day(daysSinceEpoch: 0) }

    /// A registry in a fresh git repository (the repository is the registry's parent folder).
    static func repository() throws -> (TestRegistry, String) {
        var first = Fixture.compliant()
        first.terms.training = Training(inputs: .optOut, outputs: .optOut)
        first.review = Review(by: "Alice", on: day("2026-01-09"))
        let r = try TestRegistry(tools: [first])
        let top = FileIO.parentDirectory(of: r.root)
        try git(top, ["init", "-q"])
        try git(top, ["add", "."])
        try git(top, ["commit", "-q", "-m", "Add tool-a"], date: "2026-01-10T12:00:00Z", author: "Alice")
        return (r, top)
    }

    func commit(_ r: TestRegistry, _ top: String, _ record: ToolRecord, message: String, date: String, author: String) throws {
        try r.store.write(record, schema: RegistrySchemas.tool, to: r.store.toolPath(record.id))
        try Self.git(top, ["commit", "-q", "-am", message], date: date, author: author)
    }

    @Test func sinceWhenCompliantAndWhoSaidSo() throws {
        let (r, top) = try Self.repository()
        var record = Fixture.compliant()
        record.review = Review(by: "Bob", on: Self.day("2026-02-28"))
        try commit(r, top, record, message: "Vendor confirmed no training; reviewed", date: "2026-03-01T09:00:00Z", author: "Carol")
        record.summary = "Now with a summary."
        try commit(r, top, record, message: "Add summary", date: "2026-04-01T09:00:00Z", author: "Dave")

        let h = RecordHistory.load(store: r.store, toolID: "tool-a", currentPolicy: Fixture.policy)
        let versions = h.versions
        #expect(versions.map { $0.verdict?.verdict } == [.noncompliant, .compliant, .compliant])
        #expect(versions.map(\.author) == ["Alice", "Carol", "Dave"])
        #expect(versions.first?.changes == ["record created"])
        #expect(versions[1].changes.contains("$.terms.training.inputs: \"opt-out\" → \"never\""))
        #expect(versions[1].changes.contains("$.review.by: \"Alice\" → \"Bob\""))
        #expect(versions[2].changes == ["$.summary: null → \"Now with a summary.\""])
        let since = h.compliantSince
        #expect(since?.date.day == Self.day("2026-03-01") && since?.author == "Carol" && since?.review?.by == "Bob")
        #expect(since?.policyFromCommit == true && since?.policyVersion == "test-1")
        #expect(!h.uncommitted)
        try r.put("tools/tool-a.json", try r.text("tools/tool-a.json").replacingOccurrences(of: "Now with", with: "Still with"))
        #expect(RecordHistory.load(store: r.store, toolID: "tool-a", currentPolicy: Fixture.policy).uncommitted)
    }

    /// Commits the compliant record, reviewed by Bob, as Carol on 2026-03-01; returns it.
    func commitReviewed(_ r: TestRegistry, _ top: String) throws -> ToolRecord {
        var record = Fixture.compliant()
        record.review = Review(by: "Bob", on: Self.day("2026-02-28"))
        try commit(r, top, record, message: "Reviewed", date: "2026-03-01T09:00:00Z", author: "Carol")
        return record
    }

    /// Writes (does not commit) a stricter policy, "test-2": vendor retention of at most 10 days.
    func writeStricterPolicy(_ r: TestRegistry) throws -> Policy {
        var strict = Fixture.policy
        strict.version = "test-2"
        strict.principles.noStore.maxRetentionDays = 10
        try r.store.write(strict, schema: RegistrySchemas.policy, to: r.store.policyPath)
        return strict
    }

    @Test func eachVersionIsJudgedWithThePolicyOfItsCommit() throws {
        let (r, top) = try Self.repository()
        var record = try commitReviewed(r, top)
        _ = try writeStricterPolicy(r)
        record.notes = "Policy tightened."
        try commit(r, top, record, message: "Stricter retention policy", date: "2026-05-01T09:00:00Z", author: "Erin")

        // Judged today with the old policy it would still be compliant; under its own commit's policy it is not.
        let h = RecordHistory.load(store: r.store, toolID: "tool-a", currentPolicy: Fixture.policy)
        #expect(h.versions.map(\.policyVersion) == ["test-1", "test-1", "test-2"])
        #expect(h.versions.last?.verdict?.verdict == .noncompliant)
        #expect(h.versions.last?.changes.first == "policy version test-1 → test-2")
        #expect(h.compliantSince == nil)
    }

    @Test func aPolicyCommitThatLeavesTheRecordAloneStillShowsWhereTheVerdictChanged() throws {
        let (r, top) = try Self.repository()
        _ = try commitReviewed(r, top)
        let strict = try writeStricterPolicy(r)
        try Self.git(top, ["commit", "-q", "-am", "Stricter retention policy"], date: "2026-05-01T09:00:00Z", author: "Erin")
        // The same policy written with another layout: nothing a verdict could see, so not a version.
        try r.put("policy.json", try r.text("policy.json").replacingOccurrences(of: "\n", with: "\n "))
        try Self.git(top, ["commit", "-q", "-am", "Reformat policy"], date: "2026-06-01T09:00:00Z", author: "Frank")

        let h = RecordHistory.load(store: r.store, toolID: "tool-a", currentPolicy: strict)
        #expect(h.versions.map(\.author) == ["Alice", "Carol", "Erin"])
        #expect(h.versions.map(\.policyOnly) == [false, false, true])
        #expect(h.versions.map { $0.verdict?.verdict } == [.noncompliant, .compliant, .noncompliant])
        let last = h.versions.last
        #expect(last?.policyVersion == "test-2" && last?.policyFromCommit == true)
        #expect(last?.changes == ["policy version test-1 → test-2"])
        #expect(last?.review?.by == "Bob", "the record as it stood, with its review")
        #expect(h.compliantSince == nil, "the policy commit ended the compliant run")
    }

    @Test func aPolicyCommitDatedBeforeTheRecordCommitItFollowsIsShownAfterIt() throws {
        // Commit dates need not follow the history (a rebase keeps author and commit dates of the original):
        // here the stricter policy is committed after the reviewed record but dated a month before it.
        let (r, top) = try Self.repository()
        _ = try commitReviewed(r, top)
        _ = try writeStricterPolicy(r)
        try Self.git(top, ["commit", "-q", "-am", "Stricter retention policy"], date: "2026-02-01T09:00:00Z", author: "Erin")

        let h = RecordHistory.load(store: r.store, toolID: "tool-a", currentPolicy: Fixture.policy)
        #expect(h.versions.map(\.author) == ["Alice", "Carol", "Erin"])
        #expect(h.versions.map(\.policyVersion) == ["test-1", "test-1", "test-2"])
        #expect(h.versions.map { $0.verdict?.verdict } == [.noncompliant, .compliant, .noncompliant])
        #expect(h.versions.last?.review?.by == "Bob", "judged on the record as it was at the policy's commit")
    }

    @Test func aCommittedVersionThatWasInvalidIsShownAsSuch() throws {
        let (r, top) = try Self.repository()
        try r.put("tools/tool-a.json", try r.text("tools/tool-a.json").replacingOccurrences(of: "\"sso\": true", with: "\"sso\": \"yes\""))
        try Self.git(top, ["commit", "-q", "-am", "Typo"], date: "2026-02-01T09:00:00Z", author: "Frank")
        let last = RecordHistory.load(store: r.store, toolID: "tool-a", currentPolicy: Fixture.policy).versions.last
        #expect(last?.verdict == nil)
        #expect(last?.problem?.contains("$.terms.environment.sso") == true)
    }

    @Test func outsideGitItSaysSoAndStillShowsTheRefreshLog() throws {
        let r = try TestRegistry()
        let state = StateStore(registry: r.store)
        try FileIO.makeDirectory(state.root)
        let line =
            "{\"started\":\"2026-11-20T03:00:00Z\",\"checked\":1,\"failures\":[{\"tool\":\"tool-a\",\"url\":\"https://vendor.example/terms\",\"status\":\"http-404\"}]}\n"
        try FileIO.writeAtomically(Array(line.utf8), to: state.logPath, sync: false)
        let h = RecordHistory.load(store: r.store, toolID: "tool-a", currentPolicy: Fixture.policy)
        guard case .unavailable(let message) = h.git else {
            Issue.record("expected no git history in \(r.root)")
            return
        }
        #expect(message.contains("not in a git repository"))
        #expect(h.refreshRuns == 1)
        #expect(h.refreshEvents.map(\.text) == ["refresh: https://vendor.example/terms failed (http-404)"])
    }
}
