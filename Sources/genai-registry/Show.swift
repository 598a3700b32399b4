import ArgumentParser
import CommandLineSupport
import Procurement
import RegistryDomain
import RegistryJSON
import RegistryStorage

extension GenAIRegistryCommand {
    /// `show TOOL`: the whole record with its verdict.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a tool's whole record: terms, evidence, arrangement, watched documents, review, verdict.",
            discussion: """
                JSON output is `{ "record": <the record file>, "verdict": <as check> }`, plus `"history"` with \
                --history. Exit codes as `check`.

                --history lists the record's committed versions from the registry's git history (each judged \
                with the policy committed with it, as of its commit day: since when compliant, and who said so), \
                the policy commits in between that changed what the record is judged against (marked "policy \
                change"; "policyOnly" in JSON), and what the refresh log and state recorded. Outside a git \
                repository it says so and shows the refresh part.
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The tool's id, name or alias.")
        var tool: String

        @Flag(help: "Show past verdicts and changes (git history and refresh log) instead of the record's fields.")
        var history = false

        func run() throws {
            let store = try options.store()
            let record: ToolRecord
            let verdict: ToolVerdict
            let policy: Policy
            do {
                policy = try store.policy()
                let lookup = options.lookup(store, policy)
                verdict = try lookup.check(tool)
                record = try store.tool(id: verdict.tool)
            } catch { throw ExitCode(ExitStatus.report(error)) }

            let past = history ? RecordHistory.load(store: store, toolID: record.id, currentPolicy: policy) : nil
            if options.format == .json {
                let recordText = RecordCodec.canonicalText(record, schema: RegistrySchemas.tool)
                let recordJSON = (try? JSONParser.parse(Array(recordText.utf8)).value) ?? .null
                Console.json(
                    .object(
                        [JSONMember("record", recordJSON), JSONMember("verdict", verdict.json)]
                            + (past.map { [JSONMember("history", HistoryText.json($0))] } ?? [])))
            } else {
                Console.lines(VerdictText.render(verdict, policy: policy))
                Console.out("")
                if let past {
                    Console.lines(HistoryText.render(past, current: verdict))
                } else {
                    Console.lines(RecordText.render(record, state: StateStore(registry: store)))
                }
            }
            let code = ExitStatus.of(verdict.verdict)
            if code != 0 { throw ExitCode(code) }
        }
    }
}

/// The record's own fields, for `show`.
enum RecordText {
    static func render(_ r: ToolRecord, state: StateStore? = nil) -> [String] {
        var lines: [String] = [Console.styled("Record", .bold)]
        // Wide enough for the longest label ("Customer-controlled storage") and two spaces.
        func row(_ label: String, _ value: String) { lines.append("  " + label.padding(29) + value) }
        func known<T>(_ value: T?, _ describe: (T) -> String) -> String { value.map(describe) ?? Console.styled("not known", .yellow) }
        func yesNo(_ b: Bool?) -> String { known(b) { $0 ? "yes" : "no" } }

        row("Aliases", r.aliases.isEmpty ? "—" : r.aliases.joined(separator: ", "))
        row("Categories", r.categories.map(\.rawValue).joined(separator: ", "))
        if let summary = r.summary { row("Summary", summary) }
        let ret = r.terms.retention
        row(
            "Vendor retention",
            known(ret.vendorRetention) { uses in
                uses.isEmpty
                    ? "none for its own purposes"
                    : uses.map { "\($0.purpose.rawValue) (\($0.days.map { "\($0) days" } ?? "period not known"))" }.joined(separator: ", ")
            })
        row("Public by default", yesNo(ret.publicByDefault))
        row("Vendor human review", yesNo(ret.humanReview))
        row("Perpetual licence", yesNo(ret.perpetualLicence))
        row("Customer-controlled storage", yesNo(ret.customerControlledStorage))
        row("Training on inputs", known(r.terms.training.inputs) { $0.rawValue })
        row("Training on outputs", known(r.terms.training.outputs) { $0.rawValue })
        let env = r.terms.environment
        row("Deployment", known(env.deployment) { $0.rawValue })
        row("Enterprise tenant", yesNo(env.enterpriseTenant))
        row("SSO", yesNo(env.sso))
        row("DPA offered", yesNo(env.dpa))
        row("Certifications", known(env.certifications) { $0.isEmpty ? "none" : $0.map(\.displayName).joined(separator: ", ") })
        if let a = r.arrangement {
            let parts = [
                ("enterprise contract", a.enterpriseContract), ("DPA signed", a.dpaSigned), ("zero retention", a.zeroDataRetention),
                ("training opt-out", a.trainingOptOut),
            ]
            .compactMap { name, value in value.map { "\(name): \($0 ? "yes" : "no")" } }
            row("Arrangement", (parts.isEmpty ? "nothing recorded" : parts.joined(separator: ", ")) + " — ref \(a.reference ?? "none (not counted)")")
        } else {
            row("Arrangement", "none")
        }
        row("Attestation URL", r.attestationURL ?? "none")
        lines.append("  Evidence")
        for (i, e) in r.evidence.enumerated() {
            lines.append("    [\(i + 1)] \(e.about.rawValue) — \(e.source.rawValue), \(e.published), retrieved \(e.retrieved)")
            lines.append("        \(e.url)")
            for line in VerdictText.wrap(e.summary, width: 90) { lines.append("        " + line) }
        }
        lines.append("  Watched documents")
        let documents = state.flatMap { try? $0.toolState(id: r.id) }?.documents ?? [:]
        for w in r.watch {
            lines.append("    \(w.type.rawValue.padding(10))\(w.url)")
            if let select = w.select { lines.append("              select " + select.joined(separator: ", ")) }
            if let remove = w.remove, !remove.isEmpty { lines.append("              remove " + remove.joined(separator: ", ")) }
            // The terms changed since the review: what changed, as `review` shows it.
            if let state, let review = r.review, let then = review.documents.first(where: { $0.url == w.url })?.sha256,
                let now = documents[w.url]?.sha256, now != then
            {
                lines.append("              " + Console.styled("changed since the review of \(review.on):", .yellow))
                for line in TermsChange.lines(state: state, reviewed: then, current: now, reviewedOn: review.on) {
                    lines.append("                " + line)
                }
            }
        }
        if r.watch.isEmpty { lines.append("    none") }
        lines.append("  Attestation history   none recorded (the refresh job records it)")
        return lines
    }
}
