import RegistryJSON

extension Principle {
    /// enterprise-secured: an enterprise-secured environment.
    public static let enterpriseSecured = Principle(
        id: "enterprise-secured", title: "Enterprise-secured",
        summary: "it runs in an enterprise-secured environment that protects inputs.",
        heading: "Enterprise-secured environment",
        clause: "runs in an *enterprise-secured* environment", shortName: "enterprise")
}

extension ReasonCode {
    /// Runs self-hosted or locally.
    public static let selfHosted = ReasonCode("self-hosted")
    /// Part of a pass: an enterprise tenant is offered.
    public static let enterpriseTenant = ReasonCode("enterprise-tenant")
    /// Part of a pass: the studio has an enterprise contract (referenced arrangement).
    public static let enterpriseContract = ReasonCode("enterprise-contract")
    /// Part of a pass: single sign-on is offered.
    public static let sso = ReasonCode("sso")
    /// Part of a pass: the studio enforces single sign-on (referenced arrangement).
    public static let ssoEnforced = ReasonCode("sso-enforced")
    /// Part of a pass: a data-processing agreement is offered.
    public static let dpa = ReasonCode("dpa")
    /// Part of a pass: the studio signed a DPA (referenced arrangement).
    public static let dpaSigned = ReasonCode("dpa-signed")
    /// Part of a pass: holds a certification the policy accepts.
    public static let acceptedCertification = ReasonCode("accepted-certification")
    /// Lacks a tenant, SSO, DPA or accepted certification.
    public static let enterpriseControlsMissing = ReasonCode("enterprise-controls-missing")
    /// One of those is not known (including SOC 2 of unstated type).
    public static let environmentUnknown = ReasonCode("environment-unknown")
}

/// enterprise-secured: the tool runs self-hosted or locally, or it offers an enterprise tenant with SSO,
/// a data-processing agreement and at least one certification the policy accepts. The studio's
/// referenced arrangement can stand in for the tenant (enterprise contract) and the DPA (signed DPA).
struct EnterpriseRule: PrincipleRule {
    var principle: Principle { .enterpriseSecured }
    var topic: EvidenceTopic { .environment }
    var reasonCodes: [ReasonCode] {
        [
            .selfHosted, .enterpriseTenant, .enterpriseContract, .sso, .ssoEnforced, .dpa, .dpaSigned, .acceptedCertification,
            .enterpriseControlsMissing, .environmentUnknown,
        ]
    }

    var options: [Schema.Field] {
        [.init("acceptedCertifications", .array(.string(RegistrySchemas.words(Certification.self)), unique: true))]
    }

    func isRequired(_ principles: Policy.Principles) -> Bool { principles.enterpriseSecured.required }

    func evaluate(_ record: ToolRecord, _ arrangement: CountedArrangement, _ policy: Policy) -> PrincipleResult {
        let rules = policy.principles.enterpriseSecured
        let e = record.terms.environment
        let evidence = evidence(record)
        var f = Findings()

        if e.deployment == .selfHosted || e.deployment == .local {
            f.add(
                .pass, .selfHosted,
                e.deployment == .local ? "Runs on the user's own machine." : "Runs on the studio's own infrastructure.")
            return f.result(principle, evidence: evidence, passNeedsEvidence: true)
        }

        let contract = arrangement.counted?.enterpriseContract == true
        let signedDPA = arrangement.counted?.dpaSigned == true
        var unmet: [String] = []
        var unknown: [String] = []

        switch (e.enterpriseTenant, contract) {
        case (_, true): f.add(.pass, .enterpriseContract, "The studio has an enterprise contract (arrangement \(arrangement.reference)).")
        case (true?, _): f.add(.pass, .enterpriseTenant, "An enterprise tenant is offered.")
        case (false?, _): unmet.append("no enterprise tenant")
        case (nil, _): unknown.append("whether an enterprise tenant is offered")
        }
        switch e.sso {
        case _ where arrangement.counted?.ssoEnforced == true:
            f.add(.pass, .ssoEnforced, "The studio enforces single sign-on (arrangement \(arrangement.reference)).")
        case true?: f.add(.pass, .sso, "Single sign-on is available.")
        case false?: unmet.append("no single sign-on")
        case nil: unknown.append("whether single sign-on is available")
        }
        switch (e.dpa, signedDPA) {
        case (_, true): f.add(.pass, .dpaSigned, "The studio has a signed DPA (arrangement \(arrangement.reference)).")
        case (true?, _): f.add(.pass, .dpa, "A data-processing agreement is offered.")
        case (false?, _): unmet.append("no data-processing agreement")
        case (nil, _): unknown.append("whether a data-processing agreement is offered")
        }
        if let certifications = e.certifications {
            let accepted = certifications.filter(rules.acceptedCertifications.contains)
            let acceptsSOC2 = rules.acceptedCertifications.contains(.soc2Type2) || rules.acceptedCertifications.contains(.soc2Type1)
            if accepted.isEmpty, certifications.contains(.soc2), acceptsSOC2 {
                // "SOC 2" without a type might be the accepted one: ask, do not guess either way.
                unknown.append(
                    "which type of SOC 2 report the vendor holds (the source does not say; the policy accepts \(rules.acceptedCertifications.map(\.displayName).joined(separator: ", ")))"
                )
            } else if accepted.isEmpty {
                let held = certifications.isEmpty ? "none" : certifications.map(\.displayName).joined(separator: ", ")
                unmet.append(
                    "no certification the policy accepts (holds: \(held); accepts: \(rules.acceptedCertifications.map(\.displayName).joined(separator: ", ")))"
                )
            } else {
                f.add(.pass, .acceptedCertification, "Holds \(accepted.map(\.displayName).joined(separator: ", ")).")
            }
        } else {
            unknown.append("which certifications the vendor holds")
        }

        if !unmet.isEmpty {
            if e.deployment == nil {
                // It might still be self-hosted; without knowing the deployment this is not a definite fail.
                f.add(.unknown, .environmentUnknown, "Not known where the tool runs, and it lacks \(unmet.joined(separator: "; ")).")
            } else {
                f.add(.fail, .enterpriseControlsMissing, "Not an enterprise-secured environment: \(unmet.joined(separator: "; ")).")
            }
        }
        if !unknown.isEmpty {
            f.add(.unknown, .environmentUnknown, "Not known: \(unknown.joined(separator: "; ")).")
        }
        if arrangement.unreferenced && f.status != .pass {
            f.add(f.status, CountedArrangement.unreferencedReason.code, CountedArrangement.unreferencedReason.message)
        }
        // SSO and certifications are always public claims, so an enterprise pass always needs a source.
        return f.result(principle, evidence: evidence, passNeedsEvidence: true)
    }

    func blockingUnknowns(_ terms: Terms, _ arrangement: CountedArrangement, _ policy: Policy) -> [String] {
        let e = terms.environment
        let base = "$.terms.environment."
        if e.deployment == .selfHosted || e.deployment == .local { return [] }
        var out: [String] = []
        if e.deployment == nil { out.append(base + "deployment") }
        if e.enterpriseTenant == nil && arrangement.counted?.enterpriseContract != true { out.append(base + "enterpriseTenant") }
        if e.sso == nil { out.append(base + "sso") }
        if e.dpa == nil && arrangement.counted?.dpaSigned != true { out.append(base + "dpa") }
        if let certifications = e.certifications {
            if certifications.contains(.soc2) { out.append(base + "certifications (SOC 2 type not stated)") }
        } else {
            out.append(base + "certifications")
        }
        return out
    }
}
