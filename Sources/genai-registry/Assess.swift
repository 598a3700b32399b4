import ArgumentParser
import CommandLineSupport
import RegistryDomain
import RegistryStorage

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

                With --production, the production's written approvals count: a use a valid approval covers \
                proceeds ("approved by … on … (reference)"), with the approval's conditions; otherwise the \
                answer says what stands in the way and how to request approval (see `approval request`).

                Exit: 0 proceed, 2 written-approval-required, 1 not-permitted, 3 unknown tool, \
                64 unknown use or production.
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The tool's id, name or alias.")
        var tool: String

        @Option(name: .customLong("use"), help: ArgumentHelp("What the tool will be used for (repeatable, or comma-separated).", valueName: "use"))
        var uses: [String] = []

        @Option(help: ArgumentHelp("The production (Registry/productions/ID.json): its written approvals count.", valueName: "id"))
        var production: String?

        func run() throws {
            let assessment: Assessment
            if let production {
                assessment = try ProductionUse.resolve(options, tool: tool, production: production, uses: uses).assessment
            } else {
                let store = try options.store()
                let policy: Policy
                do { policy = try store.policy() } catch { throw ExitCode(ExitStatus.report(error)) }
                let assessor = Assessor(policy: policy)
                let flags = try ProductionUse.flags(uses, assessor: assessor)
                let verdict: ToolVerdict
                do {
                    verdict = try options.lookup(store, policy).check(tool)
                } catch { throw ExitCode(ExitStatus.report(error)) }
                assessment = assessor.assess(verdict, uses: flags)
            }
            let verdict = assessment.check

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
                    Console.out(
                        Console.styled("  \(verdict.name) itself meets every principle the policy requires; the approval is for the use.", .dim))
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
            case .writtenApprovalRequired:
                Console.styled("WRITTEN APPROVAL REQUIRED", .bold, .yellow) + " — get it from your studio contact before use:"
            case .notPermitted: Console.styled("NOT PERMITTED", .bold, .red) + " — do not use it for this production:"
            }
        }
    }
}
