/// What changed in a watched document's terms text since the review, as a reader wants it: only the
/// sentences that changed, each with its removed words marked `[-…-]` and its added words `{+…+}`, and whole
/// sentences removed (`- `) or added (`+ `) — not two whole documents to compare by eye.
///
/// Sentences are matched first, words within changed sentences next, both with the standard library's
/// `CollectionDifference` (Myers' algorithm: fast when, as with terms, most of the text agrees).
public enum WordDiff {
    /// One changed place in the text.
    public enum Change: Sendable, Equatable {
        /// A sentence rewritten: its words, each kept, removed or added.
        case edited([Word])
        case removed(String)
        case added(String)
    }

    public enum Word: Sendable, Equatable {
        case same(String), removed(String), added(String)
    }

    /// The changes that turn `old` into `new`, in the order of the text.
    public static func changes(old: String, new: String) -> [Change] {
        let a = sentences(old), b = sentences(new)
        let difference = b.difference(from: a)
        // Removed sentences by their offset in `a`, added ones by their offset in `b`: walking both texts
        // together, a run of removals followed by a run of additions at the same place is an edit.
        let (removedAt, addedAt) = offsets(of: difference)
        var out: [Change] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            var removed: [String] = [], added: [String] = []
            while i < a.count, removedAt.contains(i) {
                removed.append(a[i])
                i += 1
            }
            while j < b.count, addedAt.contains(j) {
                added.append(b[j])
                j += 1
            }
            if removed.isEmpty && added.isEmpty {
                i += 1
                j += 1
                continue
            }
            out += pair(removed, added)
        }
        return out
    }

    /// Removed and added sentences at one place: paired one to one as edits where they share most words,
    /// the rest whole.
    private static func pair(_ removed: [String], _ added: [String]) -> [Change] {
        var out: [Change] = []
        let paired = min(removed.count, added.count)
        for k in 0..<paired {
            let words = wordChanges(removed[k], added[k])
            let kept = words.filter { if case .same = $0 { true } else { false } }.count
            let oldCount = words.filter { if case .added = $0 { false } else { true } }.count
            // An edit while at least half the old words stay; past that, reading it whole is clearer.
            if kept * 2 >= oldCount {
                out.append(.edited(words))
            } else {
                out += [.removed(removed[k]), .added(added[k])]
            }
        }
        out += removed.dropFirst(paired).map(Change.removed)
        out += added.dropFirst(paired).map(Change.added)
        return out
    }

    /// The offsets of removed elements (in the old collection) and of inserted ones (in the new).
    static func offsets(of difference: CollectionDifference<String>) -> (removed: Set<Int>, added: Set<Int>) {
        var removed = Set<Int>(), added = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): added.insert(offset)
            }
        }
        return (removed, added)
    }

    static func wordChanges(_ old: String, _ new: String) -> [Word] {
        let a = old.split(separator: " ").map(String.init), b = new.split(separator: " ").map(String.init)
        let difference = b.difference(from: a)
        let (removedAt, addedAt) = offsets(of: difference)
        var out: [Word] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, removedAt.contains(i) {
                out.append(.removed(a[i]))
                i += 1
            } else if j < b.count, addedAt.contains(j) {
                out.append(.added(b[j]))
                j += 1
            } else {
                if i < a.count { out.append(.same(a[i])) }
                i += 1
                j += 1
            }
        }
        return out
    }

    /// The text's sentences: its lines (blocks), each cut after `.`, `!`, `?` or `;` followed by a space.
    static func sentences(_ text: String) -> [String] {
        var out: [String] = []
        for line in text.split(whereSeparator: \.isNewline) {
            var current = ""
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            for (k, word) in words.enumerated() {
                current += current.isEmpty ? String(word) : " " + word
                if let last = word.last, ".!?;".contains(last), k + 1 < words.count {
                    out.append(current)
                    current = ""
                }
            }
            if !current.isEmpty { out.append(current) }
        }
        return out
    }

    /// The changes as text lines: `~ ` an edited sentence with `[-removed-]` and `{+added+}` words, `- ` a
    /// removed sentence, `+ ` an added one; at most `limit` lines (the rest summarised, so a rewritten page
    /// cannot flood the queue). Runs of marked words are grouped: `[-30 days-]{+90 days+}`.
    public static func readable(old: String, new: String, limit: Int = 40) -> [String] {
        let all = changes(old: old, new: new)
        var out: [String] = []
        for change in all {
            switch change {
            case .removed(let s): out.append("- " + s)
            case .added(let s): out.append("+ " + s)
            case .edited(let words): out.append("~ " + marked(words))
            }
        }
        if out.count > limit {
            let hidden = out.count - limit
            out = Array(out.prefix(limit)) + ["… \(hidden) more changed sentences (\(all.count) in all)"]
        }
        return out
    }

    /// An edited sentence with its removed and added runs of words marked, long unchanged stretches elided.
    static func marked(_ words: [Word]) -> String {
        var parts: [String] = []
        var k = 0
        while k < words.count {
            switch words[k] {
            case .same:
                var run: [String] = []
                while k < words.count, case .same(let w) = words[k] {
                    run.append(w)
                    k += 1
                }
                // Keep a few words of context on each side of a change; elide the middle of long stretches.
                let isFirst = parts.isEmpty, isLast = k == words.count
                if run.count > 12 {
                    let head = isFirst ? [] : Array(run.prefix(6)), tail = isLast ? [] : Array(run.suffix(6))
                    parts.append((head + ["…"] + tail).joined(separator: " "))
                } else {
                    parts.append(run.joined(separator: " "))
                }
            case .removed, .added:
                var removed: [String] = [], added: [String] = []
                while k < words.count {
                    if case .removed(let w) = words[k] { removed.append(w) } else if case .added(let w) = words[k] { added.append(w) } else { break }
                    k += 1
                }
                var mark = ""
                if !removed.isEmpty { mark += "[-" + removed.joined(separator: " ") + "-]" }
                if !added.isEmpty { mark += "{+" + added.joined(separator: " ") + "+}" }
                parts.append(mark)
            }
        }
        return parts.joined(separator: " ")
    }
}
