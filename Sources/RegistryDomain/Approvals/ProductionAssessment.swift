public import RegistryJSON

extension Assessor {
    /// The decision for a use on `production`: a valid written approval turns "written approval required" into
    /// proceed (with its conditions repeated); otherwise the answer says what stands in the way and how to ask.
    /// An approval never lifts "not permitted".
    public func assess(_ verdict: ToolVerdict, uses: [String], production: Production, book: ApprovalBook, record: ToolRecord, today: Day)
        -> Assessment
    {
        var a = assess(verdict, uses: uses)
        a.production = production.id
        let useList = a.uses.isEmpty ? "" : " --use " + a.uses.joined(separator: ",")
        let command = "\(verdict.tool) --production \(production.id)\(useList)"
        switch a.decision {
        case .proceed:
            a.reasons.append(
                Reason(.disclose, "Tell \(production.studioContact) of this use and record it: genai-registry disclose \(command) --by NAME."))
        case .notPermitted:
            break
        case .writtenApprovalRequired:
            let terms = ApprovalCoverage.termsFingerprint(record)
            let asked = book.records(production: production.id, tool: verdict.tool).filter { $0.kind == .approval }
            let judged = asked.map { ($0, ApprovalCoverage.status(of: $0, uses: a.uses, verdict: verdict, terms: terms, today: today)) }
            if let (approval, _) = judged.first(where: { $0.1 == .covered }), let d = approval.decision {
                a.decision = .proceed
                a.approval = approval
                let until = d.until.map { ", valid until \($0)" } ?? ""
                a.reasons = [
                    Reason(
                        .approved,
                        "Approved in writing by \(d.by) on \(d.on) (\(d.reference))\(until) for \(production.title)"
                            + (approval.uses.isEmpty ? "." : ": \(approval.uses.joined(separator: ", "))."))
                ]
                a.reasons += d.conditions.map { Reason(.approvalCondition, "Condition of the approval: \($0)") }
                a.reasons.append(Reason(.informContact, "Proceed under the approval, and keep \(production.studioContact) informed."))
            } else {
                a.reasons += judged.map { Reason(.approval($0.1), ApprovalCoverage.explanation($0.1, $0.0)) }
                if !judged.contains(where: { $0.1 == .pending }) {
                    a.reasons.append(
                        Reason(
                            .requestApproval,
                            "Ask \(production.studioContact) for written approval: genai-registry approval request \(command) --by NAME."))
                }
            }
        }
        return a
    }
}
