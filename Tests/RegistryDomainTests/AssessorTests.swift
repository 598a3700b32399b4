import TestSupport
import Testing

@testable import RegistryDomain

@Suite struct AssessorTests {
    let assessor = Assessor(policy: Fixture.policy)

    func verdict(_ change: (inout ToolRecord) -> Void = { _ in }) -> ToolVerdict {
        var record = Fixture.compliant()
        change(&record)
        return Fixture.verdict(record)
    }

    @Test func compliantWithoutSensitiveUseProceeds() {
        let a = assessor.assess(verdict(), uses: [])
        #expect(a.decision == .proceed)
        #expect(a.reasons.map(\.code.rawValue) == ["tool-compliant", "inform-contact"])
    }

    @Test(arguments: Policy.UseRule.defaults.map(\.use))
    func everySensitiveUseNeedsWrittenApproval(use: String) {
        let a = assessor.assess(verdict(), uses: [use])
        #expect(a.decision == .writtenApprovalRequired)
        #expect(a.reasons.map(\.code.rawValue).contains(use))
    }

    @Test func aCompliantToolIsNoReasonToNeedApproval() {
        // The decision's reasons say why approval is needed: "meets every principle" is not one of them.
        let a = assessor.assess(verdict(), uses: ["final-deliverable"])
        #expect(a.decision == .writtenApprovalRequired)
        #expect(a.reasons.map(\.code.rawValue) == ["final-deliverable"])
    }

    @Test func undeterminedToolNeedsWrittenApproval() {
        let a = assessor.assess(verdict { $0.review = nil }, uses: [])
        #expect(a.decision == .writtenApprovalRequired)
        #expect(a.reasons.first?.code.rawValue == "tool-undetermined")
    }

    @Test func noncompliantToolIsNotPermittedWhateverTheUse() {
        let a = assessor.assess(verdict { $0.terms.training.inputs = .optOut }, uses: ["final-deliverable"])
        #expect(a.decision == .notPermitted)
        #expect(a.reasons.first?.code.rawValue == "tool-noncompliant")
        #expect(a.reasons.first?.message.contains("no-train") == true)
    }

    @Test func policyCanForbidAUse() {
        var policy = Fixture.policy
        policy.assessment.uses = [Policy.UseRule(use: "talent-likeness", decision: .notPermitted, reason: "Never.")]
        let a = Assessor(policy: policy).assess(verdict(), uses: ["talent-likeness"])
        #expect(a.decision == .notPermitted)
        #expect(Assessor(policy: policy).unknownUses(["final-deliverable"]) == ["final-deliverable"])
    }

    @Test func repeatedUsesCountOnce() {
        let a = assessor.assess(verdict(), uses: ["real-events", "real-events"])
        #expect(a.uses == ["real-events"])
        #expect(a.reasons.filter { $0.code.rawValue == "real-events" }.count == 1)
    }
}
