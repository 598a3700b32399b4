/// Which part of a watched page is the terms: a watched document's `select` and `remove` CSS selectors.
public struct DocumentSelectors: Sendable, Hashable {
    /// The parts that are the terms; nil: the page's main content.
    public var select: [String]?
    /// Parts to leave out.
    public var remove: [String]

    public init(select: [String]? = nil, remove: [String] = []) {
        self.select = select
        self.remove = remove
    }

    /// The refresh-targets cache's field: `URL 1E SELECT 1E REMOVE` per document, between them 1D; the
    /// selectors of a list joined by 1C, no `select` as an empty list (a `select` list is never empty).
    /// Nil when a value holds one of those separators (the tool is then left out of the cache).
    static func encode(_ byURL: [String: DocumentSelectors]) -> String? {
        let separators: Set<UInt8> = [0x1C, 0x1D, 0x1E, 0x1F, 0x0A, 0x0D]
        var entries: [String] = []
        for (url, s) in byURL.sorted(by: { $0.key < $1.key }) {
            let values = [url] + (s.select ?? []) + s.remove
            if values.contains(where: { $0.isEmpty || $0.utf8.contains(where: separators.contains) }) { return nil }
            entries.append([url, (s.select ?? []).joined(separator: "\u{1C}"), s.remove.joined(separator: "\u{1C}")].joined(separator: "\u{1E}"))
        }
        return entries.joined(separator: "\u{1D}")
    }

    /// Reads `encode`'s field; nil when it is not well formed.
    static func decode(_ field: String) -> [String: DocumentSelectors]? {
        var out: [String: DocumentSelectors] = [:]
        if field.isEmpty { return out }
        for entry in field.split(separator: "\u{1D}", omittingEmptySubsequences: false) {
            let parts = entry.split(separator: "\u{1E}", omittingEmptySubsequences: false)
            guard parts.count == 3, !parts[0].isEmpty else { return nil }
            let list = { (s: Substring) in s.isEmpty ? [] : s.split(separator: "\u{1C}", omittingEmptySubsequences: false).map(String.init) }
            out[String(parts[0])] = DocumentSelectors(select: parts[1].isEmpty ? nil : list(parts[1]), remove: list(parts[2]))
        }
        return out
    }
}
