import Foundation
import RegistryDomain
import RegistryJSON
import RegistryStorage
import TestSupport
import Testing

/// A production goes from "written approval required" to "approved (reference)" with two commands, and back
/// when the approval expires or the tool's terms change — through the built binary, on real files.
@Suite struct ApprovalCLITests {
    static let production = """
        { "id": "show-a", "title": "Show A", "studioContact": "Dana Studio <dana@studio.example>", "notes": null }
        """

    func registry() throws -> TestRegistry {
        var tool = Fixture.compliant(id: "acme-video", vendor: "acme", categories: [.video])
        tool.name = "Acme Video"
        let r = try TestRegistry(tools: [tool], vendors: [Fixture.vendor("acme")])
        try FileIO.makeDirectory(r.root + "/productions")
        try r.put("productions/show-a.json", Self.production)
        return r
    }

    func run(_ r: TestRegistry, _ args: [String], asOf: Day = Fixture.today) throws -> CLIRunner.Result {
        try CLIRunner.run(args + ["--registry", r.root, "--as-of", asOf.description])
    }

    /// The reasons of an `assess --format json` answer, one string.
    func reasons(_ r: TestRegistry, _ args: [String], asOf: Day = Fixture.today) throws -> (status: Int32, text: String) {
        let result = try run(r, args + ["--format", "json"], asOf: asOf)
        let value = try JSONParser.parse(Array(result.stdout.utf8)).value
        let messages = value["reasons"]?.arrayValue?.compactMap { $0["message"]?.stringValue } ?? []
        return (result.status, messages.joined(separator: "\n"))
    }

    func approvalFiles(_ r: TestRegistry) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: r.root + "/approvals").filter { $0.hasSuffix(".json") }.sorted()
    }

    @Test func requestRecordAssessAndBackAgain() throws {
        let r = try registry()
        let assess = ["assess", "acme-video", "--production", "show-a", "--use", "final-deliverable"]

        let before = try reasons(r, assess)
        #expect(before.status == 2)
        #expect(before.text.contains("genai-registry approval request acme-video --production show-a --use final-deliverable"))

        let request = try run(
            r, ["approval", "request", "acme-video", "--production", "show-a", "--use", "final-deliverable", "--by", "Ann Producer"])
        #expect(request.status == 0, "\(request.stderr)")
        #expect(request.stdout.hasPrefix("# Request for written approval: Acme Video on Show A"))
        #expect(request.stdout.contains("Generated material would appear in the final deliverable."))
        #expect(request.stdout.contains("**no-store**: pass"))
        let files = try approvalFiles(r)
        #expect(files.count == 1)
        let id = try #require(files.first).replacingOccurrences(of: ".json", with: "")

        let waiting = try reasons(r, assess)
        #expect(waiting.status == 2)
        #expect(waiting.text.contains("waiting for the studio's decision"))

        let record = try run(
            r,
            [
                "approval", "record", id, "--outcome", "approved-with-conditions", "--condition", "Credit the tool in the end titles.",
                "--by", "Dana Studio", "--reference", "MAIL-2026-11-21", "--until", "2027-01-31",
            ])
        #expect(record.status == 0, "\(record.stderr)")
        let again = try run(r, ["approval", "record", id, "--outcome", "denied", "--by", "X", "--reference", "Y"])
        #expect(again.status == 65, "a decided request is not decided again")

        let approved = try run(r, assess + ["--format", "json"])
        #expect(approved.status == 0, "\(approved.stderr)")
        let json = try JSONParser.parse(Array(approved.stdout.utf8)).value
        #expect(json["decision"]?.stringValue == "proceed")
        #expect(json["approval"]?["decision"]?["reference"]?.stringValue == "MAIL-2026-11-21")
        let text = try reasons(r, assess)
        #expect(text.text.contains("Approved in writing by Dana Studio on 2026-11-21 (MAIL-2026-11-21), valid until 2027-01-31"))
        #expect(text.text.contains("Condition of the approval: Credit the tool in the end titles."))
        #expect(try run(r, assess).stdout.contains("PROCEED"))

        // Another use is not covered.
        let other = try reasons(r, ["assess", "acme-video", "--production", "show-a", "--use", "talent-likeness"])
        #expect(other.status == 2)
        #expect(other.text.contains("covers final-deliverable only"))

        // Expired.
        let later = try reasons(r, assess, asOf: Day("2027-02-01") ?? Fixture.today)
        #expect(later.status == 2)
        #expect(later.text.contains("expired on 2027-01-31"))

        // The recorded terms change: the approval needs a second look, and review says so.
        var tool = try r.store.tool(id: "acme-video")
        tool.terms.retention.vendorRetention = [RetentionUse(purpose: .abuseMonitoring, days: 14)]
        try r.store.write(tool, schema: RegistrySchemas.tool, to: r.store.toolPath("acme-video"))
        let changed = try reasons(r, assess)
        #expect(changed.status == 2)
        #expect(changed.text.contains("they have changed, so the approval needs a second look"))
        let review = try run(r, ["review", "--format", "json"])
        let kinds = try JSONParser.parse(Array(review.stdout.utf8)).value["items"]?.arrayValue?.compactMap { $0["kind"]?.stringValue } ?? []
        #expect(kinds.contains("approval-voided"), "\(kinds)")
    }

    @Test func theVerdictGettingWorseVoidsTheApproval() throws {
        let r = try registry()
        _ = try run(r, ["approval", "request", "acme-video", "--production", "show-a", "--use", "real-events", "--by", "Ann"])
        let id = try #require(try approvalFiles(r).first).replacingOccurrences(of: ".json", with: "")
        #expect(
            try run(r, ["approval", "record", id, "--outcome", "approved", "--by", "Dana", "--reference", "M-1", "--until", "2027-03-01"]).status == 0
        )
        var tool = try r.store.tool(id: "acme-video")
        tool.terms.training = Training(inputs: nil, outputs: nil)
        try r.store.write(tool, schema: RegistrySchemas.tool, to: r.store.toolPath("acme-video"))
        let result = try reasons(r, ["assess", "acme-video", "--production", "show-a", "--use", "real-events"])
        #expect(result.status == 2)
        #expect(result.text.contains("was given when the tool was compliant; it is worse now"))
    }

    @Test func disclosureOfAUseThatMayProceed() throws {
        let r = try registry()
        let result = try run(r, ["disclose", "acme-video", "--production", "show-a", "--by", "Ann Producer"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("To: Dana Studio <dana@studio.example>"))
        #expect(try approvalFiles(r).count == 1)
        let refused = try run(r, ["disclose", "acme-video", "--production", "show-a", "--use", "talent-likeness", "--by", "Ann"])
        #expect(refused.status == 2, "a use that needs approval is not merely disclosed")
        #expect(try approvalFiles(r).count == 1)
        #expect(try run(r, ["lint"]).status == 0)
    }

    @Test func unknownProductionIsAUsageError() throws {
        let r = try registry()
        let result = try run(r, ["assess", "acme-video", "--production", "show-b"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("no production \"show-b\"") && result.stderr.contains("known: show-a"))
    }

    @Test func aBrokenApprovalIsReportedAndNeverApproves() throws {
        let r = try registry()
        _ = try run(r, ["approval", "request", "acme-video", "--production", "show-a", "--use", "union-work", "--by", "Ann"])
        let id = try #require(try approvalFiles(r).first).replacingOccurrences(of: ".json", with: "")
        #expect(
            try run(r, ["approval", "record", id, "--outcome", "approved", "--by", "Dana", "--reference", "M-1", "--until", "2027-03-01"]).status == 0
        )
        let text = try r.text("approvals/\(id).json").replacingOccurrences(of: "\"until\": \"2027-03-01\"", with: "\"until\": \"2026-01-01\"")
        try r.put("approvals/\(id).json", text)
        let lint = try run(r, ["lint"])
        #expect(lint.status == 65)
        #expect(lint.stdout.contains("Registry/approvals/\(id).json") && lint.stdout.contains("$.decision.until"))
        let assess = try run(r, ["assess", "acme-video", "--production", "show-a", "--use", "union-work"])
        #expect(assess.status == 2, "a broken approval approves nothing")
        #expect(assess.stderr.contains("not counted, because invalid"))
    }
}
