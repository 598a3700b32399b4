import ArgumentParser
import CommandLineSupport
import RegistryDomain

/// `genai-registry`: may a production use this generative-AI tool, and under what condition?
@main
struct GenAIRegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "genai-registry",
        abstract: "Check generative-AI tools against your studio's policy.",
        discussion: """
            Answers whether a tool may be used on a production (\(Principle.allCases.map(\.rawValue).joined(separator: ", "))), \
            with the reasons and the evidence, from a registry of plain JSON files.

            Exit codes: 0 compliant or success, 1 noncompliant (or a refresh with failures), \
            2 undetermined, 3 unknown tool, 64 usage error, 65 invalid registry data, 74 I/O error.
            """,
        version: "0.1.0",
        subcommands: [
            Check.self, Assess.self, Disclose.self, ApprovalCommand.self, List.self, Show.self, Lint.self, Refresh.self, Attest.self, Review.self,
            Report.self, New.self, Serve.self, Publish.self,
        ]
    )
}
