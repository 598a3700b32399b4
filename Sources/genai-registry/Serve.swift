import ArgumentParser
import CommandLineSupport

extension GenAIRegistryCommand {
    /// `serve …`: runs the lookup service from `genai-registry-serve`, which ships beside this one.
    ///
    /// Only that binary links the HTTP server (Hummingbird, SwiftNIO), so that every other command starts
    /// without loading it.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the lookup page and the read-only JSON API (/v1) over the registry.",
            discussion: "Run `genai-registry serve --help` for its options.",
            helpNames: [])

        @Argument(parsing: .captureForPassthrough, help: "Passed to genai-registry-serve.")
        var arguments: [String] = []

        func run() throws {
            try Sibling.exec("genai-registry-serve", argv: ["genai-registry", "serve"] + arguments)
        }
    }

    /// `publish DIR`: the lookup service as static files, written by `genai-registry-serve`.
    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish",
            abstract: "Write the lookup page and every JSON answer of /v1 as static files into DIR.",
            discussion: "Run `genai-registry publish --help` for its options.",
            helpNames: [])

        @Argument(parsing: .captureForPassthrough, help: "Passed to genai-registry-serve.")
        var arguments: [String] = []

        func run() throws {
            try Sibling.exec("genai-registry-serve", argv: ["genai-registry", "publish"] + arguments)
        }
    }
}
