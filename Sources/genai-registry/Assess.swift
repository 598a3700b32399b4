import ArgumentParser
import GenAIRegistry
import CommandLineSupport

extension GenAIRegistryCommand {
    /// `assess TOOL --use FLAG…`: proceed, written approval, or not permitted.
    struct Assess: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assess",
            abstract: "May we use this tool for this purpose? proceed / written-approval-required / not-permitted.",
            discussion: """
                Combines the tool's verdict with what the production will use it for. Uses \
                (from the studio policy; defaults): final-deliverable, talent-likeness, personal-data, \
                third-party-ip, key-creative-element, real-events, union-work. Repeat --use or separate \
                with commas: `assess runway --use final-deliverable,talent-likeness`.

                A compliant tool with no sensitive use: proceed (inform your studio contact). Any \
                sensitive use: written approval, whatever the tool. An undetermined tool: written \
                approval. A noncompliant tool: not permitted, with compliant alternatives.

                Exit: 0 proceed, 2 written-approval-required, 1 not-permitted, 3 unknown tool, 64 unknown use.
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The tool's id, name or alias.")
        var tool: String

        @Option(name: .customLong("use"), help: ArgumentHelp("What the tool will be used for (repeatable, or comma-separated).", valueName: "use"))
        var uses: [String] = []

        func run() throws {
            let store = try options.store()
            let policy: Policy
            do { policy = try store.policy() } catch { throw ExitCode(ExitStatus.report(error)) }
            let assessor = Assessor(policy: policy)
            let flags = uses.flatMap { $0.split(separator: ",") }.map { $0.trimmingWhitespace().lowercased() }.filter { !$0.isEmpty }
            let unknown = assessor.unknownUses(flags)
            if !unknown.isEmpty {
                Console.error("unknown use \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")); the policy defines: \(assessor.knownUses.joined(separator: ", "))")
                throw ExitCode(ExitStatus.usage)
            }
            let verdict: ToolVerdict
            do {
                verdict = try options.lookup(store, policy).check(tool)
            } catch { throw ExitCode(ExitStatus.report(error)) }
            let assessment = assessor.assess(verdict, uses: flags)

            if options.format == .json {
                Console.json(assessment.json)
            } else {
                Console.out(Console.styled(verdict.name, .bold) + "  " + Console.styled("(\(verdict.tool))", .dim))
                Console.out(Self.headline(assessment.decision))
                for reason in assessment.reasons {
                    for (i, line) in VerdictText.wrap(reason.message, width: 90).enumerated() {
                        Console.out((i == 0 ? "  - " : "    ") + line)
                    }
                }
                if verdict.verdict == .compliant, assessment.decision != .proceed {
                    // Not a reason for the decision, but worth knowing: the approval is about the use.
                    Console.out(Console.styled("  \(verdict.name) itself meets every principle the policy requires; the approval is for the use.", .dim))
                }
                for line in VerdictText.alternativeLines(verdict) { Console.out("  " + line) }
                Console.out(Console.styled("  Details: genai-registry check \(verdict.tool)", .dim))
            }
            switch assessment.decision {
            case .proceed: return
            case .writtenApprovalRequired: throw ExitCode(ExitStatus.undetermined)
            case .notPermitted: throw ExitCode(ExitStatus.noncompliant)
            }
        }

        static func headline(_ d: Policy.Decision) -> String {
            switch d {
            case .proceed: Console.styled("PROCEED", .bold, .green) + " — inform your studio contact."
            case .writtenApprovalRequired: Console.styled("WRITTEN APPROVAL REQUIRED", .bold, .yellow) + " — get it from your studio contact before use:"
            case .notPermitted: Console.styled("NOT PERMITTED", .bold, .red) + " — do not use it for this production:"
            }
        }
    }
}
