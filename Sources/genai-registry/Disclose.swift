import ArgumentParser
import CommandLineSupport
import Procurement
import RegistryDomain
import RegistryJSON
import RegistryStorage

extension GenAIRegistryCommand {
    /// `disclose TOOL --production P --use …`: records a use that may proceed and prints the notice to send.
    struct Disclose: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "disclose",
            abstract: "Record a use of a tool that may proceed, and print the notice for the studio contact.",
            discussion: """
                The studio asks productions to tell their contact about every intended use of a generative \
                tool. Where `assess` says proceed (a compliant tool with no sensitive use, or a use a valid \
                written approval covers), this writes Registry/approvals/ID.json (kind disclosure) and prints \
                the notice to send. Where written approval is needed it writes nothing and says how to ask.

                Exit: 0 recorded, 1 not permitted, 2 written approval required, 3 unknown tool, \
                64 usage error (unknown production or use), 65 invalid registry data, 74 I/O error.
                """)

        @OptionGroup var options: GlobalOptions

        @OptionGroup var asked: ProductionUseOptions

        func run() throws {
            let use = try ProductionUse.resolve(options, tool: asked.tool, production: asked.production, uses: asked.uses)
            let a = use.assessment
            guard a.decision == .proceed else {
                Console.error("\(a.check.name) may not simply proceed here (\(a.decision.rawValue)); nothing was recorded:")
                for reason in a.reasons { Console.error("  - \(reason.message)") }
                throw ExitCode(a.decision == .notPermitted ? ExitStatus.noncompliant : ExitStatus.undetermined)
            }
            let disclosure = use.newRecord(.disclosure, by: asked.by, today: options.today)
            try use.write(disclosure)
            if options.format == .json {
                Console.json(
                    .object([
                        JSONMember("file", .string(use.store.displayPath(use.store.approvalPath(disclosure.id)))),
                        JSONMember("disclosure", RecordCodec.jsonValue(disclosure, schema: RegistrySchemas.approval)),
                        JSONMember("assessment", a.json),
                    ]))
                return
            }
            Console.out("Recorded \(use.store.displayPath(use.store.approvalPath(disclosure.id))). Send this to \(use.production.studioContact):\n")
            Console.out(ApprovalRequestText.disclosure(a, approval: disclosure, production: use.production))
        }
    }
}
