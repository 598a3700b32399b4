import ArgumentParser
import CommandLineSupport
import RegistryDomain
import RegistryJSON
import RegistryStorage

extension GenAIRegistryCommand.Attest {
    /// `attest reset-floor`: lifts a tool's rollback floor (procurement's way out of a poisoned floor).
    struct ResetFloor: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-floor",
            abstract: "Forget the highest attestation version verified for a tool, so a lower one is accepted again.",
            discussion: """
                For procurement, when a version far above the vendor's real ones was verified (a leaked key \
                that is still pinned, a vendor's mistake): the next refresh accepts any version signed by a \
                pinned key and starts the floor again from it. The attestation in force stays until then. A \
                floor set by a key removed from the vendor file already stops counting; this is not needed then.
                Takes the refresh lock (--wait to wait for a running refresh).

                Exit: 0 lifted (or there was none), 3 the tool is not in the registry, 74 the state cannot be written.
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: ArgumentHelp("The tool id.", valueName: "tool"))
        var tool: String

        @Flag(help: "Wait for a running refresh instead of failing.")
        var wait = false

        func run() throws {
            let store = try options.store()
            guard Identifier.isValid(tool), FileIO.isFile(store.toolPath(tool)) else {
                Console.error("no tool \"\(tool)\" in the registry \(store.root)")
                throw ExitCode(ExitStatus.unknownTool)
            }
            let lifted: VersionFloor?
            do { lifted = try StateStore(registry: store).resetFloor(of: tool, wait: wait) } catch {
                Console.error(error.description)
                throw ExitCode(ExitStatus.ioError)
            }
            if let lifted {
                Console.out("\(tool): rollback floor (version \(lifted.version)) lifted; the next refresh accepts any version a pinned key signs")
            } else {
                Console.out("\(tool): no attestation version recorded; nothing to lift")
            }
        }
    }
}
