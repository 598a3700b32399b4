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
        let key = Self.normalise(query)
        guard !key.isEmpty else { throw .unknownTool(query: query, suggestions: []) }

        // Quickest: the cache read in place, and its one match confirmed against the record. Exact keys win
        // over every-word matches; several matches, or none, are decided on the whole index below.
        if index == nil, let scan = NameIndex.Scan(for: store) {
            for everyWord in [false, true] {
                let ids = scan.ids(matching: key, everyWord: everyWord)
                if ids.count == 1, Self.names(key, in: store.toolPath(ids[0])) { return ids[0] }
                if !ids.isEmpty { break }
            }
            index = try NameIndex.load(for: store, thorough: true)
            return try match(query, key: key, in: try loaded(&index))
        }

        do {
            let id = try match(query, key: key, in: try loaded(&index))
            // A quick load trusts the cache; confirm against the record itself, which a lookup reads anyway.
            if index?.isThorough == true || Self.names(key, in: store.toolPath(id)) { return id }
        } catch .io(let failure) {
            throw .io(failure)
        } catch {
            // An unknown or ambiguous name is only reported after every file has been looked at.
            if index?.isThorough == true { throw error }
        }
        index = try NameIndex.load(for: store, thorough: true)
        return try match(query, key: key, in: try loaded(&index))
    }

    /// Whether the tool file at `path` really answers to `key` (by id, name or alias, whole or every word).
    private static func names(_ key: String, in path: String) -> Bool {
        guard let summary = NameIndex.summary(of: path, id: String(path.split(separator: "/").last?.dropLast(5) ?? "")) else { return false }
        let keys = ([summary.id, summary.name] + summary.aliases).map(normalise)
        let words = key.split(separator: " ")
        return keys.contains(key) || keys.contains { k in words.allSatisfy(k.split(separator: " ").contains) }
    }

    private func match(_ query: String, key: String, in index: NameIndex) throws(RegistryError) -> String {
        let entries = index.entries.values.filter { $0.summary != nil }
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
        let fresh = try NameIndex.load(for: store, thorough: false)
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
