extension NameIndex {
    /// The lookup cache read in place for one question, without building an entry per tool.
    ///
    /// A name lookup needs one line of 10,000; building every entry cost ~40 ms, scanning the bytes ~1 ms.
    /// Only valid while the `tools/` folder's modification time equals the cache's (a quick load, see `load`):
    /// callers confirm what it finds against the record and fall back to a thorough `load` otherwise.
    struct Scan {
        private let lines: ArraySlice<ArraySlice<UInt8>>

        init?(for store: RegistryStore) {
            guard let folder = try? FileIO.stamp(store.toolsDirectory), let path = NameIndex.cachePath(for: store),
                  let bytes = try? FileIO.read(path), let (stamp, lines) = NameIndex.lines(of: bytes),
                  stamp == folder.modifiedNanoseconds, !lines.isEmpty
            else { return nil }
            self.lines = lines
        }

        /// Ids of the tools with a key equal to `key` or, with `everyWord`, a key holding every word of `key`.
        func ids(matching key: String, everyWord: Bool) -> [String] {
            let wanted = Array(key.utf8)
            let words = wanted.split(separator: Self.space)
            var ids: [String] = []
            for line in lines {
                guard let fields = Self.fields(line) else { continue }
                var hit = false
                Self.forEach(in: line[fields[8]], separatedBy: NameIndex.item) { k in
                    hit = everyWord ? words.allSatisfy { w in Self.contains(k, word: w) } : k.elementsEqual(wanted)
                    return !hit
                }
                if hit { ids.append(String(decoding: line[fields[0]], as: UTF8.self)) }
            }
            return ids
        }

        /// The summaries of tools listed under any of `categories`.
        func summaries(sharing categories: Set<ToolCategory>) -> [ToolSummary] {
            let wanted = categories.map { Array($0.rawValue.utf8) }
            var found: [ToolSummary] = []
            for line in lines {
                guard let fields = Self.fields(line) else { continue }
                var shares = false
                Self.forEach(in: line[fields[6]], separatedBy: NameIndex.item) { c in
                    shares = wanted.contains { c.elementsEqual($0) }
                    return !shares
                }
                if shares, let summary = NameIndex.entry(line)?.entry.summary { found.append(summary) }
            }
            return found
        }

        private static let space = UInt8(ascii: " ")

        /// The nine fields' ranges of a well-formed tool line, or nil.
        private static func fields(_ line: ArraySlice<UInt8>) -> [Range<Int>]? {
            var ranges: [Range<Int>] = []
            ranges.reserveCapacity(9)
            var start = line.startIndex
            for i in line.indices where line[i] == NameIndex.field {
                ranges.append(start..<i)
                start = i + 1
            }
            ranges.append(start..<line.endIndex)
            return ranges.count == 9 ? ranges : nil
        }

        /// Calls `body` with each part of `bytes` between separators while it returns true.
        private static func forEach(in bytes: ArraySlice<UInt8>, separatedBy separator: UInt8, _ body: (ArraySlice<UInt8>) -> Bool) {
            guard !bytes.isEmpty else { return }
            var start = bytes.startIndex
            while true {
                let end = bytes[start...].firstIndex(of: separator) ?? bytes.endIndex
                if !body(bytes[start..<end]) || end == bytes.endIndex { return }
                start = end + 1
            }
        }

        /// Whether the space-separated `key` holds `word` as a whole word.
        private static func contains(_ key: ArraySlice<UInt8>, word: ArraySlice<UInt8>) -> Bool {
            var found = false
            forEach(in: key, separatedBy: space) { part in
                found = part.elementsEqual(word)
                return !found
            }
            return found
        }
    }
}
