public import RegistryDomain

/// Which tools to suggest instead of one that is not compliant. One rule for `check` and the lookup service.
///
/// A suggestion must do the asked tool's main kind of work (its first category): an image tool is no
/// alternative to a text tool because both also do something else. Candidates sharing more of the asked
/// tool's categories come first, then by id. Compliant tools are the alternatives; tools that would be
/// compliant once their conditions are met are listed apart, never as compliant.
public enum AlternativeChoice {
    /// How many of each list are suggested.
    public static let limit = 3

    /// A possible suggestion: its id and how many of the asked tool's categories it shares.
    public struct Candidate: Sendable, Equatable {
        public var id: String
        public var shared: Int
        public init(id: String, shared: Int) {
            self.id = id
            self.shared = shared
        }
    }

    /// The candidates among `others` (id and categories) for `verdict`, best first.
    public static func candidates(for verdict: ToolVerdict, among others: [(id: String, categories: [ToolCategory])]) -> [Candidate] {
        guard let main = verdict.categories.first else { return [] }
        let mine = Set(verdict.categories)
        return ordered(
            others.compactMap { other in
                guard other.id != verdict.tool, other.categories.contains(main) else { return nil }
                return Candidate(id: other.id, shared: Set(other.categories).intersection(mine).count)
            })
    }

    /// Best first: most shared categories, then id.
    public static func ordered(_ candidates: [Candidate]) -> [Candidate] {
        candidates.sorted { $0.shared != $1.shared ? $0.shared > $1.shared : $0.id < $1.id }
    }

    /// Fills `verdict`'s two lists from the judged candidates, taken in order, until three compliant ones are
    /// found: the compliant-once list holds those met before then (best first), so that reading stops early.
    public static func fill(_ verdict: inout ToolVerdict, from judged: some Sequence<ToolVerdict>) {
        verdict.alternatives = []
        verdict.alternativesOnceConditionsMet = []
        for other in judged {
            if other.verdict == .compliant {
                verdict.alternatives.append(other.tool)
                if verdict.alternatives.count >= limit { break }
            } else if other.compliantOnceConditionsMet, verdict.alternativesOnceConditionsMet.count < limit {
                verdict.alternativesOnceConditionsMet.append(other.tool)
            }
        }
    }
}
