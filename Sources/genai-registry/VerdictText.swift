import CommandLineSupport
import RegistryDomain

/// How verdicts read for people on a terminal.
enum VerdictText {
    /// The verdict and the next step, in the words `assess` uses too (`Policy.nextStep`).
    static func headline(_ verdict: OverallVerdict, policy: Policy) -> String {
        let word =
            switch verdict {
            case .compliant: Console.styled("COMPLIANT", .bold, .green)
            case .noncompliant: Console.styled("NOT COMPLIANT", .bold, .red)
            case .undetermined: Console.styled("UNDETERMINED", .bold, .yellow)
            }
        return word + " — " + policy.nextStep(for: verdict)
    }

    static func status(_ status: PrincipleStatus) -> String {
        let padded = status.rawValue.padding(8)
        switch status {
        case .pass: return Console.styled(padded, .green)
        case .fail: return Console.styled(padded, .red)
        case .unknown: return Console.styled(padded, .yellow)
        }
    }

    static func verdictWord(_ verdict: OverallVerdict) -> String {
        let word = verdict.rawValue
        switch verdict {
        case .compliant: return Console.styled(word, .green)
        case .noncompliant: return Console.styled(word, .red)
        case .undetermined: return Console.styled(word, .yellow)
        }
    }

    /// The full `check` answer for one tool.
    static func render(_ v: ToolVerdict, policy: Policy) -> [String] {
        var lines: [String] = []
        let context = [v.tool, v.vendorName ?? v.vendor, v.tier].compactMap { $0 }.joined(separator: " · ")
        lines.append(Console.styled(v.name, .bold) + "  " + Console.styled("(\(context))", .dim))
        lines.append(headline(v.verdict, policy: policy))
        lines += conditionLines(v)
        lines.append("")
        for p in v.principles {
            let label = "  " + p.principle.rawValue.padding(20) + status(p.status) + " "
            let indent = String(repeating: " ", count: 31)
            for (i, reason) in p.reasons.enumerated() {
                let wrapped = wrap(reason.message, width: 70)
                for (j, line) in wrapped.enumerated() {
                    lines.append((i == 0 && j == 0 ? label : indent) + line)
                }
            }
            var shown = Set<String>()
            for e in p.evidence where shown.insert(e.url).inserted {
                lines.append(indent + Console.styled("source: \(e.url) (\(e.source.rawValue), \(e.published), retrieved \(e.retrieved))", .dim))
            }
        }
        lines.append("")
        for reason in v.reasons {
            lines.append("  " + Console.styled("!", .yellow) + " " + reason.message)
        }
        lines.append("  " + "Review".padding(13) + reviewLine(v.review))
        lines.append("  " + "Attestation".padding(13) + attestationLine(v.attestation))
        lines.append("  " + "Policy".padding(13) + "version \(v.policyVersion), evaluated as of \(v.asOf)")
        lines += alternativeLines(v).map { "  " + $0 }
        if let notes = v.notes {
            for (i, line) in wrap(notes, width: 90).enumerated() {
                lines.append("  " + (i == 0 ? "Notes".padding(13) : String(repeating: " ", count: 13)) + Console.styled(line, .dim))
            }
        }
        return lines
    }

    /// The alternatives to a tool that is not compliant: compliant ones, then those compliant once conditions are met.
    static func alternativeLines(_ v: ToolVerdict) -> [String] {
        guard v.verdict != .compliant else { return [] }
        let work = v.categories.first.map { "\($0.rawValue) work" } ?? "the same work"
        var lines = [
            "Alternatives".padding(13)
                + (v.alternatives.isEmpty ? "no compliant tool in the registry does \(work)" : v.alternatives.joined(separator: ", "))
        ]
        if !v.alternativesOnceConditionsMet.isEmpty {
            lines.append(
                String(repeating: " ", count: 13) + "compliant once their conditions are met: "
                    + v.alternativesOnceConditionsMet.joined(separator: ", "))
        }
        return lines
    }

    /// "Compliant once: …" with each open condition, its principle and its source.
    static func conditionLines(_ v: ToolVerdict) -> [String] {
        let open = v.openConditions
        guard v.verdict != .compliant, !open.isEmpty else { return [] }
        var lines = [
            v.compliantOnceConditionsMet
                ? Console.styled("Compliant once", .bold, .green) + " the studio has done this (record it under the tool's arrangement):"
                : Console.styled("Conditions the vendor offers", .bold) + " — needed, but not enough on their own:"
        ]
        for c in open {
            for (j, line) in wrap(c.condition.action + " [\(c.condition.principle.rawValue)]", width: 86).enumerated() {
                lines.append((j == 0 ? "  • " : "    ") + line)
            }
            for e in c.condition.evidence {
                lines.append("    " + Console.styled("source: \(e.url) (\(e.source.rawValue), retrieved \(e.retrieved))", .dim))
            }
        }
        return lines
    }

    static func reviewLine(_ r: ReviewSummary) -> String {
        switch r.status {
        case "missing": return Console.styled("never reviewed", .yellow)
        default:
            let who = [r.on.map { "\($0)" }, r.by.map { "by \($0)" }].compactMap { $0 }.joined(separator: " ")
            let due = r.due.map { ", due \($0)" } ?? ""
            return (r.status == "stale" ? Console.styled("stale", .yellow) : "current") + " — \(who)\(due)"
        }
    }

    static func attestationLine(_ a: AttestationSummary) -> String {
        switch a.status {
        case "none": return "none published by the vendor"
        case "not-fetched": return "published, not fetched yet (run genai-registry refresh)"
        case "verified":
            return "verified" + (a.version.map { ", version \($0)" } ?? "") + (a.expires.map { ", expires \($0)" } ?? "")
        default: return Console.styled(a.status, .red) + (a.message.map { " — \($0)" } ?? "")
        }
    }

    /// Greedy word wrap.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
