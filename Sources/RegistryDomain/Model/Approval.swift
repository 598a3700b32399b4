public import RegistryJSON

/// A production's disclosure of a use of a tool, or its request for written approval and the studio's decision
/// (`Registry/approvals/ID.json`, one file each, reviewed in pull requests like every record).
public struct Approval: Sendable, Codable, Equatable {
    public var id: String
    public var kind: Kind
    public var production: String
    public var tool: String
    /// The use flags (policy.json's `assessment.uses`) the disclosure or approval is for.
    public var uses: [String]
    /// How the tool stood when it was judged for this request: what a later answer compares against.
    public var judged: Judged
    public var requested: Requested
    /// The studio's decision; nil for a disclosure and for a request still waiting.
    public var decision: Decision?
    public var notes: String?

    public init(
        id: String, kind: Kind, production: String, tool: String, uses: [String], judged: Judged, requested: Requested,
        decision: Decision? = nil, notes: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.production = production
        self.tool = tool
        self.uses = uses
        self.judged = judged
        self.requested = requested
        self.decision = decision
        self.notes = notes
    }

    /// A disclosure (the studio contact is told of a use that may proceed) or a request for written approval.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case disclosure, approval
    }

    /// The tool's verdict and the fingerprint of its recorded terms when the request was made.
    public struct Judged: Sendable, Codable, Equatable {
        public var verdict: OverallVerdict
        /// SHA-256 of the record's terms, conditions and arrangement in canonical JSON: any change to them shows.
        public var termsSHA256: String
        public var policyVersion: String
        public var on: Day

        public init(verdict: OverallVerdict, termsSHA256: String, policyVersion: String, on: Day) {
            self.verdict = verdict
            self.termsSHA256 = termsSHA256
            self.policyVersion = policyVersion
            self.on = on
        }
    }

    /// Who on the production made the disclosure or request, and when.
    public struct Requested: Sendable, Codable, Equatable {
        public var by: String
        public var on: Day

        public init(by: String, on: Day) {
            self.by = by
            self.on = on
        }
    }

    /// What the studio decided, by whom, until when, and the reference of the written approval.
    public struct Decision: Sendable, Codable, Equatable {
        public var outcome: Outcome
        /// What the production must do or avoid (required for `approved-with-conditions`).
        public var conditions: [String]
        public var by: String
        public var on: Day
        /// The last day the approval covers; nil only for a denial.
        public var until: Day?
        /// The written approval: e-mail, ticket or memo reference.
        public var reference: String

        public init(outcome: Outcome, conditions: [String] = [], by: String, on: Day, until: Day?, reference: String) {
            self.outcome = outcome
            self.conditions = conditions
            self.by = by
            self.on = on
            self.until = until
            self.reference = reference
        }
    }

    /// The studio's decision on a request.
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case approved
        case approvedWithConditions = "approved-with-conditions"
        case denied
    }
}
