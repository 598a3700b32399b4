import ArgumentParser
import CommandLineSupport
import RegistryDomain
import RegistryServer

extension ServeCommand {
    /// `publish DIR`: the lookup service as static files for any web server or CDN.
    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish",
            abstract: "Write the lookup page and every JSON answer of /v1 as static files into DIR.",
            discussion: """
                DIR gets index.html, static/, and v1/ (index.json, tools.json, tools/ID.json, \
                tools/ID/verdict.json, tools/ID/assessment.json, uses.json, decisions.json, review.json, health.json, \
                openapi.json) — the same bytes `serve` answers at the same paths. It is written beside DIR and \
                renamed into place at the end, so DIR is never half-published; an existing DIR is replaced \
                only if it is empty or an earlier publication. Exit 0, 65 for an unusable registry, 74 on I/O errors.
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: ArgumentHelp("The folder to publish into.", valueName: "dir"))
        var directory: String

        func validate() throws {
            guard options.format == .text else {
                throw ValidationError("--format does not apply to publish: it writes the site's HTML and JSON files whatever it says")
            }
        }

        func run() async throws {
            let store = try options.store()
            let pinned = options.now
            let configuration = ServerConfiguration(store: store, clock: { pinned })
            Site.loadAssets()
            let registry = await RegistryHolder.load(configuration).current()
            if let problem = registry.problem {
                Console.error("cannot publish: \(problem)")
                throw ExitCode(ExitStatus.invalidData)
            }
            let count: Int
            do {
                count = try Publisher(site: Site(registry: registry, configuration: configuration)).publish(to: directory)
            } catch {
                Console.error(error.description)
                throw ExitCode(ExitStatus.ioError)
            }
            let invalid = registry.invalidTools.isEmpty ? "" : "; \(registry.invalidTools.count) invalid records left out (run lint)"
            Console.out("published \(counted(registry.ids.count, "tool")), \(counted(count, "file")), into \(directory)\(invalid)")
        }
    }
}
