/// Writes `JSONValue`s in the registry's one canonical layout: two-space indent, `": "` separators,
/// short scalar arrays kept on one line, a final newline. Same input, same bytes — so diffs stay small.
///
/// Written as UTF-8 bytes, runs of plain text copied whole, rather than built from many small `String`s:
/// large reports and state files are written on every refresh.
public enum JSONWriter {
    /// The canonical text of `value`, ending in a newline.
    public static func write(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// The canonical text of `value` as UTF-8, ending in a newline.
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        bytes(value, capacity: 1024)
    }

    /// `bytes`, with room for `capacity` bytes made at once (a large file grown by doubling copied itself again
    /// and again).
    public static func bytes(_ value: JSONValue, capacity: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(capacity)
        emit(value, indent: 0, into: &out)
        out.append(newline)
        return out
    }

    /// `value` on a single line with no insignificant whitespace (for embedding, hashing and compact output).
    public static func compact(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        emitCompact(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON string literal for `text`, escaping only what JSON requires (plus DEL and U+2028/9 for safety in HTML/JS).
    public static func quote(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        appendQuoted(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static let newline = UInt8(ascii: "\n")
    private static let hex = Array("0123456789abcdef".utf8)
    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)
    private static let colonSpace: [UInt8] = [UInt8(ascii: ":"), UInt8(ascii: " ")]
    /// Arrays of at least this many objects or arrays (a refresh report's 10,000 items) are written on every core.
    static let parallelElements = 1024

    private static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .array, .object: false
        default: true
        }
    }

    private static func pad(_ count: Int, _ out: inout [UInt8]) {
        var left = count
        while left > 0 {
            let n = min(left, spaces.count)
            out.append(contentsOf: spaces[..<n])
            left -= n
        }
    }

    private static func emit(_ value: JSONValue, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .array(let elements):
            if elements.isEmpty {
                out.append(contentsOf: "[]".utf8)
                return
            }
            // Short lists of scalars (aliases, categories) read best on one line. (Checked before building the
            // line: a report's list of 10,000 objects was compacted whole only to be thrown away.)
            if elements.allSatisfy(isScalar) {
                let start = out.count
                out.append(UInt8(ascii: "["))
                for (i, element) in elements.enumerated() {
                    if i > 0 { out.append(contentsOf: ", ".utf8) }
                    emitCompact(element, into: &out)
                }
                out.append(UInt8(ascii: "]"))
                // The limit counts characters; bytes are an upper bound, so they are counted only past it.
                let bytes = out.count - start
                if bytes + indent <= 100 || String(decoding: out[start...], as: UTF8.self).count + indent <= 100 { return }
                out.removeSubrange(start...)
            }
            out.append(UInt8(ascii: "["))
            out.append(newline)
            if elements.count >= parallelElements {
                // Each element's text depends only on the element and its indent: chunks written apart join exactly.
                let size = elements.count / 64 + 1
                let ranges = stride(from: 0, to: elements.count, by: size).map { $0..<min(elements.count, $0 + size) }
                let parts = Parallel.map(ranges, minimumPerWorker: 1) { range -> [UInt8] in
                    var part: [UInt8] = []
                    emitElements(elements, range, indent: indent, into: &part)
                    return part
                }
                out.reserveCapacity(out.count + parts.reduce(0) { $0 + $1.count } + indent + 2)
                for part in parts { out.append(contentsOf: part) }
            } else {
                emitElements(elements, elements.indices, indent: indent, into: &out)
            }
            pad(indent, &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                out.append(contentsOf: "{}".utf8)
                return
            }
            out.append(UInt8(ascii: "{"))
            out.append(newline)
            for (i, member) in members.enumerated() {
                pad(indent + 2, &out)
                appendQuoted(member.key, to: &out)
                out.append(contentsOf: colonSpace)
                emit(member.value, indent: indent + 2, into: &out)
                if i < members.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(newline)
            }
            pad(indent, &out)
            out.append(UInt8(ascii: "}"))
        default:
            emitCompact(value, into: &out)
        }
    }

    /// The elements in `range` of an array at `indent`, a line each.
    private static func emitElements(_ elements: [JSONValue], _ range: Range<Int>, indent: Int, into out: inout [UInt8]) {
        for i in range {
            pad(indent + 2, &out)
            emit(elements[i], indent: indent + 2, into: &out)
            if i < elements.count - 1 { out.append(UInt8(ascii: ",")) }
            out.append(newline)
        }
    }

    private static func emitCompact(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let s): appendQuoted(s, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (i, e) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                emitCompact(e, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, m) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendQuoted(m.key, to: &out)
                out.append(UInt8(ascii: ":"))
                emitCompact(m.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends `text` as a JSON string literal: runs that need no escape are copied whole.
    private static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var run = 0
            var i = 0
            while i < utf8.count {
                // Eight bytes at a time through plain runs (URLs, ids, base64).
                if let base = utf8.baseAddress {
                    while i + 8 <= utf8.count, ByteScan.isPlainASCII(ByteScan.word(base, i)) { i += 8 }
                    guard i < utf8.count else { break }
                }
                let byte = utf8[i]
                if byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                    i += 1
                    continue
                }
                if byte >= 0x80 {
                    // Of all non-ASCII text only U+2028 and U+2029 (E2 80 A8/A9) are escaped.
                    if byte == 0xE2, i + 2 < utf8.count, utf8[i + 1] == 0x80, utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9 {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                        out.append(contentsOf: (utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                        i += 3
                        run = i
                    } else {
                        i += 1
                    }
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                default: out.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])  // other controls, DEL
                }
                i += 1
                run = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
