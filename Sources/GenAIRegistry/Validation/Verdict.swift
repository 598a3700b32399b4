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
    public var code: String
    public var message: String

    public init(_ code: String, _ message: String) {
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
    /// Principles in the fixed order no-store, no-train, enterprise-secured.
    public var principles: [PrincipleResult]
    /// Reasons for the overall verdict beyond the principles (stale review, conflicts…).
    public var reasons: [Reason]
    public var attestation: AttestationSummary
    public var review: ReviewSummary
    public var alternatives: [String]
    public var asOf: Day
    public var policyVersion: String
    public var notes: String?

    /// The result for one principle.
    public func result(_ principle: Principle) -> PrincipleResult? { principles.first { $0.principle == principle } }
}
