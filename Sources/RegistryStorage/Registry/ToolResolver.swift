import RegistryDomain
import RegistryJSON

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
        let (id, unconfirmed) = try locate(query, index: &index)
        guard let key = unconfirmed else { return id }
        return try confirm(id, key: key, query: query, index: &index)
    }

    /// The id `query` names; with the normalised key when it came from the cache and is not yet confirmed
    /// against the record (`Lookup` confirms with the record it reads anyway, sparing a second read).
    func locate(_ query: String, index: inout NameIndex?) throws(RegistryError) -> (id: String, unconfirmed: String?) {
        do {
            return try locateExactly(query, index: &index)
        } catch .unknownTool(let q, let suggestions, let contact) {
            // "Veo 3", "Midjourney v7", "DALL-E 3": a record covers its product's model versions, so a name
            // followed by a version means the product when nothing answers to the whole.
            guard let product = Self.withoutVersion(query) else { throw .unknownTool(query: q, suggestions: suggestions, contact: contact) }
            do {
                return try locateExactly(product, index: &index)
            } catch .unknownTool {
                throw .unknownTool(query: q, suggestions: suggestions, contact: contact)
            } catch .ambiguousTool(_, let matches) {
                throw .ambiguousTool(query: query, matches: matches)
            }
        }
    }

    /// `query` without trailing version words ("3", "v7", "2.5", "4o"), or nil when it has none or is only that.
    public static func withoutVersion(_ query: String) -> String? {
        var words = query.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" }).map(String.init)
        func isVersion(_ w: String) -> Bool {
            var rest = Substring(w.lowercased())
            if rest.first == "v" { rest = rest.dropFirst() }
            guard let first = rest.first, first.isASCII, first.isNumber else { return false }
            let digits = rest.prefix { ($0.isASCII && $0.isNumber) || $0 == "." }
            let suffix = rest.dropFirst(digits.count)
            return suffix.count <= 1 && suffix.allSatisfy { $0.isASCII && $0.isLetter }
        }
        var stripped = false
        while words.count > 1, let last = words.last, isVersion(last) {
            words.removeLast()
            stripped = true
        }
        return stripped ? words.joined(separator: " ") : nil
    }

    private func locateExactly(_ query: String, index: inout NameIndex?) throws(RegistryError) -> (id: String, unconfirmed: String?) {
        let slug = Identifier.slug(query)
        if Identifier.isValid(slug), FileIO.isFile(store.toolPath(slug)) { return (slug, nil) }
        let key = Self.normalise(query)
        guard !key.isEmpty else { throw .unknownTool(query: query, suggestions: []) }

        // Quickest: the cache read in place, its one match to be confirmed against the record. Exact keys win
        // over every-word matches; several matches, or none, are decided on the whole index below.
        if index == nil, let scan = NameIndex.Scan(for: store) {
            for probe in Self.probes(key) {
                let ids = scan.ids(matching: probe.key, everyWord: probe.everyWord)
                if ids.count == 1 { return (ids[0], key) }
                if !ids.isEmpty { break }
            }
            index = try NameIndex.load(for: store, thorough: true)
            return (try match(query, key: key, in: try loaded(&index)), nil)
        }

        do {
            let id = try match(query, key: key, in: try loaded(&index))
            // A quick load trusts the cache: the record itself must confirm it.
            return (id, index?.isThorough == true ? nil : key)
        } catch .io(let failure) {
            throw .io(failure)
        } catch {
            // An unknown or ambiguous name is only reported after every file has been looked at.
            if index?.isThorough == true { throw error }
        }
        index = try NameIndex.load(for: store, thorough: true)
        return (try match(query, key: key, in: try loaded(&index)), nil)
    }

    /// `id` when its file answers to `key`, else the answer of the whole, freshly checked index.
    func confirm(_ id: String, key: String, query: String, index: inout NameIndex?) throws(RegistryError) -> String {
        if Self.names(key, in: store.toolPath(id)) { return id }
        index = try NameIndex.load(for: store, thorough: true)
        return try match(query, key: key, in: try loaded(&index))
    }

    /// Whether the tool file at `path` really answers to `key` (by id, name or alias, whole or every word).
    private static func names(_ key: String, in path: String) -> Bool {
        guard let summary = NameIndex.summary(of: path, id: String(path.split(separator: "/").last?.dropLast(5) ?? "")) else { return false }
        return answers(id: summary.id, name: summary.name, aliases: summary.aliases, to: key)
    }

    /// Whether a tool with this id, name and aliases answers to `key`, whole or every word.
    static func answers(id: String, name: String, aliases: [String], to key: String) -> Bool {
        let keys = NameIndex.keys(id: id, name: name, aliases: aliases)
        return probes(key).contains { probe in keys.contains { probe.matches($0) } }
    }

    /// One way of matching a typed key against a tool's keys.
    struct Probe {
        var key: String
        var everyWord: Bool

        /// Whether the tool key `k` answers: equal, or holding every word of `key`.
        func matches(_ k: String) -> Bool {
            guard everyWord else { return k == key }
            let kw = k.split(separator: " ")
            return key.split(separator: " ").allSatisfy(kw.contains)
        }
    }

    /// The ways of matching `key`, most exact first; the first that matches anything decides. Names compare with
    /// spaces removed ("chat gpt" is "ChatGPT", "eleven labs" "ElevenLabs"), then by every typed word, then by
    /// the typed words run together as one.
    static func probes(_ key: String) -> [Probe] {
        let compact = NameIndex.compact(key)
        var probes = [Probe(key: compact, everyWord: false), Probe(key: key, everyWord: true)]
        if compact != key { probes.append(Probe(key: compact, everyWord: true)) }
        return probes
    }

    private func match(_ query: String, key: String, in index: NameIndex) throws(RegistryError) -> String {
        let entries = index.entries.values.filter { $0.summary != nil }
        for probe in Self.probes(key) {
            let found = entries.filter { $0.keys.contains(where: probe.matches) }.compactMap(\.summary).sorted { $0.id < $1.id }
            if found.count == 1 { return found[0].id }
            if found.count > 1 { throw .ambiguousTool(query: query, matches: found) }
        }

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
