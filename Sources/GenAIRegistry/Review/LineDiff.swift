/// A readable line diff of two normalised texts, in the familiar unified style: `-` removed, `+` added,
/// a few unchanged lines of context around each change, `@@` headers with line numbers.
public enum LineDiff {
    /// One line of the diff.
    public enum Line: Sendable, Equatable {
        case same(String), removed(String), added(String)
    }

    /// The edit script turning `old` into `new` (longest common subsequence after trimming the shared
    /// head and tail, which is where terms pages usually agree; the middle is bounded so a huge rewrite
    /// degrades to "all removed, all added" instead of exhausting memory).
    public static func lines(_ old: [String], _ new: [String], maxCells: Int = 4_000_000) -> [Line] {
        var head = 0
        while head < old.count, head < new.count, old[head] == new[head] { head += 1 }
        var tail = 0
        while tail < old.count - head, tail < new.count - head, old[old.count - 1 - tail] == new[new.count - 1 - tail] { tail += 1 }
        let a = Array(old[head..<(old.count - tail)]), b = Array(new[head..<(new.count - tail)])
        var middle: [Line] = []
        if a.count * b.count > maxCells || a.isEmpty || b.isEmpty {
            middle = a.map(Line.removed) + b.map(Line.added)
        } else {
            // lcs[i][j] = length of the LCS of a[i...] and b[j...], in one flat array.
            let width = b.count + 1
            var lcs = [Int32](repeating: 0, count: (a.count + 1) * width)
            for i in stride(from: a.count - 1, through: 0, by: -1) {
                for j in stride(from: b.count - 1, through: 0, by: -1) {
                    lcs[i * width + j] = a[i] == b[j] ? lcs[(i + 1) * width + j + 1] + 1 : max(lcs[(i + 1) * width + j], lcs[i * width + j + 1])
                }
            }
            var i = 0, j = 0
            while i < a.count || j < b.count {
                if i < a.count, j < b.count, a[i] == b[j] {
                    middle.append(.same(a[i])); i += 1; j += 1
                } else if j < b.count, i == a.count || lcs[i * width + j + 1] >= lcs[(i + 1) * width + j] {
                    middle.append(.added(b[j])); j += 1
                } else {
                    middle.append(.removed(a[i])); i += 1
                }
            }
            // Show removals before additions within a change, as people expect.
            middle = regroup(middle)
        }
        return old[..<head].map(Line.same) + middle + old[(old.count - tail)...].map(Line.same)
    }

    /// Moves each run of mixed removals and additions into "all removed, then all added".
    private static func regroup(_ lines: [Line]) -> [Line] {
        var out: [Line] = []
        var removed: [Line] = [], added: [Line] = []
        func flush() { out += removed + added; removed = []; added = [] }
        for line in lines {
            switch line {
            case .same: flush(); out.append(line)
            case .removed: removed.append(line)
            case .added: added.append(line)
            }
        }
        flush()
        return out
    }

    /// The diff as unified-style text lines, with `context` unchanged lines around each change and at most
    /// `limit` lines in all (the rest is summarised, so a rewritten page cannot flood the queue).
    public static func unified(old: String, new: String, context: Int = 2, limit: Int = 80) -> [String] {
        let script = lines(split(old), split(new))
        var show = [Bool](repeating: false, count: script.count)
        for (k, line) in script.enumerated() {
            if case .same = line { continue }
            for m in max(0, k - context)...min(script.count - 1, k + context) { show[m] = true }
        }
        var out: [String] = []
        var oldLine = 1, newLine = 1
        var inHunk = false
        var removedCount = 0, addedCount = 0
        for (k, line) in script.enumerated() {
            if show[k] && !inHunk { out.append("@@ line \(oldLine) → \(newLine) @@") }
            inHunk = show[k]
            switch line {
            case .same(let s):
                if show[k] { out.append("  " + s) }
                oldLine += 1; newLine += 1
            case .removed(let s):
                out.append("- " + s); oldLine += 1; removedCount += 1
            case .added(let s):
                out.append("+ " + s); newLine += 1; addedCount += 1
            }
        }
        if out.count > limit {
            let hidden = out.count - limit
            out = Array(out.prefix(limit)) + ["… \(hidden) more diff lines (\(removedCount) removed and \(addedCount) added in all)"]
        }
        return out
    }

    private static func split(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }
}
