public import RegistryJSON

/// Turns a record, the policy and (when present) a verified attestation into a verdict per principle.
///
/// Fail-safe by construction: a principle passes only on a positive finding backed by evidence (or by
/// the studio's referenced arrangement); anything not known is `unknown`; a stale review or a conflict
/// makes the verdict `undetermined` at best. Nothing here has a default that approves.
public struct Validator: Sendable {
    public let policy: Policy
    /// The day the verdict is for (today, or `--as-of`).
    public let today: Day
    /// The principles judged, in order: the registered ones, unless a test brings its own.
    package let rules: [any PrincipleRule]

    public init(policy: Policy, today: Day) {
        self.init(policy: policy, today: today, rules: Principles.rules)
    }

    /// A validator that judges `rules` instead of the registered principles.
    package init(policy: Policy, today: Day, rules: [any PrincipleRule]) {
        self.policy = policy
        self.today = today
        self.rules = rules
    }

    /// The verdict for `record`; `context` carries what was fetched about it (attestation, changed terms).
    public func evaluate(_ original: ToolRecord, vendor: VendorRecord? = nil, context: EvaluationContext = .init()) -> ToolVerdict {
        var record = original
        // A verified attestation fills what the record leaves unknown, and cites itself as evidence.
        if let terms = context.terms { record.terms = terms }
        record.evidence += context.evidence
        let arrangement = CountedArrangement(record.arrangement)
        var results = rules.map { $0.evaluate(record, arrangement, policy) }
        for (i, rule) in zip(results.indices, rules) {
            results[i].required = rule.isRequired(policy.principles)
            for conflict in context.conflicts where conflict.principle == results[i].principle {
                // A verified attestation that disagrees with the record leaves the principle open, whichever side is right.
                if results[i].status == .pass { results[i].status = .unknown }
                if results[i].status != .fail || results[i].reasons.allSatisfy({ $0.code != .conflict }) {
                    results[i].reasons.append(Reason(.conflict, conflict.message))
                }
            }
            if !results[i].required {
                results[i].reasons.append(Reason(.notRequired, "The policy does not require this principle; it does not affect the verdict."))
            }
        }

        var reasons: [Reason] = []
        let review = reviewSummary(record.review, reasons: &reasons)
        reasons += context.reasons

        let conditions = record.conditions.map { c in
            ConditionStatus(
                condition: c, met: arrangement.counted?.records(c.arrangement) == true,
                principleStatus: results.first { $0.principle == c.principle }?.status ?? .unknown)
        }
        let verdict = Self.overall(results, reasons: reasons)
        var answer = ToolVerdict(
            tool: record.id, name: record.name, vendor: record.vendor, vendorName: vendor?.name, tier: record.tier,
            categories: record.categories, verdict: verdict, principles: results, reasons: reasons,
            attestation: context.attestation ?? AttestationSummary(status: record.attestationURL == nil ? "none" : "not-fetched"),
            review: review, alternatives: [], asOf: today, policyVersion: policy.version, notes: record.notes,
            conditions: conditions)
        answer.compliantOnceConditionsMet = verdict != .compliant && compliantOnce(original, context: context, conditions: conditions)
        return answer
    }

    /// The overall verdict from the principles and the reasons beyond them.
    private static func overall(_ results: [PrincipleResult], reasons: [Reason]) -> OverallVerdict {
        let required = results.filter(\.required)
        if required.contains(where: { $0.status == .fail }) { return .noncompliant }
        if required.contains(where: { $0.status == .unknown }) || !reasons.isEmpty { return .undetermined }
        return .compliant
    }

    /// Whether meeting every open condition on a principle that does not pass yet would make the tool compliant:
    /// the record judged again as if its arrangement recorded them, under a placeholder reference.
    private func compliantOnce(_ record: ToolRecord, context: EvaluationContext, conditions: [ConditionStatus]) -> Bool {
        let open = conditions.filter(\.isOpen)
        guard !open.isEmpty else { return false }
        var arranged = record
        var arrangement = CountedArrangement(record.arrangement).counted ?? Arrangement(reference: "conditions")
        for c in open { arrangement.record(c.condition.arrangement) }
        arranged.arrangement = arrangement
        arranged.conditions = []
        return evaluate(arranged, context: context).verdict == .compliant
    }

    /// Staleness: never reviewed, past the policy interval, or past the record's own next-review date.
    private func reviewSummary(_ review: Review?, reasons: inout [Reason]) -> ReviewSummary {
        guard let review else {
            reasons.append(Reason(.neverReviewed, "The record has never been reviewed by procurement."))
            return ReviewSummary(status: "missing")
        }
        let byInterval = review.on.adding(days: policy.review.intervalDays)
        let due = min(byInterval, review.nextReviewBy ?? byInterval)
        var stale = false
        if review.on > today {
            reasons.append(Reason(.reviewInFuture, "The review is dated \(review.on), after \(today); fix the date."))
            stale = true
        }
        if today >= byInterval {
            reasons.append(
                Reason(
                    .reviewOverdue,
                    "Last reviewed \(review.on), more than the policy's \(policy.review.intervalDays) days ago (due \(byInterval))."))
            stale = true
        }
        if let next = review.nextReviewBy, today > next {
            reasons.append(Reason(.pastNextReview, "The record was due for review by \(next)."))
            stale = true
        }
        return ReviewSummary(status: stale ? "stale" : "current", by: review.by, on: review.on, due: due)
    }
}

/// What the refresh job knows about a tool beyond its record.
public struct EvaluationContext: Sendable {
    public var attestation: AttestationSummary?
    /// The terms to judge: the record's, with nulls filled from a verified attestation (nil = the record's own).
    public var terms: Terms?
    /// Evidence beyond the record's (the verified attestation).
    public var evidence: [Evidence] = []
    /// Principles where a verified attestation contradicts the record.
    public var conflicts: [Conflict]
    /// Further reasons that keep the verdict from `compliant` (e.g. terms changed since review).
    public var reasons: [Reason]

    public init(attestation: AttestationSummary? = nil, conflicts: [Conflict] = [], reasons: [Reason] = []) {
        self.attestation = attestation
        self.conflicts = conflicts
        self.reasons = reasons
    }

    /// A disagreement between the recorded terms and a verified attestation.
    public struct Conflict: Sendable, Equatable {
        public var principle: Principle
        public var message: String
        public init(principle: Principle, message: String) {
            self.principle = principle
            self.message = message
        }
    }
}

/// The arrangement as the rules may use it: only when it carries a reference.
package struct CountedArrangement {
    package let counted: Arrangement?
    package let unreferenced: Bool

    package init(_ arrangement: Arrangement?) {
        if let arrangement, let reference = arrangement.reference, !reference.allSatisfy(\.isWhitespace) {
            counted = arrangement
            unreferenced = false
        } else {
            counted = nil
            unreferenced = arrangement.map { a in ArrangementField.allCases.contains(where: a.records) } ?? false
        }
    }

    package var reference: String { counted?.reference ?? "" }

    static let unreferencedReason = Reason(
        .arrangementUnreferenced,
        "The record claims an arrangement with the vendor but gives no contract or ticket reference, so it is not counted.")
}

/// Combines findings: the worst status decides, and its findings are the reasons shown.
struct Findings {
    private(set) var items: [(PrincipleStatus, Reason)] = []

    mutating func add(_ status: PrincipleStatus, _ code: ReasonCode, _ message: String) { items.append((status, Reason(code, message))) }

    var status: PrincipleStatus { items.map(\.0).max() ?? .unknown }

    /// The result, requiring evidence on `topic` before anything may pass.
    func result(_ principle: Principle, evidence: [Evidence], passNeedsEvidence: Bool) -> PrincipleResult {
        var status = self.status
        var reasons: [Reason] = []
        for (s, reason) in items where s == status && !reasons.contains(reason) { reasons.append(reason) }
        if status == .pass && passNeedsEvidence && evidence.isEmpty {
            status = .unknown
            reasons = [Reason(.noEvidence, "The record claims this but cites no source for it; add evidence before it can pass.")] + reasons
        }
        if items.isEmpty { reasons = [Reason(.noFindings, "Nothing is recorded for this principle.")] }
        return PrincipleResult(principle: principle, status: status, required: true, reasons: reasons, evidence: evidence)
    }
}
