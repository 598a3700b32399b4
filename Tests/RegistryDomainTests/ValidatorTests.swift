import RegistryJSON
import TestSupport
import Testing

@testable import RegistryDomain

/// A change to a baseline compliant record, and what the principle must then say.
struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let principle: Principle
    let status: PrincipleStatus
    let code: String
    let change: @Sendable (inout ToolRecord) -> Void
    var testDescription: String { name }

    init(_ name: String, _ principle: Principle, _ status: PrincipleStatus, _ code: String, _ change: @escaping @Sendable (inout ToolRecord) -> Void)
    {
        self.name = name
        self.principle = principle
        self.status = status
        self.code = code
        self.change = change
    }
}

@Suite struct ValidatorTests {
    @Test func baselineIsCompliant() {
        let v = Fixture.verdict(Fixture.compliant())
        #expect(v.verdict == .compliant)
        #expect(Principle.allCases.allSatisfy { v.status($0) == .pass })
        #expect(v.reasons.isEmpty)
        #expect(v.review.status == "current")
    }

    static let noStore: [Case] = [
        Case("public by default", .noStore, .fail, "public-by-default") { $0.terms.retention.publicByDefault = true },
        Case("perpetual licence", .noStore, .fail, "perpetual-licence") { $0.terms.retention.perpetualLicence = true },
        Case("human review", .noStore, .fail, "human-review") { $0.terms.retention.humanReview = true },
        Case("public flag unknown", .noStore, .unknown, "flag-unknown") { $0.terms.retention.publicByDefault = nil },
        Case("licence flag unknown", .noStore, .unknown, "flag-unknown") { $0.terms.retention.perpetualLicence = nil },
        Case("human review unknown", .noStore, .unknown, "flag-unknown") { $0.terms.retention.humanReview = nil },
        Case("retention unknown", .noStore, .unknown, "retention-unknown") { $0.terms.retention.vendorRetention = nil },
        Case("keeps nothing", .noStore, .pass, "no-vendor-retention") { $0.terms.retention.vendorRetention = [] },
        Case("abuse monitoring 30 days", .noStore, .pass, "allowed-retention") { _ in },
        Case("abuse monitoring 31 days", .noStore, .fail, "retention-too-long") {
            $0.terms.retention.vendorRetention = [RetentionUse(purpose: .abuseMonitoring, days: 31)]
        },
        Case("abuse monitoring period unknown", .noStore, .unknown, "retention-period-unknown") {
            $0.terms.retention.vendorRetention = [RetentionUse(purpose: .abuseMonitoring, days: nil)]
        },
        Case("legal hold has no day limit", .noStore, .pass, "allowed-retention") {
            $0.terms.retention.vendorRetention = [RetentionUse(purpose: .legalHold, days: nil)]
        },
        Case("service improvement", .noStore, .fail, "disallowed-purpose") {
            $0.terms.retention.vendorRetention = [RetentionUse(purpose: .serviceImprovement, days: 1)]
        },
        Case("a purge within 30 days of the customer's deletion is allowed", .noStore, .pass, "allowed-retention") {
            $0.terms.retention.vendorRetention = [RetentionUse(purpose: .deletionGrace, days: 30)]
        },
        Case("a purge taking longer than the policy allows", .noStore, .fail, "retention-too-long") {
            $0.terms.retention.vendorRetention = [RetentionUse(purpose: .deletionGrace, days: 90)]
        },
        Case("customer-controlled storage noted", .noStore, .pass, "customer-controlled-storage") {
            $0.terms.retention.customerControlledStorage = true
        },
        Case("no evidence about retention", .noStore, .unknown, "no-evidence") { $0.evidence.removeAll { $0.about == .retention } },
        Case("zero retention arrangement beats long logs", .noStore, .pass, "zero-retention-arrangement") {
            $0.terms.retention.vendorRetention = [RetentionUse(purpose: .abuseMonitoring, days: 30), RetentionUse(purpose: .humanReview, days: 90)]
            $0.terms.retention.humanReview = true
            $0.evidence.removeAll { $0.about == .retention }
            $0.arrangement = Arrangement(zeroDataRetention: true, reference: "MSA-1")
        },
        Case("zero retention does not undo public by default", .noStore, .fail, "public-by-default") {
            $0.terms.retention.publicByDefault = true
            $0.arrangement = Arrangement(zeroDataRetention: true, reference: "MSA-1")
        },
        Case("unreferenced arrangement is not counted", .noStore, .fail, "retention-too-long") {
            $0.terms.retention.vendorRetention = [RetentionUse(purpose: .abuseMonitoring, days: 60)]
            $0.arrangement = Arrangement(zeroDataRetention: true, reference: nil)
        },
        Case("unreferenced arrangement is reported", .noStore, .unknown, "arrangement-unreferenced") {
            $0.terms.retention.vendorRetention = [RetentionUse(purpose: .abuseMonitoring, days: nil)]
            $0.arrangement = Arrangement(zeroDataRetention: true, reference: "  ")
        },
    ]

    static let noTrain: [Case] = [
        Case("never", .noTrain, .pass, "no-training") { _ in },
        Case("opt-in", .noTrain, .pass, "opt-in-only") { $0.terms.training = Training(inputs: .optIn, outputs: .optIn) },
        Case("no access", .noTrain, .pass, "no-vendor-access") { $0.terms.training = Training(inputs: .noAccess, outputs: .noAccess) },
        Case("opt-out", .noTrain, .fail, "trains-by-default") { $0.terms.training.inputs = .optOut },
        Case("always on outputs", .noTrain, .fail, "always-trains") { $0.terms.training.outputs = .always },
        Case("outputs unknown", .noTrain, .unknown, "training-unknown") { $0.terms.training.outputs = nil },
        Case("no evidence about training", .noTrain, .unknown, "no-evidence") { $0.evidence.removeAll { $0.about == .training } },
        Case("opt-out exercised by the studio", .noTrain, .pass, "training-opt-out-exercised") {
            $0.terms.training = Training(inputs: .optOut, outputs: .optOut)
            $0.evidence.removeAll { $0.about == .training }
            $0.arrangement = Arrangement(trainingOptOut: true, reference: "TICKET-9")
        },
        Case("opt-out claimed without reference", .noTrain, .fail, "arrangement-unreferenced") {
            $0.terms.training.inputs = .optOut
            $0.arrangement = Arrangement(trainingOptOut: true)
        },
    ]

    static let enterprise: [Case] = [
        Case("tenant, SSO, DPA, SOC 2", .enterpriseSecured, .pass, "accepted-certification") { _ in },
        Case("self-hosted", .enterpriseSecured, .pass, "self-hosted") {
            $0.terms.environment = Environment(deployment: .selfHosted)
        },
        Case("local", .enterpriseSecured, .pass, "self-hosted") { $0.terms.environment = Environment(deployment: .local) },
        Case("no tenant", .enterpriseSecured, .fail, "enterprise-controls-missing") { $0.terms.environment.enterpriseTenant = false },
        Case("no SSO", .enterpriseSecured, .fail, "enterprise-controls-missing") { $0.terms.environment.sso = false },
        Case("no DPA", .enterpriseSecured, .fail, "enterprise-controls-missing") { $0.terms.environment.dpa = false },
        Case("no certification", .enterpriseSecured, .fail, "enterprise-controls-missing") { $0.terms.environment.certifications = [] },
        Case("certification the policy does not accept", .enterpriseSecured, .fail, "enterprise-controls-missing") {
            $0.terms.environment.certifications = [.soc2Type1, .iso42001]
        },
        Case("certifications unknown", .enterpriseSecured, .unknown, "environment-unknown") { $0.terms.environment.certifications = nil },
        Case("SOC 2 of unstated type is neither accepted nor refused", .enterpriseSecured, .unknown, "environment-unknown") {
            $0.terms.environment.certifications = [.soc2]
        },
        Case("SSO unknown", .enterpriseSecured, .unknown, "environment-unknown") { $0.terms.environment.sso = nil },
        Case("deployment unknown and no tenant", .enterpriseSecured, .unknown, "environment-unknown") {
            $0.terms.environment.deployment = nil
            $0.terms.environment.enterpriseTenant = false
        },
        Case("signed DPA stands in for the offer", .enterpriseSecured, .pass, "dpa-signed") {
            $0.terms.environment.dpa = false
            $0.arrangement = Arrangement(dpaSigned: true, reference: "DPA-2026")
        },
        Case("enterprise contract stands in for the tenant", .enterpriseSecured, .pass, "enterprise-contract") {
            $0.terms.environment.enterpriseTenant = nil
            $0.arrangement = Arrangement(enterpriseContract: true, reference: "MSA-7")
        },
        Case("no evidence about the environment", .enterpriseSecured, .unknown, "no-evidence") {
            $0.evidence.removeAll { $0.about == .environment }
        },
    ]

    @Test(arguments: noStore + noTrain + enterprise)
    func principle(_ c: Case) {
        var record = Fixture.compliant()
        c.change(&record)
        let v = Fixture.verdict(record)
        #expect(v.status(c.principle) == c.status, "\(v.result(c.principle)?.reasons ?? [])")
        #expect(v.codes(c.principle).contains(c.code), "codes: \(v.codes(c.principle))")
        // The overall verdict follows from the principle, fail-safe.
        switch c.status {
        case .pass: #expect(v.verdict == .compliant)
        case .fail: #expect(v.verdict == .noncompliant)
        case .unknown: #expect(v.verdict == .undetermined)
        }
        // Evidence shown is the evidence on the principle's topic.
        let topic: EvidenceTopic = c.principle == .noStore ? .retention : c.principle == .noTrain ? .training : .environment
        #expect(v.result(c.principle)?.evidence.allSatisfy { $0.about == topic } == true)
    }

    @Test func everyFieldUnknownIsUndeterminedNeverCompliant() {
        var record = Fixture.compliant()
        record.terms = Terms()
        let v = Fixture.verdict(record)
        #expect(v.verdict == .undetermined)
        #expect(Principle.allCases.allSatisfy { v.status($0) == .unknown })
    }

    @Test func aFailWinsOverUnknown() {
        var record = Fixture.compliant()
        record.terms.training.inputs = .always
        record.terms.environment.sso = nil
        #expect(Fixture.verdict(record).verdict == .noncompliant)
    }

    // MARK: Staleness

    @Test func neverReviewedIsUndetermined() {
        var record = Fixture.compliant()
        record.review = nil
        let v = Fixture.verdict(record)
        #expect(v.verdict == .undetermined)
        #expect(v.reasons.map(\.code.rawValue) == ["never-reviewed"])
        #expect(v.review.status == "missing")
    }

    @Test(arguments: [(179, "current"), (180, "stale"), (400, "stale")])
    func reviewInterval(age: Int, expected: String) {
        var record = Fixture.compliant()
        record.review = Review(by: "T", on: Fixture.today.adding(days: -age))
        let v = Fixture.verdict(record)
        #expect(v.review.status == expected)
        #expect(v.verdict == (expected == "current" ? .compliant : .undetermined))
        #expect(v.reasons.map(\.code.rawValue) == (expected == "current" ? [] : ["review-overdue"]))
    }

    @Test func pastOwnNextReviewDateIsStaleEvenWithinInterval() {
        var record = Fixture.compliant()
        record.review = Review(by: "T", on: Fixture.today.adding(days: -20), nextReviewBy: Fixture.today.adding(days: -1))
        let v = Fixture.verdict(record)
        #expect(v.verdict == .undetermined)
        #expect(v.reasons.map(\.code.rawValue) == ["past-next-review"])
        #expect(v.review.due == Fixture.today.adding(days: -1))
    }

    @Test func reviewDatedInTheFutureIsNotTrusted() {
        var record = Fixture.compliant()
        record.review = Review(by: "T", on: Fixture.today.adding(days: 3))
        #expect(Fixture.verdict(record).reasons.map(\.code.rawValue).contains("review-in-future"))
        #expect(Fixture.verdict(record).verdict == .undetermined)
    }

    @Test func staleButFailingStaysNoncompliant() {
        var record = Fixture.compliant()
        record.review = nil
        record.terms.retention.publicByDefault = true
        #expect(Fixture.verdict(record).verdict == .noncompliant)
    }

    // MARK: Policy switches

    @Test func maxRetentionDaysIsThePolicys() {
        var policy = Fixture.policy
        policy.principles.noStore.maxRetentionDays = 0
        let v = Fixture.verdict(Fixture.compliant(), policy: policy)
        #expect(v.status(.noStore) == .fail)
        #expect(v.codes(.noStore) == ["retention-too-long"])
    }

    @Test func allowedPurposesAreThePolicys() {
        var record = Fixture.compliant()
        record.terms.retention.vendorRetention = [RetentionUse(purpose: .deletionGrace, days: 30)]
        var policy = Fixture.policy
        policy.principles.noStore.allowedPurposes.append(.deletionGrace)
        #expect(Fixture.verdict(record, policy: policy).status(.noStore) == .pass)
        policy.principles.noStore.allowedPurposes = []
        record = Fixture.compliant()
        #expect(Fixture.verdict(record, policy: policy).codes(.noStore) == ["disallowed-purpose"])
    }

    @Test func exemptionFromDayLimitIsThePolicys() {
        var record = Fixture.compliant()
        record.terms.retention.vendorRetention = [RetentionUse(purpose: .legalHold, days: nil)]
        var policy = Fixture.policy
        policy.principles.noStore.exemptFromDayLimit = []
        #expect(Fixture.verdict(record, policy: policy).codes(.noStore) == ["retention-period-unknown"])
    }

    @Test func enterpriseSecuredCanBeOptional() {
        var record = Fixture.compliant()
        record.terms.environment.enterpriseTenant = false
        var policy = Fixture.policy
        policy.principles.enterpriseSecured.required = false
        let v = Fixture.verdict(record, policy: policy)
        #expect(v.status(.enterpriseSecured) == .fail)
        #expect(v.result(.enterpriseSecured)?.required == false)
        #expect(v.codes(.enterpriseSecured).contains("not-required"))
        #expect(v.verdict == .compliant)
    }

    @Test func acceptedCertificationsAreThePolicys() {
        var policy = Fixture.policy
        policy.principles.enterpriseSecured.acceptedCertifications = [.iso27001]
        #expect(Fixture.verdict(Fixture.compliant(), policy: policy).status(.enterpriseSecured) == .fail)
    }

    @Test func reviewIntervalIsThePolicys() {
        var record = Fixture.compliant()
        record.review = Review(by: "T", on: Fixture.today.adding(days: -40))
        var policy = Fixture.policy
        policy.review.intervalDays = 30
        #expect(Fixture.verdict(record, policy: policy).verdict == .undetermined)
        policy.review.intervalDays = 41
        #expect(Fixture.verdict(record, policy: policy).verdict == .compliant)
    }

    // MARK: Context from the refresh job

    @Test func conflictWithAttestationMakesPassUnknown() {
        let context = EvaluationContext(conflicts: [.init(principle: .noTrain, message: "The attestation says opt-out; the record says never.")])
        let v = Fixture.verdict(Fixture.compliant(), context: context)
        #expect(v.status(.noTrain) == .unknown)
        #expect(v.codes(.noTrain).contains("conflict"))
        #expect(v.verdict == .undetermined)
    }

    @Test func changedTermsKeepTheVerdictUndetermined() {
        let v = Fixture.verdict(Fixture.compliant(), context: EvaluationContext(reasons: [Reason(.termsChanged, "Terms changed since review.")]))
        #expect(v.verdict == .undetermined)
    }

    // MARK: Conditions to comply

    static func condition(_ principle: Principle, _ field: ArrangementField) -> Condition {
        Condition(principle: principle, action: "Do \(field.rawValue).", arrangement: field, evidence: [Fixture.evidence(.general)])
    }

    /// A record that keeps content for operating the service until the studio switches it off.
    static var keepsStateUntilSwitchedOff: ToolRecord {
        var record = Fixture.compliant()
        record.terms.retention.vendorRetention = [RetentionUse(purpose: .serviceOperation, days: nil)]
        record.conditions = [condition(.noStore, .zeroDataRetention)]
        return record
    }

    @Test func anOpenConditionIsShownNeverAssumedMet() {
        let v = Fixture.verdict(Self.keepsStateUntilSwitchedOff)
        #expect(v.verdict == .noncompliant)
        #expect(v.compliantOnceConditionsMet)
        #expect(v.openConditions.map(\.condition.arrangement) == [.zeroDataRetention])
        #expect(v.conditionsSentence?.hasPrefix("Compliant once") == true)
    }

    @Test func aConditionRecordedWithAReferenceIsMetAndThePrinciplePasses() {
        var record = Self.keepsStateUntilSwitchedOff
        record.arrangement = Arrangement(zeroDataRetention: true, reference: "MSA-1")
        let v = Fixture.verdict(record)
        #expect(v.verdict == .compliant)
        #expect(v.conditions.map(\.met) == [true])
        #expect(v.openConditions.isEmpty)
        #expect(v.codes(.noStore).contains("zero-retention-arrangement"))
    }

    @Test func aConditionRecordedWithoutAReferenceIsNotMet() {
        var record = Self.keepsStateUntilSwitchedOff
        record.arrangement = Arrangement(zeroDataRetention: true, reference: nil)
        let v = Fixture.verdict(record)
        #expect(v.verdict != .compliant)
        #expect(v.conditions.map(\.met) == [false])
    }

    @Test func conditionsThatCannotMakeItCompliantSaySo() {
        var record = Self.keepsStateUntilSwitchedOff
        record.terms.training = Training(inputs: .always, outputs: .always)
        let v = Fixture.verdict(record)
        #expect(v.verdict == .noncompliant)
        #expect(!v.compliantOnceConditionsMet)
        #expect(v.conditionsSentence?.contains("not enough on its own") == true)
    }

    @Test func aConditionOnAPassingPrincipleIsNotOpen() {
        var record = Fixture.compliant()
        record.conditions = [Self.condition(.noTrain, .trainingOptOut)]
        let v = Fixture.verdict(record)
        #expect(v.verdict == .compliant)
        #expect(v.openConditions.isEmpty)
        #expect(!v.compliantOnceConditionsMet)
    }

    @Test func enforcedSSOStandsInForUnknownSSO() {
        var record = Fixture.compliant()
        record.terms.environment.sso = nil
        record.conditions = [Self.condition(.enterpriseSecured, .ssoEnforced)]
        #expect(Fixture.verdict(record).verdict == .undetermined)
        #expect(Fixture.verdict(record).compliantOnceConditionsMet)
        record.arrangement = Arrangement(ssoEnforced: true, reference: "IT-42")
        let v = Fixture.verdict(record)
        #expect(v.verdict == .compliant)
        #expect(v.codes(.enterpriseSecured).contains("sso-enforced"))
    }

    @Test func assessSaysWhatToArrange() {
        let v = Fixture.verdict(Self.keepsStateUntilSwitchedOff)
        let a = Assessor(policy: Fixture.policy).assess(v, uses: [])
        #expect(a.decision == .notPermitted)
        #expect(a.reasons.contains { $0.code.rawValue == "compliant-once" && $0.message.contains("Do zeroDataRetention") })
    }
}
