/// Turns what a person typed ("chatgpt", "Claude for Work", "openai-api") into one tool id.
///
/// Order: an exact id (one file read, no index); then exact names and aliases; then names that contain
/// every typed word. Several matches are an ambiguity the user resolves; none gets "did you mean".
public struct ToolResolver: Sendable {
    public let store: RegistryStore

    public init(store: RegistryStore) { self.store = store }

    /// The id of the one tool `query` names.
    public func resolve(_ query: String) throws(RegistryError) -> String {
        var index: NameIndex?
        return try resolve(query, index: &index)
    }

    /// Resolves `query`, loading the name index into `index` only if the query is not an exact id.
    func resolve(_ query: String, index: inout NameIndex?) throws(RegistryError) -> String {
        let slug = Identifier.slug(query)
        if Identifier.isValid(slug), FileIO.isFile(store.toolPath(slug)) { return slug }

        let entries = try loaded(&index).entries.values.filter { $0.summary != nil }
        let key = Self.normalise(query)
        guard !key.isEmpty else { throw .unknownTool(query: query, suggestions: []) }

        let exact = entries.filter { $0.keys.contains(key) }.compactMap(\.summary).sorted { $0.id < $1.id }
        if exact.count == 1 { return exact[0].id }
        if exact.count > 1 { throw .ambiguousTool(query: query, matches: exact) }

        let words = key.split(separator: " ")
        let partial = entries.filter { e in
            e.keys.contains { k in
                let kw = k.split(separator: " ")
                return words.allSatisfy(kw.contains)
            }
        }.compactMap(\.summary).sorted { $0.id < $1.id }
        if partial.count == 1 { return partial[0].id }
        if partial.count > 1 { throw .ambiguousTool(query: query, matches: partial) }

        var byKey: [String: ToolSummary] = [:]
        for e in entries { for k in e.keys where byKey[k] == nil { byKey[k] = e.summary } }
        var suggestions: [ToolSummary] = []
        for k in Suggest.ranked(key, byKey.keys.sorted(), limit: 10) {
            if let s = byKey[k], !suggestions.contains(where: { $0.id == s.id }) { suggestions.append(s) }
            if suggestions.count == 5 { break }
        }
        throw .unknownTool(query: query, suggestions: suggestions)
    }

    /// The summaries of every tool (from the index), for alternatives.
    public func allSummaries() throws(RegistryError) -> [ToolSummary] {
        var index: NameIndex?
        return try allSummaries(index: &index)
    }

    func allSummaries(index: inout NameIndex?) throws(RegistryError) -> [ToolSummary] {
        try loaded(&index).entries.values.compactMap(\.summary).sorted { $0.id < $1.id }
    }

    private func loaded(_ index: inout NameIndex?) throws(RegistryError) -> NameIndex {
        if let index { return index }
        let fresh = try NameIndex.load(for: store)
        index = fresh
        return fresh
    }

    /// Case-, accent- and punctuation-insensitive form: "Claude-for-Work!" → "claude for work".
    static func normalise(_ text: String) -> String {
        Identifier.slug(text).replacingHyphens()
    }

}

extension String {
    fileprivate func replacingHyphens() -> String { String(map { $0 == "-" ? " " : $0 }) }
}
