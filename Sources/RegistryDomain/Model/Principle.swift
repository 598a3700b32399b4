/// A principle of the studio guidance: its id in JSON and the words every output uses for it.
///
/// The principles are the ones `Principles.rules` registers, in that order; each is declared (as a static
/// constant) next to the rule that judges it, so a new principle is one rule file and one line in that list.
public struct Principle: Sendable, Hashable, Codable, CaseIterable, RawRepresentable, CustomStringConvertible {
    /// The id in JSON, policy and output (`no-store`).
    public let rawValue: String
    /// The short name people read ("No storage").
    public let title: String
    /// What it asks of a tool, in one sentence that follows the title ("the vendor does not store …").
    public let summary: String
    /// The name as a row heading on a tool's card ("No storage or reuse of production content").
    public let heading: String
    /// What a compliant tool does, as a clause after "it", with the key word between asterisks
    /// ("does not *store* or reuse production inputs and outputs").
    public let clause: String
    /// A name of at most 10 characters for narrow table columns ("enterprise").
    public let shortName: String

    /// A principle with its words; declared next to its rule.
    package init(id: String, title: String, summary: String, heading: String, clause: String, shortName: String) {
        self.rawValue = id
        self.title = title
        self.summary = summary
        self.heading = heading
        self.clause = clause
        self.shortName = shortName
    }

    /// The registered principle with this id; nil for any other string.
    public init?(rawValue: String) {
        guard let known = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = known
    }

    /// Every principle, in the order they are always shown.
    public static var allCases: [Principle] { Principles.rules.map(\.principle) }

    /// The id.
    public var description: String { rawValue }

    /// Read from its id; any other string is not a principle.
    public init(from decoder: any Decoder) throws {
        let id = try decoder.singleValueContainer().decode(String.self)
        guard let known = Self(rawValue: id) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "no principle \"\(id)\""))
        }
        self = known
    }

    /// Written as its id.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    /// The same principle: the id alone identifies one, its words are presentation.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawValue == rhs.rawValue }
    /// Hashes the id only, as `==` compares.
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// The clause with its key word emphasised by `emphasis` ("**store**", "<b>store</b>").
    public func clause(emphasis: (String) -> String) -> String {
        let parts = clause.split(separator: "*", omittingEmptySubsequences: false)
        return parts.enumerated().map { i, part in i % 2 == 1 ? emphasis(String(part)) : String(part) }.joined()
    }

    /// "it does not store …, does not train on them, and runs in …": every principle's clause, joined as a list.
    public static func clauses(emphasis: (String) -> String) -> String {
        let all = allCases.map { $0.clause(emphasis: emphasis) }
        switch all.count {
        case 0, 1: return all.joined()
        case 2: return all.joined(separator: " and ")
        default: return all.dropLast().joined(separator: ", ") + ", and " + (all.last ?? "")
        }
    }

    /// How many principles there are, as a word ("three").
    public static var countWord: String {
        let words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        return allCases.count < words.count ? words[allCases.count] : String(allCases.count)
    }
}
