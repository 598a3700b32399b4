import ArgumentParser

/// `genai-registry serve` and `genai-registry publish`: the lookup service, live or as static files.
///
/// Its own executable so that only the service links Hummingbird and SwiftNIO; `genai-registry serve …` and
/// `genai-registry publish …` execute this binary.
@main
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "genai-registry",
        abstract: "The lookup service over the registry: `serve` it, or `publish` it as static files.",
        subcommands: [Serve.self, Publish.self])
}
