public import ArgumentParser
import CommandLineSupport
import RegistryDomain
import RegistryJSON
import RegistryStorage

extension GenAIRegistryCommand {
    /// `list`: every tool with its verdict, filterable.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List tools with their verdicts.",
            discussion: """
                Filters combine: `list --verdict compliant --category video`. Records with errors (or whose \
                vendor file has errors) are listed as invalid whatever the filters, never with a verdict \
                (run `genai-registry lint`). Exit 0, or 65 when any record is invalid.
                """)

        @OptionGroup var options: GlobalOptions

        @Option(help: "Only tools with this verdict (compliant, noncompliant, undetermined).")
        var verdict: OverallVerdict?

        @Option(help: "Only tools in this category (text, image, video, audio, voice, music, 3d, code, translation).")
        var category: ToolCategory?

        @Option(help: "Only tools of this vendor id.")
        var vendor: String?

        func run() throws {
            let store = try options.store()
            let snapshot: RegistrySnapshot
            do { snapshot = try RegistrySnapshot.load(store) } catch { throw ExitCode(ExitStatus.report(error)) }
            guard let policy = snapshot.policy else {
                throw ExitCode(ExitStatus.report(.invalid(snapshot.issues.filter { $0.file.hasSuffix("policy.json") })))
            }
            let validator = Validator(policy: policy, today: options.today)
            let state = StateContext.wholeRegistry(store: store, policy: policy, now: options.now)
            let records = snapshot.tools.sorted(by: { $0.key < $1.key }).map(\.value).filter { record in
                (vendor.map { record.vendor == $0 } ?? true) && (category.map { record.categories.contains($0) } ?? true)
            }
            let rows = state.evaluate(records, vendors: snapshot.vendors, with: validator).map(\.verdict).filter { v in
                verdict.map { v.verdict == $0 } ?? true
            }
            // Invalid records are shown whatever the filters (none of which can be trusted of a broken record), so
            // nothing broken hides behind a filter, and the exit code says so.
            let invalid = snapshot.invalidTools.sorted()

            if options.format == .json {
                var items = rows.map(\.summaryJSON)
                items += invalid.map { .object([JSONMember("tool", .string($0)), JSONMember("verdict", .string("invalid"))]) }
                Console.json(.array(items))
            } else {
                let columns = Principle.allCases.map { $0.shortName.uppercased().padding(12) }
                Console.out(Console.styled("TOOL".padding(32) + "VERDICT".padding(14) + columns.joined() + "NAME", .bold))
                for v in rows {
                    let cells = v.principles.map { VerdictText.status($0.status) + "    " }.joined()
                    Console.out(
                        v.tool.padding(32) + VerdictText.verdictWord(v.verdict) + String(repeating: " ", count: max(1, 14 - v.verdict.rawValue.count))
                            + cells + v.name)
                }
                for id in invalid {
                    Console.out(id.padding(32) + Console.styled("invalid", .red) + "       run `genai-registry lint` to see why")
                }
                let counts = OverallVerdict.allCases.map { c in "\(rows.filter { $0.verdict == c }.count) \(c.rawValue)" }
                Console.out(
                    Console.styled(
                        counted(rows.count, "tool") + ": " + counts.joined(separator: ", ") + (invalid.isEmpty ? "" : ", \(invalid.count) invalid"),
                        .dim))
            }
            if !invalid.isEmpty { throw ExitCode(ExitStatus.invalidData) }
        }
    }
}

extension OverallVerdict: ExpressibleByArgument {}
extension ToolCategory: ExpressibleByArgument {}
