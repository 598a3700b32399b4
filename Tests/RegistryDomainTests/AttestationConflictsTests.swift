import RegistryDomain
import Testing

/// Recorded terms against attested terms: conflicts per principle, and nulls filled from the attestation.
@Suite struct AttestationConflictsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var record: Terms
        var attested: Terms
        var principles: [Principle]
        var message: String?
        var merged: Terms
        var testDescription: String { name }
    }

    static let recorded = Terms(
        retention: Retention(
            vendorRetention: [RetentionUse(purpose: .abuseMonitoring, days: 30), RetentionUse(purpose: .legalHold, days: nil)],
            publicByDefault: false, humanReview: nil),
        training: Training(inputs: .never, outputs: nil),
        environment: Environment(deployment: .saas, sso: true, certifications: [.soc2Type2, .iso27001]))

    static let cases: [Case] = {
        var cases: [Case] = []
        cases.append(Case(name: "identical", record: recorded, attested: recorded, principles: [], merged: recorded))
        cases.append(Case(name: "attestation silent", record: recorded, attested: Terms(), principles: [], merged: recorded))

        var trainingOptOut = Terms()
        trainingOptOut.training.inputs = .optOut
        cases.append(
            Case(
                name: "training differs", record: recorded, attested: trainingOptOut, principles: [.noTrain],
                message: "training.inputs: the record says never, the signed attestation (version 7) says opt-out", merged: recorded))

        var fills = Terms()
        fills.training.outputs = .never
        fills.retention.humanReview = false
        var filled = recorded
        filled.training.outputs = .never
        filled.retention.humanReview = false
        cases.append(Case(name: "record null, attestation states", record: recorded, attested: fills, principles: [], merged: filled))

        var reordered = Terms()
        reordered.retention.vendorRetention = [RetentionUse(purpose: .legalHold, days: nil), RetentionUse(purpose: .abuseMonitoring, days: 30)]
        reordered.environment.certifications = [.iso27001, .soc2Type2]
        cases.append(Case(name: "same sets in another order", record: recorded, attested: reordered, principles: [], merged: recorded))

        var longer = Terms()
        longer.retention.vendorRetention = [RetentionUse(purpose: .abuseMonitoring, days: 90)]
        cases.append(
            Case(
                name: "retention differs", record: recorded, attested: longer, principles: [.noStore],
                message:
                    "retention.vendorRetention: the record says abuse-monitoring 30 days, legal-hold (no limit stated), the signed attestation (version 7) says abuse-monitoring 90 days",
                merged: recorded))

        var publicOn = Terms()
        publicOn.retention.publicByDefault = true
        cases.append(
            Case(
                name: "boolean differs", record: recorded, attested: publicOn, principles: [.noStore],
                message: "retention.publicByDefault: the record says false, the signed attestation (version 7) says true", merged: recorded))

        var env = Terms()
        env.environment.deployment = .selfHosted
        env.environment.sso = false
        env.environment.certifications = [.soc2Type2]
        cases.append(
            Case(
                name: "environment differs on three fields", record: recorded, attested: env,
                principles: [.enterpriseSecured, .enterpriseSecured, .enterpriseSecured], merged: recorded))
        return cases
    }()

    @Test(arguments: cases)
    func conflictsAndMerge(c: Case) {
        let (merged, conflicts) = AttestationConflicts.between(record: c.record, attested: c.attested, version: 7)
        #expect(conflicts.map(\.principle) == c.principles)
        if let message = c.message { #expect(conflicts.first?.message == message) }
        #expect(merged == c.merged)
    }
}
