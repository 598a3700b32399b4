public import RegistryJSON

/// One thing in procurement's queue: what is wrong with which tool, how urgent, and what to do about it.
public struct ReviewItem: Sendable, Equatable {
    /// What kind of attention a tool needs; the raw value is the stable code `review --format json` prints.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case invalidRecord = "invalid-record"
        case stateUnreadable = "state-unreadable"
        case attestationFailed = "attestation-failed"
        case attestationExpired = "attestation-expired"
        case conflict
        case termsChanged = "terms-changed"
        case verdictChanged = "verdict-changed"
        case neverReviewed = "never-reviewed"
        case reviewOverdue = "review-overdue"
        case refreshFailing = "refresh-failing"
        case attestationExpiring = "attestation-expiring"
        case reviewDueSoon = "review-due-soon"
        case unknownFields = "unknown-fields"
        case conditionsOpen = "conditions-open"
        case approvalVoided = "approval-voided"
        case approvalPending = "approval-pending"
        case approvalExpiring = "approval-expiring"

        /// Lower is more urgent. Broken data and evidence that something changed or contradicts the record
        /// come first (a production may be relying on a verdict that no longer holds); then lapsed reviews;
        /// then what will lapse soon; then the backlog of facts nobody has found yet.
        public var priority: Int {
            switch self {
            case .invalidRecord, .stateUnreadable: 0
            case .attestationFailed, .attestationExpired, .conflict, .termsChanged, .approvalVoided: 1
            case .verdictChanged, .neverReviewed, .reviewOverdue: 2
            case .refreshFailing, .approvalPending: 3
            case .attestationExpiring, .reviewDueSoon, .approvalExpiring: 4
            case .unknownFields, .conditionsOpen: 5
            }
        }

        /// The urgency word shown to people.
        public var urgency: String {
            switch priority {
            case 0, 1: "urgent"
            case 2, 3: "overdue"
            case 4: "soon"
            default: "backlog"
            }
        }
    }

    public var kind: Kind
    /// The tool id (nil for items about the registry as a whole, such as unreadable state).
    public var tool: String?
    public var toolName: String?
    /// The day this became, or becomes, due; orders items of the same kind (earliest first).
    public var due: Day?
    /// What is wrong, in one sentence.
    public var message: String
    /// What procurement should do about it.
    public var action: String
    /// Supporting lines: a diff, the blocking fields, the failures seen.
    public var details: [String]
    /// For `unknown-fields`: the JSON paths of the record that are null and block the verdict.
    public var fields: [String]

    public init(
        kind: Kind, tool: String?, toolName: String? = nil, due: Day? = nil, message: String, action: String,
        details: [String] = [], fields: [String] = []
    ) {
        self.kind = kind
        self.tool = tool
        self.toolName = toolName
        self.due = due
        self.message = message
        self.action = action
        self.details = details
        self.fields = fields
    }

    /// Most urgent first: by kind priority, then the earliest due day, then tool id, then kind.
    public static func urgencyOrder(_ a: ReviewItem, _ b: ReviewItem) -> Bool {
        if a.kind.priority != b.kind.priority { return a.kind.priority < b.kind.priority }
        let da = a.due ?? Day(daysSinceEpoch: Int.max / 2), db = b.due ?? Day(daysSinceEpoch: Int.max / 2)
        if da != db { return da < db }
        if (a.tool ?? "") != (b.tool ?? "") { return (a.tool ?? "") < (b.tool ?? "") }
        return a.kind.rawValue < b.kind.rawValue
    }

    /// The object of `review --format json` for this item.
    public var json: JSONValue {
        .object([
            JSONMember("kind", .string(kind.rawValue)),
            JSONMember("urgency", .string(kind.urgency)),
            JSONMember("tool", tool.map(JSONValue.string) ?? .null),
            JSONMember("name", toolName.map(JSONValue.string) ?? .null),
            JSONMember("due", due.map { .string($0.description) } ?? .null),
            JSONMember("message", .string(message)),
            JSONMember("action", .string(action)),
            JSONMember("fields", .array(fields.map(JSONValue.string))),
            JSONMember("details", .array(details.map(JSONValue.string))),
        ])
    }
}
