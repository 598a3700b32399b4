import TestSupport
import Testing

@testable import RegistryDomain
@testable import RegistryJSON
@testable import RegistryStorage

/// When a recorded approval covers a use, and what `lint` says of broken approval files.
@Suite struct ApprovalTests {
    static let show = Production(id: "show-a", title: "Show A", studioContact: "dana@studio.example")

    static func approval(
        _ record: ToolRecord, uses: [String] = ["final-deliverable"], verdict: OverallVerdict = .compliant,
        decision: Approval.Decision? = .init(
            outcome: .approved, by: "Dana", on: Fixture.today, until: Fixture.today.adding(days: 30), reference: "M-1")
    ) -> Approval {
        Approval(
            id: "a-1", kind: .approval, production: "show-a", tool: record.id, uses: uses,
            judged: .init(verdict: verdict, termsSHA256: ApprovalCoverage.termsFingerprint(record), policyVersion: "test-1", on: Fixture.today),
            requested: .init(by: "Ann", on: Fixture.today), decision: decision)
    }

    func status(_ a: Approval, _ record: ToolRecord, uses: [String] = ["final-deliverable"], today: Day = Fixture.today) -> ApprovalCoverage.Status {
        ApprovalCoverage.status(
            of: a, uses: uses, verdict: Fixture.verdict(record, today: today), terms: ApprovalCoverage.termsFingerprint(record), today: today)
    }

    @Test func coversItsUsesUntilItsLastDay() {
        let record = Fixture.compliant()
        let a = Self.approval(record)
        #expect(status(a, record) == .covered)
        #expect(status(a, record, uses: []) == .covered)
        #expect(status(a, record, today: Fixture.today.adding(days: 30)) == .covered)
        #expect(status(a, record, today: Fixture.today.adding(days: 31)) == .expired)
        #expect(status(a, record, uses: ["final-deliverable", "talent-likeness"]) == .usesNotCovered)
    }

    @Test func pendingDeniedAndDisclosuresCoverNothing() {
        let record = Fixture.compliant()
        #expect(status(Self.approval(record, decision: nil), record) == .pending)
        #expect(
            status(Self.approval(record, decision: .init(outcome: .denied, by: "D", on: Fixture.today, until: nil, reference: "M")), record)
                == .denied)
        var disclosure = Self.approval(record)
        disclosure.kind = .disclosure
        #expect(status(disclosure, record) == .pending)
    }

    @Test func changedTermsOrAWorseVerdictNeedASecondLook() {
        let record = Fixture.compliant()
        let a = Self.approval(record)
        var changed = record
        changed.terms.retention.vendorRetention = [RetentionUse(purpose: .abuseMonitoring, days: 7)]
        #expect(status(a, changed) == .termsChanged)
        var worse = record
        worse.review = nil
        #expect(
            ApprovalCoverage.status(
                of: a, uses: [], verdict: Fixture.verdict(worse), terms: ApprovalCoverage.termsFingerprint(worse), today: Fixture.today)
                == .verdictWorse)
        // A terms page that changed since the review (seen by refresh) voids it too.
        let context = EvaluationContext(reasons: [Reason(.termsChanged, "Terms changed.")])
        let verdict = Fixture.verdict(record, context: context)
        #expect(
            ApprovalCoverage.status(
                of: Self.approval(record, verdict: .undetermined), uses: [], verdict: verdict,
                terms: ApprovalCoverage.termsFingerprint(record), today: Fixture.today) == .termsChanged)
        // Notes and review dates are not terms: editing them keeps the approval.
        var edited = record
        edited.notes = "Reviewed again."
        #expect(status(a, edited) == .covered)
    }

    @Test func assessWithAProductionProceedsOnlyUnderACoveringApproval() {
        let record = Fixture.compliant()
        let assessor = Assessor(policy: Fixture.policy)
        let verdict = Fixture.verdict(record)
        let empty = ApprovalBook(productions: ["show-a": Self.show], approvals: [], issues: [])
        let without = assessor.assess(verdict, uses: ["final-deliverable"], production: Self.show, book: empty, record: record, today: Fixture.today)
        #expect(without.decision == .writtenApprovalRequired)
        #expect(without.reasons.contains { $0.code.rawValue == "request-approval" })
        let book = ApprovalBook(productions: ["show-a": Self.show], approvals: [Self.approval(record)], issues: [])
        let with = assessor.assess(verdict, uses: ["final-deliverable"], production: Self.show, book: book, record: record, today: Fixture.today)
        #expect(with.decision == .proceed)
        #expect(with.approval?.id == "a-1")
        #expect(with.reasons.first?.code.rawValue == "approved")
        var noncompliant = record
        noncompliant.terms.training = Training(inputs: .always, outputs: .always)
        let never = assessor.assess(
            Fixture.verdict(noncompliant), uses: ["final-deliverable"], production: Self.show, book: book,
            record: noncompliant, today: Fixture.today)
        #expect(never.decision == .notPermitted, "an approval never lifts not-permitted")
    }

    @Test(arguments: [
        ("unknown production", "show-z", IssueCode.unknownProduction, "$.production"),
        ("approval without an end", "until-null", IssueCode.missingUntil, "$.decision.until"),
        ("decided disclosure", "disclosure", IssueCode.decidedDisclosure, "$.decision"),
        ("conditions missing", "conditions", IssueCode.missingConditions, "$.decision.conditions"),
    ])
    func lintReportsBrokenApprovals(name: String, variant: String, code: IssueCode, path: String) throws {
        var a = Self.approval(Fixture.compliant(id: "tool-a"))
        switch variant {
        case "show-z": a.production = "show-z"
        case "until-null": a.decision?.until = nil
        case "disclosure": a.kind = .disclosure
        default: a.decision?.outcome = .approvedWithConditions
        }
        let r = try TestRegistry()
        try r.store.write(Self.show, schema: RegistrySchemas.production, to: r.store.productionPath("show-a"))
        try r.store.write(a, schema: RegistrySchemas.approval, to: r.store.approvalPath("a-1"))
        let snapshot = try RegistrySnapshot.load(r.store)
        #expect(
            snapshot.issues.contains { $0.code == code && $0.path.description == path && $0.file.hasSuffix("approvals/a-1.json") },
            "\(snapshot.issues.map(\.description))")
        #expect(snapshot.approvals.approvals.isEmpty, "a broken approval is never counted")
    }
}
