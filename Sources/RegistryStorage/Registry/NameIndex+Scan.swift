import CRegistrySystem
import Glibc
import RegistryDomain

extension NameIndex {
    /// The lookup cache read in place for one question, without building an entry per tool.
    ///
    /// A name lookup needs one line of thousands, so walking the bytes beats building every entry.
    /// Only valid while the `tools/` folder's modification time equals the cache's (a quick load, see `load`):
    /// callers confirm what it finds against the record and fall back to a thorough `load` otherwise.
    ///
    /// The file is mapped, not read: copying a megabyte into fresh memory was most of a name lookup's cost.
    /// The cache is only ever replaced by rename (never truncated in place), so the mapping stays whole.
    final class Scan {
        private let bytes: UnsafeBufferPointer<UInt8>
        /// Offset of the first tool line, after the header, the folder stamp and the category lines.
        private let body: Int
        /// Where each category's list of tool ids is.
        private let categories: [String: Range<Int>]

        init?(for store: RegistryStore) {
            guard let folder = try? FileIO.stamp(store.toolsDirectory), let path = NameIndex.cachePath(for: store) else { return nil }
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var st = stat()
            guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0,
                let map = mmap(nil, Int(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED
            else { return nil }
            let bytes = UnsafeBufferPointer(start: map.assumingMemoryBound(to: UInt8.self), count: Int(st.st_size))
            let header = Array(NameIndex.header.utf8) + [NameIndex.newline]
            guard bytes.starts(with: header), let end = bytes[header.count...].firstIndex(of: NameIndex.newline),
                Int64(String(decoding: UnsafeBufferPointer(rebasing: bytes[header.count..<end]), as: UTF8.self)) == folder.modifiedNanoseconds
            else {
                munmap(map, Int(st.st_size))
                return nil
            }
            self.bytes = bytes
            // The category lines come first; the tool lines after them.
            var start = end + 1
            var categories: [String: Range<Int>] = [:]
            while start < bytes.count, bytes[start] == NameIndex.categoryLine {
                let lineEnd = bytes[start...].firstIndex(of: NameIndex.newline) ?? bytes.count
                if let separator = bytes[start..<lineEnd].firstIndex(of: NameIndex.field) {
                    categories[String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<separator]), as: UTF8.self)] =
                        (separator + 1)..<lineEnd
                }
                start = lineEnd + 1
            }
            self.categories = categories
            self.body = start
        }

        deinit {
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        }

        /// Ids of the tools with a key equal to `key` or, with `everyWord`, a key holding every word of `key`.
        func ids(matching key: String, everyWord: Bool) -> [String] {
            everyWord ? idsByWords(key) : idsByKey(key)
        }

        /// Ids of the tools with a key equal to `key`: memmem(3) finds the candidates, and each is kept only
        /// when it is a whole item of the last field (the keys) of a well-formed line.
        private func idsByKey(_ key: String) -> [String] {
            let wanted = Array(key.utf8)
            guard !wanted.isEmpty else { return [] }
            var ids: [String] = []
            let p = bytes
            guard let base = p.baseAddress else { return [] }
            var from = body
            while from < p.count {
                let offset = wanted.withUnsafeBufferPointer { w in cregistry_find(base + from, p.count - from, w.baseAddress, w.count) }
                guard offset >= 0 else { break }
                let hit = from + offset
                let end = hit + wanted.count
                from = hit + 1
                guard hit > body, p[hit - 1] == NameIndex.field || p[hit - 1] == NameIndex.item,
                    end == p.count || p[end] == NameIndex.item || p[end] == NameIndex.newline
                else { continue }
                var lineEnd = end
                while lineEnd < p.count, p[lineEnd] != NameIndex.newline, p[lineEnd] != NameIndex.field { lineEnd += 1 }
                guard lineEnd == p.count || p[lineEnd] == NameIndex.newline else { continue }
                var lineStart = hit
                while lineStart > body, p[lineStart - 1] != NameIndex.newline { lineStart -= 1 }
                guard let idEnd = (lineStart..<hit).first(where: { p[$0] == NameIndex.field }),
                    (lineStart..<hit).count(where: { p[$0] == NameIndex.field }) == 8
                else { continue }
                let id = String(decoding: UnsafeBufferPointer(rebasing: p[lineStart..<idEnd]), as: UTF8.self)
                if ids.last != id { ids.append(id) }
                from = lineEnd
            }
            return ids
        }

        /// Ids of the tools with a key holding every word of `key`.
        private func idsByWords(_ key: String) -> [String] {
            let wanted = Array(key.utf8)
            let words = wanted.split(separator: Self.space).map(Array.init)
            var ids: [String] = []
            forEachLine { line in
                let hit = line.anyPart(of: 8, separatedBy: NameIndex.item) { a, b in
                    words.allSatisfy { line.anyPart(a, b, separatedBy: Self.space, equalTo: $0) }
                }
                if hit { ids.append(line.text(0)) }
            }
            return ids
        }

        /// Every tool listed under any of `categories`, with how many of them it shares (from the category lines).
        func tools(sharing wanted: Set<ToolCategory>) -> [(id: String, shared: Int)] {
            var shared: [String: Int] = [:]
            for category in wanted {
                guard let range = categories[category.rawValue], !range.isEmpty else { continue }
                var start = range.lowerBound
                for i in range.lowerBound...range.upperBound where i == range.upperBound || bytes[i] == NameIndex.item {
                    shared[String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self), default: 0] += 1
                    start = i + 1
                }
            }
            return shared.map { ($0.key, $0.value) }
        }

        private static let space = UInt8(ascii: " ")

        /// Calls `visit` with every well-formed tool line (nine fields).
        private func forEachLine(_ visit: (Line) -> Void) {
            let p = bytes
            var start = body
            var separators = [Int](repeating: 0, count: 8)
            while start < p.count {
                var end = start
                var n = 0
                while end < p.count, p[end] != NameIndex.newline {
                    if p[end] == NameIndex.field {
                        if n < 8 { separators[n] = end }
                        n += 1
                    }
                    end += 1
                }
                if n == 8 { visit(Line(p: p, start: start, end: end, separators: separators)) }
                start = end + 1
            }
        }

        /// One cache line: byte offsets of its fields within the whole file.
        private struct Line {
            let p: UnsafeBufferPointer<UInt8>
            let start: Int
            let end: Int
            let separators: [Int]

            func bounds(_ field: Int) -> (Int, Int) {
                (field == 0 ? start : separators[field - 1] + 1, field == 8 ? end : separators[field])
            }

            func text(_ field: Int) -> String {
                let (a, b) = bounds(field)
                return String(decoding: UnsafeBufferPointer(rebasing: p[a..<b]), as: UTF8.self)
            }

            func equal(_ a: Int, _ b: Int, _ other: [UInt8]) -> Bool {
                guard b - a == other.count else { return false }
                for i in 0..<other.count where p[a + i] != other[i] { return false }
                return true
            }

            /// Whether `test` holds for any `separator`-separated part of `field`.
            func anyPart(of field: Int, separatedBy separator: UInt8, _ test: (Int, Int) -> Bool) -> Bool {
                let (a, b) = bounds(field)
                return anyPart(a, b, separatedBy: separator, test)
            }

            /// Whether any part of bytes `a..<b` equals `other`.
            func anyPart(_ a: Int, _ b: Int, separatedBy separator: UInt8, equalTo other: [UInt8]) -> Bool {
                anyPart(a, b, separatedBy: separator) { equal($0, $1, other) }
            }

            func anyPart(_ a: Int, _ b: Int, separatedBy separator: UInt8, _ test: (Int, Int) -> Bool) -> Bool {
                guard a < b else { return false }
                var partStart = a
                for i in a...b where i == b || p[i] == separator {
                    if test(partStart, i) { return true }
                    partStart = i + 1
                }
                return false
            }
        }
    }
}
