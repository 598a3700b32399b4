/// The stable code of a `Reason`, as scripts read it in JSON (docs/reason-codes.md lists every one).
///
/// The codes a principle's rule gives are declared in that rule's file; the ones here are shared by every
/// principle, the verdict, `assess` and the report.
public struct ReasonCode: Sendable, Hashable, Codable, RawRepresentable, CustomStringConvertible {
    /// The code as written in JSON.
    public let rawValue: String

    /// The code written `rawValue` (prefer the named constants).
    public init(rawValue: String) { self.rawValue = rawValue }
    init(_ rawValue: String) { self.rawValue = rawValue }

    /// The code as written in JSON.
    public var description: String { rawValue }

    /// Read as the plain string.
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    /// Written as the plain string.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    /// Every code the tool can give (besides the policy's use flags, see `use(_:)`), each once.
    public static var all: [ReasonCode] {
        var seen = Set<ReasonCode>()
        return (Principles.rules.flatMap(\.reasonCodes) + anyPrinciple + verdict + report + assess + production)
            .filter { seen.insert($0).inserted }
    }

    /// The codes any principle can give.
    public static let anyPrinciple: [ReasonCode] = [.noEvidence, .noFindings, .arrangementUnreferenced, .conflict, .notRequired]
    /// The codes of the verdict itself (its `reasons`).
    public static let verdict: [ReasonCode] = [.neverReviewed, .reviewOverdue, .pastNextReview, .reviewInFuture, .termsChanged]
    /// The codes the procurement report's matrix may name beyond a principle's or the verdict's.
    public static let report: [ReasonCode] = [.compliant, .noncompliant, .undetermined, .invalidRecord]
    /// The codes of `assess` (besides use flags).
    public static let assess: [ReasonCode] = [
        .toolNoncompliant, .toolUndetermined, .toolCompliant, .compliantOnce, .conditionsOffered, .informContact,
    ]
    /// The codes of `assess --production`.
    public static let production: [ReasonCode] = [
        .approved, .approvalCondition, .approvalPending, .approvalDenied, .approvalExpired, .approvalUsesNotCovered,
        .approvalVerdictWorse, .approvalTermsChanged, .requestApproval, .disclose,
    ]

    // Any principle.
    /// The record claims a pass but cites no source on the principle's topic.
    public static let noEvidence = ReasonCode("no-evidence")
    /// Nothing is recorded for the principle.
    public static let noFindings = ReasonCode("no-findings")
    /// An arrangement is claimed without a contract or ticket reference, so it is not counted.
    public static let arrangementUnreferenced = ReasonCode("arrangement-unreferenced")
    /// A verified attestation contradicts the record.
    public static let conflict = ReasonCode("conflict")
    /// The policy does not require the principle.
    public static let notRequired = ReasonCode("not-required")

    // The verdict.
    /// The record has never been reviewed.
    public static let neverReviewed = ReasonCode("never-reviewed")
    /// The review is older than the policy's interval.
    public static let reviewOverdue = ReasonCode("review-overdue")
    /// The record's own `nextReviewBy` has passed.
    public static let pastNextReview = ReasonCode("past-next-review")
    /// The review is dated after the evaluation day.
    public static let reviewInFuture = ReasonCode("review-in-future")
    /// A watched terms page changed since the last review.
    public static let termsChanged = ReasonCode("terms-changed")

    // The report.
    /// Every required principle passes.
    public static let compliant = ReasonCode("compliant")
    /// Noncompliant with no reason of a principle to name (should not occur).
    public static let noncompliant = ReasonCode("noncompliant")
    /// Undetermined with no reason to name (should not occur).
    public static let undetermined = ReasonCode("undetermined")
    /// The record has errors and is not judged (the CSV report's `mainReasonCode`).
    public static let invalidRecord = ReasonCode("invalid-record")

    // assess.
    /// The tool's noncompliant verdict raised the decision.
    public static let toolNoncompliant = ReasonCode("tool-noncompliant")
    /// The tool's undetermined verdict raised the decision.
    public static let toolUndetermined = ReasonCode("tool-undetermined")
    /// Only in a `proceed`: the tool meets every principle the policy requires.
    public static let toolCompliant = ReasonCode("tool-compliant")
    /// The tool would be compliant once the studio meets the conditions named.
    public static let compliantOnce = ReasonCode("compliant-once")
    /// The vendor offers conditions, but meeting them would not be enough on its own.
    public static let conditionsOffered = ReasonCode("conditions-offered")
    /// Proceed, and inform the studio contact.
    public static let informContact = ReasonCode("inform-contact")
    /// A sensitive use the policy names (`final-deliverable`, …): the code is the use flag itself.
    public static func use(_ flag: String) -> ReasonCode { ReasonCode(flag) }

    // assess --production.
    /// A written approval covers the use.
    public static let approved = ReasonCode("approved")
    /// A condition of the approval, repeated.
    public static let approvalCondition = ReasonCode("approval-condition")
    /// A request on record has no decision yet.
    public static let approvalPending = ReasonCode("approval-pending")
    /// The request was denied.
    public static let approvalDenied = ReasonCode("approval-denied")
    /// The approval's last day has passed.
    public static let approvalExpired = ReasonCode("approval-expired")
    /// The approval does not name every use asked about.
    public static let approvalUsesNotCovered = ReasonCode("approval-uses-not-covered")
    /// The approval was given on a better verdict than the tool's now.
    public static let approvalVerdictWorse = ReasonCode("approval-verdict-worse")
    /// The approval was given on terms that have changed since.
    public static let approvalTermsChanged = ReasonCode("approval-terms-changed")
    /// How to ask for written approval.
    public static let requestApproval = ReasonCode("request-approval")
    /// The use may proceed once the studio contact is told and it is recorded.
    public static let disclose = ReasonCode("disclose")

    /// The code that says why an approval on record does not cover a use.
    public static func approval(_ status: ApprovalCoverage.Status) -> ReasonCode {
        switch status {
        case .covered: .approved
        case .pending: .approvalPending
        case .denied: .approvalDenied
        case .expired: .approvalExpired
        case .usesNotCovered: .approvalUsesNotCovered
        case .verdictWorse: .approvalVerdictWorse
        case .termsChanged: .approvalTermsChanged
        }
    }
}
