import ArgumentParser
import CommandLineSupport

extension GenAIRegistryCommand.Attest {
    /// `attest digest`: the SHA-256 a refresh computes for a terms document, for a payload's `documents[].sha256`
    /// or an in-toto subject's `digest.sha256`.
    struct Digest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "digest",
            abstract: "Print the SHA-256 of a terms document's normalised text, as a refresh computes it.",
            discussion: """
                Give the document as the server sends it (save it with curl -o). HTML is reduced to the words a \\
                reader sees, exactly as the refresh does; --content-type says what the file is when its name \\
                does not (text/html, text/plain, application/pdf …).

                Exit: 0 printed, 65 the page has no terms text (an error page, a script shell), 74 the file \
                cannot be read.
                """)

        @Argument(help: ArgumentHelp("The document file.", valueName: "file"))
        var file: String

        @Option(name: .customLong("content-type"), help: ArgumentHelp("The document's media type (default: from the file name).", valueName: "type"))
        var contentType: String?

        func run() throws {
            // The refresh executable reads pages with the HTML parser; only it links that library.
            try Sibling.exec(
                "genai-registry-refresh",
                argv: ["genai-registry attest digest", "--document-digest", file]
                    + (contentType.map { ["--content-type", $0] } ?? []))
        }
    }
}
