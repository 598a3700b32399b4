import CommandLineSupport
import Procurement
import RegistryDomain
import RegistryJSON

/// How `show TOOL --history` reads: since when the verdict holds and who said so, then each committed
/// version with its verdict and changes, then what the refresh job saw.
enum HistoryText {
    static func render(_ h: RecordHistory, current: ToolVerdict) -> [String] {
        var lines = [Console.styled("History", .bold)]
        switch h.git {
        case .unavailable(let reason):
            lines.append("  " + Console.styled(reason, .yellow))
        case .versions(let versions) where versions.isEmpty:
            lines.append("  The record has no committed versions yet (commit it to start its history).")
        case .versions(let versions):
            if let since = h.compliantSince {
                let reviewer = since.review.map { " — reviewed by \($0.by) on \($0.on)" } ?? ""
                lines.append(
                    "  Compliant in every committed version since \(since.date.day) (commit \(since.commit.prefix(8)) by \(since.author)\(reviewer))."
                )
            } else if let last = versions.last(where: { $0.verdict?.verdict == .compliant }) {
                lines.append("  Last compliant in commit \(last.commit.prefix(8)) of \(last.date.day) by \(last.author); not compliant since.")
            } else {
                lines.append(
                    versions.count == 1
                        ? "  Never compliant in its one committed version."
                        : "  Never compliant in any of its \(versions.count) committed versions.")
            }
            lines.append("  Today (\(current.asOf), with the refresh state): \(VerdictText.verdictWord(current.verdict)).")
            if h.uncommitted { lines.append("  " + Console.styled("The record has uncommitted changes not shown below.", .yellow)) }
            lines.append("")
            for v in versions.reversed() {
                let verdict = v.verdict.map { VerdictText.verdictWord($0.verdict) } ?? Console.styled("invalid", .red)
                let kind = v.policyOnly ? Console.styled("policy change  ", .dim) : ""
                lines.append(
                    "  \(v.date.day)  \(Console.styled(String(v.commit.prefix(8)), .dim))  \(verdict)  \(kind)\(v.subject)  "
                        + Console.styled("— \(v.author)", .dim))
                if let p = v.verdict?.principles {
                    lines.append(
                        "      " + p.map { "\($0.principle.rawValue) \($0.status.rawValue)" }.joined(separator: " · ")
                            + Console.styled("  (policy \(v.policyVersion)\(v.policyFromCommit ? "" : ", today's: none committed then"))", .dim))
                }
                if let problem = v.problem { lines.append("      " + Console.styled(problem, .red)) }
                if let r = v.review { lines.append("      reviewed by \(r.by) on \(r.on)") }
                for change in v.changes { lines.append("      " + Console.styled(change, .dim)) }
            }
        }
        lines.append("")
        lines.append(Console.styled("Refresh", .bold))
        if h.refreshRuns == 0 && h.refreshEvents.isEmpty {
            lines.append("  No refresh recorded for this registry yet (`genai-registry refresh` fetches attestations and watched documents).")
        } else {
            lines.append(
                "  \(h.refreshRuns) refresh run\(h.refreshRuns == 1 ? "" : "s") logged" + (h.lastRefresh.map { ", the latest at \($0)" } ?? "") + ".")
            for e in h.refreshEvents { lines.append("  \(e.when)  \(e.text)") }
            if h.refreshEvents.isEmpty { lines.append("  Nothing failed or changed for this tool.") }
        }
        return lines
    }

    /// The `history` member of `show --history --format json`.
    static func json(_ h: RecordHistory) -> JSONValue {
        var git: [JSONMember] = []
        switch h.git {
        case .unavailable(let reason):
            git = [JSONMember("available", .bool(false)), JSONMember("message", .string(reason))]
        case .versions(let versions):
            git = [
                JSONMember("available", .bool(true)),
                JSONMember("uncommitted", .bool(h.uncommitted)),
                JSONMember("compliantSince", h.compliantSince.map { .string($0.date.day.description) } ?? .null),
                JSONMember(
                    "versions",
                    .array(
                        versions.reversed().map { v in
                            .object([
                                JSONMember("commit", .string(v.commit)),
                                JSONMember("date", .string(v.date.description)),
                                JSONMember("author", .string(v.author)),
                                JSONMember("subject", .string(v.subject)),
                                JSONMember("policyOnly", .bool(v.policyOnly)),
                                JSONMember("verdict", v.verdict.map { .string($0.verdict.rawValue) } ?? .string("invalid")),
                                JSONMember(
                                    "principles",
                                    v.verdict.map { verdict in
                                        .object(verdict.principles.map { JSONMember($0.principle.rawValue, .string($0.status.rawValue)) })
                                    } ?? .null),
                                JSONMember("policyVersion", .string(v.policyVersion)),
                                JSONMember("policyFromCommit", .bool(v.policyFromCommit)),
                                JSONMember("reviewedBy", v.review.map { .string($0.by) } ?? .null),
                                JSONMember("reviewedOn", v.review.map { .string($0.on.description) } ?? .null),
                                JSONMember("problem", v.problem.map(JSONValue.string) ?? .null),
                                JSONMember("changes", .array(v.changes.map(JSONValue.string))),
                            ])
                        })),
            ]
        }
        return .object([
            JSONMember("git", .object(git)),
            JSONMember(
                "refresh",
                .object([
                    JSONMember("runs", .number(String(h.refreshRuns))),
                    JSONMember("last", h.lastRefresh.map { .string($0.description) } ?? .null),
                    JSONMember(
                        "events",
                        .array(
                            h.refreshEvents.map { e in
                                .object([JSONMember("at", .string(e.when.description)), JSONMember("event", .string(e.text))])
                            })),
                ])),
        ])
    }
}
