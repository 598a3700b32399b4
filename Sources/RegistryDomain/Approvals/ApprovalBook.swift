public import RegistryJSON

/// The productions and their disclosures and approvals, as read and checked: what `lint`, `assess --production`
/// and `review` work from. Folders that do not exist yet simply hold nothing.
public struct ApprovalBook: Sendable {
    public var productions: [String: Production]
    /// Valid approval files, by id order.
    public var approvals: [Approval]
    public var issues: [Issue]

    public init(productions: [String: Production], approvals: [Approval], issues: [Issue]) {
        self.productions = productions
        self.approvals = approvals
        self.issues = issues
    }

    /// The approvals and disclosures of `production` for `tool`, newest request first.
    public func records(production: String, tool: String) -> [Approval] {
        approvals.filter { $0.production == production && $0.tool == tool }
            .sorted { ($0.requested.on, $0.id) > ($1.requested.on, $1.id) }
    }
}
