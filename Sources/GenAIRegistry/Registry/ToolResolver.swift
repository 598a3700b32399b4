/// Turns what a person typed ("chatgpt", "Claude for Work", "openai-api") into one tool id.
///
/// Order: an exact id (one file read, no index); then exact names and aliases; then names that contain
/// every typed word. Several matches are an ambiguity the user resolves; none gets "did you mean".
public struct ToolResolver: Sendable {
    public let store: RegistryStore

    public init(store: RegistryStore) { self.store = store }

    /// The id of the one tool `query` names.
    public func resolve(_ query: String) throws(RegistryError) -> String {
        let slug = Identifier.slug(query)
        if Identifier.isValid(slug), FileIO.isFile(store.toolPath(slug)) { return slug }

        let summaries = try NameIndex.load(for: store).entries.values.compactMap(\.summary).sorted { $0.id < $1.id }
        let key = Self.normalise(query)
        guard !key.isEmpty else { throw .unknownTool(query: query, suggestions: []) }

        let exact = summaries.filter { Self.keys(of: $0).contains(key) }
        if exact.count == 1 { return exact[0].id }
        if exact.count > 1 { throw .ambiguousTool(query: query, matches: exact) }

        let words = Set(key.split(separator: " "))
        let partial = summaries.filter { s in
            Self.keys(of: s).contains { words.isSubset(of: Set($0.split(separator: " "))) }
        }
        if partial.count == 1 { return partial[0].id }
        if partial.count > 1 { throw .ambiguousTool(query: query, matches: partial) }

        var byKey: [String: ToolSummary] = [:]
        for s in summaries { for k in Self.keys(of: s) where byKey[k] == nil { byKey[k] = s } }
        var suggestions: [ToolSummary] = []
        for k in Suggest.ranked(key, byKey.keys.sorted(), limit: 10) {
            if let s = byKey[k], !suggestions.contains(where: { $0.id == s.id }) { suggestions.append(s) }
            if suggestions.count == 5 { break }
        }
        throw .unknownTool(query: query, suggestions: suggestions)
    }

    /// The summaries of every tool (from the index), for alternatives.
    public func allSummaries() throws(RegistryError) -> [ToolSummary] {
        try NameIndex.load(for: store).entries.values.compactMap(\.summary).sorted { $0.id < $1.id }
    }

    /// Case-, accent- and punctuation-insensitive form: "Claude-for-Work!" → "claude for work".
    static func normalise(_ text: String) -> String {
        Identifier.slug(text).replacingHyphens()
    }

    static func keys(of s: ToolSummary) -> [String] {
        ([s.id, s.name] + s.aliases).map(normalise)
    }
}

extension String {
    fileprivate func replacingHyphens() -> String { String(map { $0 == "-" ? " " : $0 }) }
}
