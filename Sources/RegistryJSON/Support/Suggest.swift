// Canonical decomposition (`String._nfd`) is the standard library's, behind its Unicode SPI — the same one
// swift-foundation uses. It lets folding work without loading Foundation's ICU-backed `folding(options:)`.
@_spi(_Unicode) import Swift

/// "Did you mean …": case- and accent-insensitive closeness of names.
public enum Suggest {
    /// Lowercased text with accents removed, so "Résumé" matches "resume".
    public static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        var folded = String.UnicodeScalarView()
        for scalar in text.lowercased()._nfd where scalar.properties.generalCategory != .nonspacingMark {
            folded.append(narrow(scalar))
        }
        return String(folded)
    }

    /// Full-width ASCII forms ("ＧＰＴ") and the ideographic space as their ordinary counterparts.
    private static func narrow(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0xFF01...0xFF5E: Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar
        case 0x3000: " "
        default: scalar
        }
    }

    /// The candidate nearest to `word`, when it is close enough to be a likely typo.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        ranked(word, candidates, limit: 1).first
    }

    /// Up to `limit` candidates close to `word`, nearest first (ties by name).
    public static func ranked(_ word: String, _ candidates: [String], limit: Int) -> [String] {
        let w = Array(fold(word).unicodeScalars)
        guard !w.isEmpty else { return [] }
        var scored: [(Int, String)] = []
        for c in candidates {
            let folded = Array(fold(c).unicodeScalars)
            let d = distance(w, folded)
            // Accept about one typo per four characters, and prefix matches ("chatg" → "chatgpt").
            let threshold = max(1, min(w.count, folded.count) / 4)
            if d <= threshold || (w.count >= 3 && folded.starts(with: w)) { scored.append((d, c)) }
        }
        scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var result: [String] = []
        for (_, c) in scored where !result.contains(c) {
            result.append(c)
            if result.count == limit { break }
        }
        return result
    }

    /// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
