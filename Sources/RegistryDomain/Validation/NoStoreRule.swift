/// no-store: the vendor keeps production inputs and outputs for none of its own purposes, or only for
/// purposes the policy allows and no longer than it allows; public-by-default content, vendor human review
/// and perpetual licences count as storage and reuse.
struct NoStoreRule {
    let rules: Policy.NoStoreRules

    func evaluate(_ record: ToolRecord, _ arrangement: CountedArrangement) -> PrincipleResult {
        let r = record.terms.retention
        let evidence = record.evidence.filter { $0.about == .retention }
        var f = Findings()

        // Inherent to the product or the licence: no arrangement about retention undoes these.
        switch r.publicByDefault {
        case true?: f.add(.fail, "public-by-default", "Content is public by default: other users can see prompts and outputs.")
        case nil: f.add(.unknown, "flag-unknown", "Not known whether content is public by default.")
        case false?: break
        }
        switch r.perpetualLicence {
        case true?: f.add(.fail, "perpetual-licence", "The terms give the vendor a perpetual or irrevocable licence to inputs or outputs.")
        case nil: f.add(.unknown, "flag-unknown", "Not known whether the terms grant the vendor a perpetual licence to content.")
        case false?: break
        }

        if arrangement.counted?.zeroDataRetention == true {
            f.add(.pass, "zero-retention-arrangement",
                  "Zero data retention is approved and enabled for the studio (arrangement \(arrangement.reference)).")
            return f.result(.noStore, evidence: evidence, passNeedsEvidence: false)
        }
        if arrangement.unreferenced { f.add(.unknown, CountedArrangement.unreferencedReason.code, CountedArrangement.unreferencedReason.message) }

        switch r.humanReview {
        case true?: f.add(.fail, "human-review", "The vendor's people may review content for the vendor's own purposes.")
        case nil: f.add(.unknown, "flag-unknown", "Not known whether the vendor's people review content.")
        case false?: break
        }

        guard let uses = r.vendorRetention else {
            f.add(.unknown, "retention-unknown", "Not known whether or for how long the vendor keeps inputs and outputs.")
            return f.result(.noStore, evidence: evidence, passNeedsEvidence: true)
        }
        if uses.isEmpty {
            f.add(.pass, "no-vendor-retention", "The vendor keeps no inputs or outputs for its own purposes.")
        }
        let disallowed = uses.filter { !rules.allowedPurposes.contains($0.purpose) }
        if !disallowed.isEmpty {
            f.add(.fail, "disallowed-purpose",
                  "The vendor keeps content for \(Self.list(disallowed)), which the policy does not allow.")
        }
        for use in uses where rules.allowedPurposes.contains(use.purpose) {
            let purpose = Self.words(use.purpose)
            if rules.exemptFromDayLimit.contains(use.purpose) {
                f.add(.pass, "allowed-retention", "Kept only when \(purpose) requires it, which the policy allows.")
            } else if let days = use.days {
                if days > rules.maxRetentionDays {
                    f.add(.fail, "retention-too-long",
                          "Kept for \(purpose) for up to \(days) days; the policy allows at most \(rules.maxRetentionDays).")
                } else {
                    f.add(.pass, "allowed-retention",
                          "Kept only for \(purpose), for at most \(days) days (policy allows \(rules.maxRetentionDays)).")
                }
            } else {
                f.add(.unknown, "retention-period-unknown", "Kept for \(purpose), for a period that is not known.")
            }
        }
        if r.customerControlledStorage == true, f.status == .pass {
            f.add(.pass, "customer-controlled-storage",
                  "Other content stays in the studio's own workspace under its control; that is not vendor storage.")
        }
        return f.result(.noStore, evidence: evidence, passNeedsEvidence: true)
    }

    static func words(_ p: RetentionPurpose) -> String {
        switch p {
        case .abuseMonitoring: "abuse monitoring"
        case .legalHold: "legal hold"
        case .deletionGrace: "a purge period after the customer deletes it"
        case .serviceOperation: "operating the service"
        case .serviceImprovement: "service improvement"
        case .humanReview: "human review"
        case .training: "model training"
        case .other: "other purposes (see notes)"
        }
    }

    static func list(_ uses: [RetentionUse]) -> String {
        uses.map { u in words(u.purpose) + (u.days.map { " (\($0) days)" } ?? "") }.joined(separator: ", ")
    }
}
