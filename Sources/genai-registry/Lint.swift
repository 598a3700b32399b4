import ArgumentParser
import CommandLineSupport
import RegistryDomain
import RegistryJSON
import RegistryStorage

extension GenAIRegistryCommand {
    /// `lint`: checks every file of the registry.
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Check every registry file; report each problem with file, line and JSON path.",
            discussion: """
                Checks JSON syntax, the schema of each file (types, required and unknown fields, ids, \
                URLs, dates), and the registry as a whole (ids match file names, no duplicate ids, \
                every tool's vendor exists). Exit 0 when there are no errors (warnings allowed), \
                65 when there are.
                """)

        @OptionGroup var options: GlobalOptions

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        func run() throws {
            let store = try options.store()
            let snapshot: RegistrySnapshot
            do { snapshot = try RegistrySnapshot.load(store, today: options.today) } catch { throw ExitCode(ExitStatus.report(error)) }
            let errors = snapshot.issues.filter { $0.severity == .error }.count
            let warnings = snapshot.issues.count - errors
            let failed = errors > 0 || (strict && warnings > 0)
            if options.format == .json {
                Console.json(
                    .object([
                        JSONMember("ok", .bool(!failed)),
                        JSONMember("registry", .string(store.root)),
                        JSONMember("tools", .number(String(snapshot.tools.count + snapshot.invalidTools.count))),
                        JSONMember("errors", .number(String(errors))),
                        JSONMember("warnings", .number(String(warnings))),
                        JSONMember("issues", .array(snapshot.issues.map(\.json))),
                    ]))
            } else {
                for issue in snapshot.issues {
                    let severity = issue.severity == .error ? Console.styled("error", .red, .bold) : Console.styled("warning", .yellow)
                    let location = issue.file + (issue.line.map { ":\($0)" } ?? "")
                    Console.out("\(location): \(severity): \(issue.path): \(issue.message) " + Console.styled("[\(issue.code)]", .dim))
                }
                let files = snapshot.tools.count + snapshot.invalidTools.count
                Console.out(
                    (failed ? Console.styled("FAILED", .red, .bold) : Console.styled("OK", .green, .bold))
                        + " — \(files) tool records, \(snapshot.vendors.count) vendors: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
                )
            }
            if failed { throw ExitCode(ExitStatus.invalidData) }
        }
    }
}
