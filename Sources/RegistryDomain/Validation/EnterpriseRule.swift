/// enterprise-secured: the tool runs self-hosted or locally, or it offers an enterprise tenant with SSO,
/// a data-processing agreement and at least one certification the policy accepts. The studio's
/// referenced arrangement can stand in for the tenant (enterprise contract) and the DPA (signed DPA).
struct EnterpriseRule {
    let rules: Policy.EnterpriseRules

    func evaluate(_ record: ToolRecord, _ arrangement: CountedArrangement) -> PrincipleResult {
        let e = record.terms.environment
        let evidence = record.evidence.filter { $0.about == .environment }
        var f = Findings()

        if e.deployment == .selfHosted || e.deployment == .local {
            f.add(.pass, "self-hosted",
                  e.deployment == .local ? "Runs on the user's own machine." : "Runs on the studio's own infrastructure.")
            return f.result(.enterpriseSecured, evidence: evidence, passNeedsEvidence: true)
        }

        let contract = arrangement.counted?.enterpriseContract == true
        let signedDPA = arrangement.counted?.dpaSigned == true
        var unmet: [String] = []
        var unknown: [String] = []

        switch (e.enterpriseTenant, contract) {
        case (_, true): f.add(.pass, "enterprise-contract", "The studio has an enterprise contract (arrangement \(arrangement.reference)).")
        case (true?, _): f.add(.pass, "enterprise-tenant", "An enterprise tenant is offered.")
        case (false?, _): unmet.append("no enterprise tenant")
        case (nil, _): unknown.append("whether an enterprise tenant is offered")
        }
        switch e.sso {
        case _ where arrangement.counted?.ssoEnforced == true:
            f.add(.pass, "sso-enforced", "The studio enforces single sign-on (arrangement \(arrangement.reference)).")
        case true?: f.add(.pass, "sso", "Single sign-on is available.")
        case false?: unmet.append("no single sign-on")
        case nil: unknown.append("whether single sign-on is available")
        }
        switch (e.dpa, signedDPA) {
        case (_, true): f.add(.pass, "dpa-signed", "The studio has a signed DPA (arrangement \(arrangement.reference)).")
        case (true?, _): f.add(.pass, "dpa", "A data-processing agreement is offered.")
        case (false?, _): unmet.append("no data-processing agreement")
        case (nil, _): unknown.append("whether a data-processing agreement is offered")
        }
        if let certifications = e.certifications {
            let accepted = certifications.filter(rules.acceptedCertifications.contains)
            let acceptsSOC2 = rules.acceptedCertifications.contains(.soc2Type2) || rules.acceptedCertifications.contains(.soc2Type1)
            if accepted.isEmpty, certifications.contains(.soc2), acceptsSOC2 {
                // "SOC 2" without a type might be the accepted one: ask, do not guess either way.
                unknown.append("which type of SOC 2 report the vendor holds (the source does not say; the policy accepts \(rules.acceptedCertifications.map(\.displayName).joined(separator: ", ")))")
            } else if accepted.isEmpty {
                let held = certifications.isEmpty ? "none" : certifications.map(\.displayName).joined(separator: ", ")
                unmet.append("no certification the policy accepts (holds: \(held); accepts: \(rules.acceptedCertifications.map(\.displayName).joined(separator: ", ")))")
            } else {
                f.add(.pass, "accepted-certification", "Holds \(accepted.map(\.displayName).joined(separator: ", ")).")
            }
        } else {
            unknown.append("which certifications the vendor holds")
        }

        if !unmet.isEmpty {
            if e.deployment == nil {
                // It might still be self-hosted; without knowing the deployment this is not a definite fail.
                f.add(.unknown, "environment-unknown", "Not known where the tool runs, and it lacks \(unmet.joined(separator: "; ")).")
            } else {
                f.add(.fail, "enterprise-controls-missing", "Not an enterprise-secured environment: \(unmet.joined(separator: "; ")).")
            }
        }
        if !unknown.isEmpty {
            f.add(.unknown, "environment-unknown", "Not known: \(unknown.joined(separator: "; ")).")
        }
        if arrangement.unreferenced && f.status != .pass {
            f.add(f.status, CountedArrangement.unreferencedReason.code, CountedArrangement.unreferencedReason.message)
        }
        // SSO and certifications are always public claims, so an enterprise pass always needs a source.
        return f.result(.enterpriseSecured, evidence: evidence, passNeedsEvidence: true)
    }
}
