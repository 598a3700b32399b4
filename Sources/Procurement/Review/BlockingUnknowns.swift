import RegistryDomain

/// Which "not known" fields of a record keep a required principle `unknown`, named by JSON path so
/// procurement knows exactly what to find out (and `review` can say it).
enum BlockingUnknowns {
    /// The null fields (and missing evidence) behind each unknown required principle of `verdict`.
    /// `terms` are the terms the verdict judged (the record's, filled in from a verified attestation).
    static func fields(_ record: ToolRecord, terms: Terms, verdict: ToolVerdict, policy: Policy) -> [String] {
        let arrangement = CountedArrangement(record.arrangement)
        var out: [String] = []
        for result in verdict.principles where result.required && result.status == .unknown {
            let codes = Set(result.reasons.map(\.code))
            switch result.principle {
            case .noStore: out += noStore(terms.retention, arrangement, policy.principles.noStore)
            case .noTrain:
                if terms.training.inputs == nil { out.append("$.terms.training.inputs") }
                if terms.training.outputs == nil { out.append("$.terms.training.outputs") }
            case .enterpriseSecured: out += enterprise(terms.environment, arrangement)
            }
            if codes.contains("no-evidence") || codes.contains("no-findings") {
                let topic = result.principle == .noStore ? "retention" : result.principle == .noTrain ? "training" : "environment"
                out.append("$.evidence (no source about \(topic))")
            }
        }
        return out
    }

    private static func noStore(_ r: Retention, _ arrangement: CountedArrangement, _ rules: Policy.NoStoreRules) -> [String] {
        let base = "$.terms.retention."
        var out: [String] = []
        if r.publicByDefault == nil { out.append(base + "publicByDefault") }
        if r.perpetualLicence == nil { out.append(base + "perpetualLicence") }
        // Zero retention for the studio makes the rest irrelevant.
        if arrangement.counted?.zeroDataRetention == true { return out }
        if r.humanReview == nil { out.append(base + "humanReview") }
        if let uses = r.vendorRetention {
            for (i, use) in uses.enumerated()
            where use.days == nil && rules.allowedPurposes.contains(use.purpose) && !rules.exemptFromDayLimit.contains(use.purpose) {
                out.append(base + "vendorRetention[\(i)].days")
            }
        } else {
            out.append(base + "vendorRetention")
        }
        return out
    }

    private static func enterprise(_ e: Environment, _ arrangement: CountedArrangement) -> [String] {
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
