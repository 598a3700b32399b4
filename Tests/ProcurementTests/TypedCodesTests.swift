import Procurement
import RegistryDomain
import RegistryJSON
import RegistryStorage
import Testing

/// Lint issue codes and refresh statuses are types whose words are what reports, JSON and the refresh log
/// have always said.
@Suite struct TypedCodesTests {
    @Test func anIssueCodePrintsAndEncodesAsItsWord() {
        let issue = RegistryJSON.Issue(code: .duplicateKey, file: "tools/x.json", message: "twice")
        #expect(issue.json["code"] == .string("duplicate-key"))
        #expect(issue.description.hasSuffix("[duplicate-key]"))
        #expect("\(IssueCode.badJSON)" == "bad-json")
        #expect(IssueCode(rawValue: "wrong-type") == .wrongType)
        #expect(IssueCode(rawValue: "wrongType") == nil)
        #expect(Set(IssueCode.all.map(\.rawValue)).count == IssueCode.all.count)
    }

    @Test func everyRefreshStatusReadsBackFromItsWord() {
        let statuses = RefreshStatus.all + [.http(304), .http(404), .http(500)]
        #expect(Set(statuses.map(\.rawValue)).count == statuses.count, "two statuses share a word")
        for status in statuses {
            #expect(RefreshStatus(rawValue: status.rawValue) == status, "\(status.rawValue)")
            #expect("\(status)" == status.rawValue)
        }
        #expect(RefreshStatus.notModified.rawValue == "not-modified")
        #expect(RefreshStatus.rejected(.badSignature).rawValue == "bad-signature")
        #expect(RefreshStatus.http(404).rawValue == "http-404")
        for word in ["", "notModified", "http-", "http-x", "http--1", "http-+404", "http-0404", "bad_signature"] {
            #expect(RefreshStatus(rawValue: word) == nil, "\(word)")
        }
    }

    @Test func onlyFetchesThatFailedAreFailures() {
        let fine: [RefreshStatus] = [.verified, .unchanged, .notModified, .changed, .firstSeen, .attestedDigestDiffers]
        #expect(RefreshStatus.all.filter { !$0.failed } == fine)
        #expect(RefreshStatus.http(304).failed)
        #expect(RefreshStatus.rejected(.expired).failed)
        #expect(RefreshStatus.invalidRecord.failed)
    }

    @Test func theRefreshLogReadsTheWordsItWasWrittenWith() throws {
        let line =
            #"{"started":"2026-12-01T03:00:00Z","finished":"2026-12-01T03:01:00Z","checked":4,"counts":{"bad-signature":1,"http-404":1,"timed-out":1,"verified":1},"#
            + #""failures":[{"tool":"a","url":"https://a.example/att","status":"bad-signature"},{"tool":"b","url":"https://b.example/terms","status":"http-404"},"#
            + #"{"tool":"c","url":"https://c.example/terms","status":"timed-out"},{"tool":"d","url":"https://d.example/terms","status":"no-such-status"}]}"#
        let log = RefreshLog.parse(line + "\n")
        #expect(log.unreadableLines == 0)
        let run = try #require(log.runs.first)
        #expect(run.checked == 4)
        #expect(run.failures.map(\.status) == [.rejected(.badSignature), .http(404), .timedOut], "a status this version does not know is left out")
        #expect(log.failures(tool: "b").first?.failure.status == .http(404))
    }
}
