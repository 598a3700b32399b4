import Crypto
public import RegistryJSON

/// Whether a recorded approval still covers a use of a tool today, and if not, why.
///
/// Fail-safe: an approval covers only what it names (the production, the tool, every use asked about), only
/// until its last day, and only while the tool is as it was judged — the same recorded terms and a verdict no
/// worse, with no terms page changed since. Anything else sends the production back to the studio contact.
public enum ApprovalCoverage {
    public enum Status: String, Sendable, Equatable {
        case covered
        case pending
        case denied
        case expired
        case usesNotCovered = "uses-not-covered"
        case verdictWorse = "verdict-worse"
        case termsChanged = "terms-changed"
    }

    /// The status of `approval` for `uses` of its tool, judged now as `verdict` with terms fingerprint `terms`.
    public static func status(of approval: Approval, uses: [String], verdict: ToolVerdict, terms: String, today: Day) -> Status {
        guard approval.kind == .approval, let decision = approval.decision else { return .pending }
        guard decision.outcome != .denied else { return .denied }
        guard let until = decision.until, today <= until else { return .expired }
        guard Set(uses).isSubset(of: approval.uses) else { return .usesNotCovered }
        if rank(verdict.verdict) > rank(approval.judged.verdict) { return .verdictWorse }
        if terms != approval.judged.termsSHA256 || verdict.reasons.contains(where: { $0.code == .termsChanged }) { return .termsChanged }
        return .covered
    }

    /// Compliant is best, noncompliant worst.
    static func rank(_ v: OverallVerdict) -> Int {
        switch v {
        case .compliant: 0
        case .undetermined: 1
        case .noncompliant: 2
        }
    }

    /// SHA-256 of what the approval rests on in the record: its terms, conditions and arrangement, in canonical JSON.
    public static func termsFingerprint(_ record: ToolRecord) -> String {
        let value = RecordCodec.jsonValue(record, schema: RegistrySchemas.tool)
        let parts = ["terms", "conditions", "arrangement"].map { value[$0] ?? .null }
        return Hex.string(SHA256.hash(data: Array(JSONWriter.compact(.array(parts)).utf8)))
    }

    /// Why `status` leaves a use without approval, in words for the production.
    public static func explanation(_ status: Status, _ a: Approval) -> String {
        let ref = a.decision.map { " (\($0.reference))" } ?? ""
        switch status {
        case .covered: return "Approval \(a.id)\(ref) covers it."
        case .pending: return "Request \(a.id) of \(a.requested.on) is waiting for the studio's decision."
        case .denied: return "The studio denied request \(a.id)\(ref) on \(a.decision?.on.description ?? "?")."
        case .expired: return "Approval \(a.id)\(ref) expired on \(a.decision?.until?.description ?? "?")."
        case .usesNotCovered: return "Approval \(a.id)\(ref) covers \(a.uses.isEmpty ? "no sensitive use" : a.uses.joined(separator: ", ")) only."
        case .verdictWorse:
            return
                "Approval \(a.id)\(ref) was given when the tool was \(a.judged.verdict.rawValue); it is worse now, so the approval needs a second look."
        case .termsChanged:
            return "Approval \(a.id)\(ref) was given on the terms recorded then; they have changed, so the approval needs a second look."
        }
    }
}
