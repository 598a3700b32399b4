public import RegistryDomain

/// The request for written approval as a production sends it (e-mail or ticket): everything the studio
/// contact needs to decide, and the command that records the decision.
public enum ApprovalRequestText {
    /// The request in Markdown.
    public static func markdown(_ a: Assessment, approval: Approval, production: Production, policy: Policy) -> String {
        let v = a.check
        func md(_ s: String) -> String { ReportEscaping.markdown(s) }
        var out = ["# Request for written approval: \(md(v.name)) on \(md(production.title))", ""]
        out.append("- **Request**: `approvals/\(approval.id).json`, by \(md(approval.requested.by)) on \(approval.requested.on)")
        out.append("- **Production**: \(md(production.title)) (`\(production.id)`); studio contact: \(md(production.studioContact))")
        let vendor = v.vendorName ?? v.vendor
        out.append("- **Tool**: \(md(v.name)) (`\(v.tool)`) by \(md(vendor))" + (v.tier.map { ", tier: \(md($0))" } ?? ""))
        out.append("- **Verdict**: \(v.verdict.rawValue), as of \(v.asOf) under policy version \(md(v.policyVersion))")
        out.append("")
        out.append("## Why written approval is needed")
        out.append("")
        for reason in a.reasons where reason.code != .requestApproval && reason.code != .informContact {
            out.append("- \(md(reason.message))")
        }
        out.append("")
        out.append("## The tool against the studio's principles")
        out.append("")
        for p in v.principles {
            out.append("- **\(p.principle.rawValue)**: \(p.status.rawValue) — " + p.reasons.map { md($0.message) }.joined(separator: " "))
            var seen = Set<String>()
            for e in p.evidence where seen.insert(e.url).inserted {
                out.append(
                    "  - source (\(e.source.rawValue), retrieved \(e.retrieved)): <\(e.url.filter { $0 != "<" && $0 != ">" })> — \(md(e.summary))")
            }
        }
        for reason in v.reasons { out.append("- ⚠️ \(md(reason.message))") }
        out.append("")
        if !v.openConditions.isEmpty {
            out.append("## Conditions to comply")
            out.append("")
            if let sentence = v.conditionsSentence { out.append(md(sentence)) }
            out.append("")
            for c in v.openConditions {
                out.append("- \(md(c.condition.action)) [\(c.condition.principle.rawValue)]")
                for e in c.condition.evidence { out.append("  - source: <\(e.url.filter { $0 != "<" && $0 != ">" })>") }
            }
            out.append("")
        }
        out.append("## Alternatives")
        out.append("")
        out.append(
            v.alternatives.isEmpty
                ? "- No compliant tool in the registry does the same main work."
                : "- Compliant: " + v.alternatives.map { "`\($0)`" }.joined(separator: ", "))
        if !v.alternativesOnceConditionsMet.isEmpty {
            out.append("- Compliant once their conditions are met: " + v.alternativesOnceConditionsMet.map { "`\($0)`" }.joined(separator: ", "))
        }
        out.append("")
        out.append("## Recording the decision")
        out.append("")
        out.append("The studio contact records the decision in the registry (the pull request is its review):")
        out.append("")
        out.append("```sh")
        out.append("genai-registry approval record \(approval.id) --outcome approved --by NAME --reference REF --until YYYY-MM-DD")
        out.append(
            "genai-registry approval record \(approval.id) --outcome approved-with-conditions --condition \"…\" --by NAME --reference REF --until YYYY-MM-DD"
        )
        out.append("genai-registry approval record \(approval.id) --outcome denied --by NAME --reference REF")
        out.append("```")
        return out.joined(separator: "\n") + "\n"
    }

    /// The notice a production sends its studio contact when it discloses a use that may proceed.
    public static func disclosure(_ a: Assessment, approval: Approval, production: Production) -> String {
        let v = a.check
        let uses = approval.uses.isEmpty ? "no sensitive use" : approval.uses.joined(separator: ", ")
        return """
            To: \(production.studioContact)
            Subject: Generative-AI use on \(production.title): \(v.name)

            \(production.title) intends to use \(v.name) (\(v.tool), \(v.vendorName ?? v.vendor)) — uses: \(uses).
            The registry finds it \(v.verdict.rawValue) as of \(v.asOf) (policy version \(v.policyVersion)); decision: \(a.decision.rawValue).
            Recorded as approvals/\(approval.id).json by \(approval.requested.by) on \(approval.requested.on).

            """
    }
}
