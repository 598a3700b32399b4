import ArgumentParser
import CommandLineSupport
import RegistryDomain
import RegistryJSON
import RegistryStorage

extension GenAIRegistryCommand {
    /// `check TOOL…`: the verdict per principle, with reasons, evidence and alternatives.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "May we use this tool? The verdict per principle, with reasons and evidence.",
            discussion: """
                TOOL is an id, a name or an alias, in any case: `check openai-api`, `check chatgpt`, \
                `check "Claude for Work"`. A name shared by several tools lists them to choose from.

                When a tool is not compliant, compliant tools of the same category are suggested.
                With several tools, JSON output is an array.

                Exit: 0 compliant, 1 noncompliant, 2 undetermined, 3 unknown or ambiguous tool, \
                65 invalid registry data. With several tools: 3 if any is unknown, else 1 if any is \
                noncompliant, else 2 if any is undetermined, else 0.
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: "Tool ids, names or aliases.")
        var tools: [String]

        func validate() throws {
            if tools.isEmpty { throw ValidationError("name at least one tool, e.g. `genai-registry check chatgpt`") }
        }

        func run() throws {
            let store = try options.store()
            let policy: Policy
            do { policy = try store.policy() } catch { throw ExitCode(ExitStatus.report(error)) }
            let lookup = options.lookup(store, policy)

            var codes: [Int32] = []
            var verdicts: [ToolVerdict] = []
            for query in tools {
                do {
                    let verdict = try lookup.check(query)
                    verdicts.append(verdict)
                    codes.append(ExitStatus.of(verdict.verdict))
                    if options.format == .text {
                        if verdicts.count > 1 { Console.out("") }
                        Console.lines(VerdictText.render(verdict, policy: policy))
                    }
                } catch {
                    codes.append(ExitStatus.report(error))
                }
            }
            if options.format == .json {
                if tools.count == 1, let only = verdicts.first {
                    Console.json(only.json)
                } else if tools.count > 1 {
                    Console.json(.array(verdicts.map(\.json)))
                }
            }
            let code = ExitStatus.combine(codes)
            if code != 0 { throw ExitCode(code) }
        }
    }
}
