public import RegistryDomain
public import RegistryJSON

/// Why the registry could not answer; each maps to one of the spec's exit codes.
public enum RegistryError: Error, Sendable, CustomStringConvertible {
    /// The registry folder or a file in it could not be read or written (exit 74).
    case io(FileIO.Failure)
    /// A file is not valid registry data (exit 65); the issues say where and why.
    case invalid([Issue])
    /// No tool matches what was typed (exit 3); `contact` is the studio's procurement contact, when known.
    case unknownTool(query: String, suggestions: [ToolSummary], contact: String? = nil)
    /// Several tools match what was typed (exit 3): the user must name one.
    case ambiguousTool(query: String, matches: [ToolSummary])

    public var description: String {
        switch self {
        case .io(let failure): return failure.description
        case .invalid(let issues): return issues.map(\.description).joined(separator: "\n")
        case .unknownTool(let query, let suggestions, let contact):
            let hint =
                suggestions.isEmpty
                ? "run `genai-registry list` to see every tool"
                : "did you mean " + suggestions.map { "\($0.id) (\($0.name))" }.joined(separator: ", ") + "?"
            return "no tool matches \"\(query)\": \(hint)\n" + Self.notInRegistry(query, contact: contact)
        case .ambiguousTool(let query, let matches):
            return "\"\(query)\" matches \(matches.count) tools; name one: "
                + matches.map { "\($0.id) (\($0.name))" }.joined(separator: ", ")
        }
    }
}

extension RegistryError {
    /// What a production is told about a tool the registry does not hold: not approved, and whom to ask.
    public static func notInRegistry(_ query: String, contact: String?) -> String {
        let whom = contact.map { "ask \($0) to assess it" } ?? "ask the studio's procurement contact to assess it"
        return "\"\(query)\" is not in the registry, so it is not approved for use on a production — \(whom) before using it."
    }
}

/// The few facts about a tool needed to find it by name and to suggest alternatives.
public struct ToolSummary: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var aliases: [String]
    public var vendor: String
    public var categories: [ToolCategory]
}
