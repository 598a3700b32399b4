public import RegistryJSON

/// The outcome of one principle.
public enum PrincipleStatus: String, Sendable, Codable, Comparable {
    case pass, unknown, fail

    private var rank: Int {
        switch self {
        case .pass: 0
        case .unknown: 1
        case .fail: 2
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// The tool's overall verdict under the policy.
public enum OverallVerdict: String, Sendable, Codable, CaseIterable {
    /// Every required principle passes, and the record is current.
    case compliant
    /// At least one required principle fails.
    case noncompliant
    /// Nothing fails, but something is unknown, stale or in conflict: procurement must look.
    case undetermined
}

/// Why a principle or verdict came out as it did: a stable code for machines, a sentence for people.
public struct Reason: Sendable, Equatable, Codable {
    public var code: ReasonCode
    public var message: String

    public init(_ code: ReasonCode, _ message: String) {
        self.code = code
        self.message = message
    }
}

/// One principle's status, with its reasons and the evidence it rests on.
public struct PrincipleResult: Sendable, Equatable {
    public var principle: Principle
    public var status: PrincipleStatus
    /// Whether the policy requires this principle for a compliant verdict.
    public var required: Bool
    public var reasons: [Reason]
    public var evidence: [Evidence]
}

/// The state of the tool's vendor attestation as far as the verdict is concerned.
public struct AttestationSummary: Sendable, Equatable {
    /// `none` (vendor publishes none), `not-fetched`, `verified`, or a failure code (`bad-signature`, `expired`, …).
    public var status: String
    public var version: Int?
    public var expires: Timestamp?
    public var message: String?

    public init(status: String, version: Int? = nil, expires: Timestamp? = nil, message: String? = nil) {
        self.status = status
        self.version = version
        self.expires = expires
        self.message = message
    }
}

/// Where the record's review stands.
public struct ReviewSummary: Sendable, Equatable {
    /// `current`, `stale` or `missing`.
    public var status: String
    public var by: String?
    public var on: Day?
    /// The day the review falls due: the earlier of `nextReviewBy` and the policy interval.
    public var due: Day?
}

/// Everything `check` answers about one tool.
public struct ToolVerdict: Sendable, Equatable {
    public var tool: String
    public var name: String
    public var vendor: String
    public var vendorName: String?
    public var tier: String?
    public var categories: [ToolCategory]
    public var verdict: OverallVerdict
    /// Principles in the fixed order of `Principle.allCases`.
    public var principles: [PrincipleResult]
    /// Reasons for the overall verdict beyond the principles (stale review, conflicts…).
    public var reasons: [Reason]
    public var attestation: AttestationSummary
    public var review: ReviewSummary
    /// Compliant tools doing the same main kind of work, best first.
    public var alternatives: [String]
    /// Tools doing the same main kind of work that would be compliant once their conditions are met.
    public var alternativesOnceConditionsMet: [String] = []
    public var asOf: Day
    public var policyVersion: String
    public var notes: String?
    /// What the studio can do to make a principle pass, each marked met or not (record order).
    public var conditions: [ConditionStatus] = []
    /// Whether the tool, not compliant now, would be compliant once every open condition is met.
    public var compliantOnceConditionsMet = false

    /// The conditions not met yet on principles that do not pass: what the studio still has to do.
    public var openConditions: [ConditionStatus] { conditions.filter(\.isOpen) }

    /// The open conditions in one sentence for people ("Compliant once: …"), or nil when there are none.
    public var conditionsSentence: String? {
        let open = openConditions
        guard !open.isEmpty else { return nil }
        let actions = open.map { "\($0.condition.action.trimmedFinalPeriod) (\($0.condition.principle.rawValue))" }.joined(separator: "; ")
        return compliantOnceConditionsMet
            ? "Compliant once the studio has done this and recorded it: \(actions)."
            : "The vendor offers this, but it is not enough on its own for compliance: \(actions)."
    }

    /// The result for one principle.
    public func result(_ principle: Principle) -> PrincipleResult? { principles.first { $0.principle == principle } }
}

/// A record's condition as it stands for the studio.
public struct ConditionStatus: Sendable, Equatable {
    public var condition: Condition
    /// The studio's referenced arrangement records it as done.
    public var met: Bool
    /// The status of the principle it settles, as judged now.
    public var principleStatus: PrincipleStatus

    /// Not met, and its principle does not pass yet.
    public var isOpen: Bool { !met && principleStatus != .pass }
}

extension String {
    /// The text without one trailing full stop, to join sentences into a list.
    var trimmedFinalPeriod: String { hasSuffix(".") ? String(dropLast()) : self }
}
