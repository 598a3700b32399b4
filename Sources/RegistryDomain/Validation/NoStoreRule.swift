import RegistryJSON

extension Principle {
    /// no-store: no storage or reuse of production content by the vendor.
    public static let noStore = Principle(
        id: "no-store", title: "No storage",
        summary: "the vendor does not store or reuse production inputs or outputs.",
        heading: "No storage or reuse of production content",
        clause: "does not *store* or reuse production inputs and outputs", shortName: "no-store")
}

extension ReasonCode {
    /// Kept for none of the vendor's own purposes.
    public static let noVendorRetention = ReasonCode("no-vendor-retention")
    /// Kept only for purposes the policy allows, within its day limit.
    public static let allowedRetention = ReasonCode("allowed-retention")
    /// Other content stays in the studio's own workspace (a note on a pass).
    public static let customerControlledStorage = ReasonCode("customer-controlled-storage")
    /// Zero data retention is approved and enabled for the studio (referenced arrangement).
    public static let zeroRetentionArrangement = ReasonCode("zero-retention-arrangement")
    /// Content is visible to other users by default.
    public static let publicByDefault = ReasonCode("public-by-default")
    /// The terms grant the vendor a perpetual or irrevocable licence to content.
    public static let perpetualLicence = ReasonCode("perpetual-licence")
    /// The vendor's people may read content for the vendor's own purposes.
    public static let humanReview = ReasonCode("human-review")
    /// Content is kept for a purpose the policy does not allow.
    public static let disallowedPurpose = ReasonCode("disallowed-purpose")
    /// An allowed purpose keeps content longer than the policy allows.
    public static let retentionTooLong = ReasonCode("retention-too-long")
    /// Not known whether or how long the vendor keeps content.
    public static let retentionUnknown = ReasonCode("retention-unknown")
    /// Kept for an allowed purpose, for an unknown period.
    public static let retentionPeriodUnknown = ReasonCode("retention-period-unknown")
    /// Public-by-default, human review or the licence is not known.
    public static let flagUnknown = ReasonCode("flag-unknown")
}

/// no-store: the vendor keeps production inputs and outputs for none of its own purposes, or only for
/// purposes the policy allows and no longer than it allows; public-by-default content, vendor human review
/// and perpetual licences count as storage and reuse.
struct NoStoreRule: PrincipleRule {
    var principle: Principle { .noStore }
    var topic: EvidenceTopic { .retention }
    var reasonCodes: [ReasonCode] {
        [
            .noVendorRetention, .allowedRetention, .customerControlledStorage, .zeroRetentionArrangement, .publicByDefault,
            .perpetualLicence, .humanReview, .disallowedPurpose, .retentionTooLong, .retentionUnknown, .retentionPeriodUnknown, .flagUnknown,
        ]
    }

    var options: [Schema.Field] {
        [
            .init("allowedPurposes", .array(.string(RegistrySchemas.words(RetentionPurpose.self)), unique: true)),
            .init("maxRetentionDays", .integer(0...36_500)),
            .init("exemptFromDayLimit", .array(.string(RegistrySchemas.words(RetentionPurpose.self)), unique: true)),
        ]
    }

    func isRequired(_ principles: Policy.Principles) -> Bool { principles.noStore.required }

    func evaluate(_ record: ToolRecord, _ arrangement: CountedArrangement, _ policy: Policy) -> PrincipleResult {
        let rules = policy.principles.noStore
        let r = record.terms.retention
        let evidence = evidence(record)
        var f = Findings()

        // Inherent to the product or the licence: no arrangement about retention undoes these.
        switch r.publicByDefault {
        case true?: f.add(.fail, .publicByDefault, "Content is public by default: other users can see prompts and outputs.")
        case nil: f.add(.unknown, .flagUnknown, "Not known whether content is public by default.")
        case false?: break
        }
        switch r.perpetualLicence {
        case true?: f.add(.fail, .perpetualLicence, "The terms give the vendor a perpetual or irrevocable licence to inputs or outputs.")
        case nil: f.add(.unknown, .flagUnknown, "Not known whether the terms grant the vendor a perpetual licence to content.")
        case false?: break
        }

        if arrangement.counted?.zeroDataRetention == true {
            f.add(
                .pass, .zeroRetentionArrangement,
                "Zero data retention is approved and enabled for the studio (arrangement \(arrangement.reference)).")
            return f.result(principle, evidence: evidence, passNeedsEvidence: false)
        }
        if arrangement.unreferenced { f.add(.unknown, CountedArrangement.unreferencedReason.code, CountedArrangement.unreferencedReason.message) }

        switch r.humanReview {
        case true?: f.add(.fail, .humanReview, "The vendor's people may review content for the vendor's own purposes.")
        case nil: f.add(.unknown, .flagUnknown, "Not known whether the vendor's people review content.")
        case false?: break
        }

        guard let uses = r.vendorRetention else {
            f.add(.unknown, .retentionUnknown, "Not known whether or for how long the vendor keeps inputs and outputs.")
            return f.result(principle, evidence: evidence, passNeedsEvidence: true)
        }
        if uses.isEmpty {
            f.add(.pass, .noVendorRetention, "The vendor keeps no inputs or outputs for its own purposes.")
        }
        let disallowed = uses.filter { !rules.allowedPurposes.contains($0.purpose) }
        if !disallowed.isEmpty {
            f.add(
                .fail, .disallowedPurpose,
                "The vendor keeps content for \(Self.list(disallowed)), which the policy does not allow.")
        }
        for use in uses where rules.allowedPurposes.contains(use.purpose) {
            let purpose = Self.words(use.purpose)
            if rules.exemptFromDayLimit.contains(use.purpose) {
                f.add(.pass, .allowedRetention, "Kept only when \(purpose) requires it, which the policy allows.")
            } else if let days = use.days {
                if days > rules.maxRetentionDays {
                    f.add(
                        .fail, .retentionTooLong,
                        "Kept for \(purpose) for up to \(days) days; the policy allows at most \(rules.maxRetentionDays).")
                } else {
                    f.add(
                        .pass, .allowedRetention,
                        "Kept only for \(purpose), for at most \(days) days (policy allows \(rules.maxRetentionDays)).")
                }
            } else {
                f.add(.unknown, .retentionPeriodUnknown, "Kept for \(purpose), for a period that is not known.")
            }
        }
        if r.customerControlledStorage == true, f.status == .pass {
            f.add(
                .pass, .customerControlledStorage,
                "Other content stays in the studio's own workspace under its control; that is not vendor storage.")
        }
        return f.result(principle, evidence: evidence, passNeedsEvidence: true)
    }

    func blockingUnknowns(_ terms: Terms, _ arrangement: CountedArrangement, _ policy: Policy) -> [String] {
        let r = terms.retention
        let rules = policy.principles.noStore
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
