import RegistryDomain
import RegistryJSON
import RegistryStorage

/// What the studio contact must look at among the productions' approvals: requests waiting for a decision,
/// approvals about to expire, and approvals given on terms or a verdict that no longer hold.
enum ApprovalReview {
    static func items(_ book: ApprovalBook, judged: [String: (ToolRecord, ToolVerdict)], policy: Policy, today: Day, store: RegistryStore)
        -> [ReviewItem]
    {
        var items: [ReviewItem] = []
        for a in book.approvals where a.kind == .approval {
            let file = store.displayPath(store.approvalPath(a.id))
            let name = judged[a.tool]?.1.name
            let production = book.productions[a.production]?.title ?? a.production
            guard let d = a.decision else {
                items.append(
                    ReviewItem(
                        kind: .approvalPending, tool: a.tool, toolName: name, due: a.requested.on,
                        message: "\(production) asked on \(a.requested.on) for written approval to use \(name ?? a.tool)"
                            + (a.uses.isEmpty ? "." : " for \(a.uses.joined(separator: ", ")).") + " (\(file))",
                        action:
                            "Decide and record it: genai-registry approval record \(a.id) --outcome … --by NAME --reference REF --until YYYY-MM-DD."))
                continue
            }
            guard d.outcome != .denied, let until = d.until, today <= until else { continue }
            if let (record, verdict) = judged[a.tool] {
                let status = ApprovalCoverage.status(
                    of: a, uses: a.uses, verdict: verdict, terms: ApprovalCoverage.termsFingerprint(record), today: today)
                if status == .verdictWorse || status == .termsChanged {
                    items.append(
                        ReviewItem(
                            kind: .approvalVoided, tool: a.tool, toolName: name, due: today,
                            message: ApprovalCoverage.explanation(status, a) + " \(production) is no longer covered (\(file)).",
                            action:
                                "Look at the tool again (`genai-registry check \(a.tool)`); tell \(production) whether it may go on, and record a new approval if so."
                        ))
                    continue
                }
            }
            if until <= today.adding(days: policy.review.dueSoonDays) {
                items.append(
                    ReviewItem(
                        kind: .approvalExpiring, tool: a.tool, toolName: name, due: until,
                        message: "The approval for \(production) to use \(name ?? a.tool) (\(d.reference)) ends on \(until) (\(file)).",
                        action: "If the use goes on, the production requests a new approval before then (`genai-registry approval request`)."))
            }
        }
        return items
    }
}
