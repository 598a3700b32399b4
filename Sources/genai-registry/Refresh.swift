import ArgumentParser
import CommandLineSupport

extension GenAIRegistryCommand {
    /// `refresh …`: runs the `genai-registry-refresh` executable that ships beside this one.
    ///
    /// Only that binary links libcurl, so productions' lookups (`check`, `assess`, …) never pay for loading it.
    struct Refresh: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refresh",
            abstract: "Fetch vendors' signed attestations and watched terms documents (the cron job).",
            discussion: "Run `genai-registry refresh --help` for its options.",
            helpNames: [])

        @Argument(parsing: .captureForPassthrough, help: "Passed to genai-registry-refresh.")
        var arguments: [String] = []

        func run() throws {
            try Sibling.exec("genai-registry-refresh", argv: ["genai-registry refresh"] + arguments)
        }
    }
}
