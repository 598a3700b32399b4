/// The answer to "may we use this tool for this?": the tool's verdict and each sensitive use, combined.
public struct Assessment: Sendable, Equatable {
    public var tool: String
    public var decision: Policy.Decision
    public var uses: [String]
    /// Every reason that raised the decision, the tool's own first (for `proceed`: the tool's compliance and
    /// the contact to inform; a positive line is never among the reasons for approval or refusal).
    public var reasons: [Reason]
    public var check: ToolVerdict
    /// The production asked for (`assess --production`), if any.
    public var production: String? = nil
    /// The studio's approval that covers this use, when one does.
    public var approval: Approval? = nil
}

/// Applies the policy's escalation matrix: the most severe of the tool verdict's decision and each use's decision wins.
public struct Assessor: Sendable {
    public let policy: Policy

    public init(policy: Policy) { self.policy = policy }

    /// The use flags the policy knows, in policy order.
    public var knownUses: [String] { policy.assessment.uses.map(\.use) }

    /// Uses in `uses` the policy does not define.
    public func unknownUses(_ uses: [String]) -> [String] { uses.filter { !knownUses.contains($0) } }

    /// The decision for `verdict` under `uses` (all of which must be known uses).
    public func assess(_ verdict: ToolVerdict, uses: [String]) -> Assessment {
        var reasons: [Reason] = []
        var decision = Policy.Decision.proceed
        switch verdict.verdict {
        case .compliant:
            break  // Said only when it is the whole answer (below): it is no reason to need approval.
        case .noncompliant:
            let failing = verdict.principles.filter { $0.required && $0.status == .fail }
            let why = failing.map { "\($0.principle.rawValue): \($0.reasons.first?.message ?? "fails")" }.joined(separator: " ")
            reasons.append(Reason(.toolNoncompliant, "\(verdict.name) is not compliant. \(why)"))
            decision = max(decision, policy.assessment.whenNoncompliant)
        case .undetermined:
            let open = verdict.principles.filter { $0.required && $0.status != .pass }.map(\.principle.rawValue)
            let stale = verdict.reasons.map(\.message)
            let why = (open.isEmpty ? [] : ["Unknown: \(open.joined(separator: ", "))."]) + stale
            reasons.append(Reason(.toolUndetermined, "\(verdict.name) is \(policy.nextStep(for: .undetermined)) \(why.joined(separator: " "))"))
            decision = max(decision, policy.assessment.whenUndetermined)
        }
        if verdict.verdict != .compliant, let conditions = verdict.conditionsSentence {
            reasons.append(Reason(verdict.compliantOnceConditionsMet ? .compliantOnce : .conditionsOffered, conditions))
        }
        var seen = Set<String>()
        for use in uses where seen.insert(use).inserted {
            guard let rule = policy.assessment.uses.first(where: { $0.use == use }) else { continue }
            if rule.decision != .proceed { reasons.append(Reason(.use(use), rule.reason)) }
            decision = max(decision, rule.decision)
        }
        if decision == .proceed {
            if verdict.verdict == .compliant {
                reasons.insert(Reason(.toolCompliant, "\(verdict.name) meets every principle the policy requires."), at: 0)
            }
            reasons.append(Reason(.informContact, "Proceed, and inform your studio contact that you are using \(verdict.name)."))
        }
        return Assessment(tool: verdict.tool, decision: decision, uses: Array(seen).sorted(), reasons: reasons, check: verdict)
    }
}
