import RegistryJSON

/// Writes a state shard straight to bytes, in exactly the layout Foundation's `JSONEncoder` gives it with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` (the layout of every shard written so far, so
/// git diffs stay minimal): two-space indent, `"key" : value`, keys in code-point order, absent optionals
/// omitted, empty objects as `{` blank line `}`.
///
/// Why not the encoder: a refresh that changes every tool rewrites all 256 shards, and going through
/// `Encodable` was the slowest step after the signature checks.
struct ShardWriter {
    private var out: [UInt8] = []
    /// The last timestamp written and its text: a refresh stamps most states with the same instant.
    private var lastTime: (Timestamp, String)?

    /// The file bytes of a shard holding `tools` (with the final newline).
    static func bytes(format: String, tools: [String: ToolState]) -> [UInt8] {
        var writer = ShardWriter()
        writer.out.reserveCapacity(tools.count * 2_400 + 64)
        writer.object(indent: 0) { w in
            w.member("format", indent: 1) { $0.string(format) }
            w.member("tools", indent: 1) { w in
                w.object(indent: 1) { w in
                    for (id, state) in tools.sorted(by: { $0.key < $1.key }) {
                        w.member(id, indent: 2) { $0.tool(state, indent: 2) }
                    }
                }
            }
        }
        writer.out.append(0x0A)
        return writer.out
    }

    private mutating func tool(_ state: ToolState, indent: Int) {
        object(indent: indent) { w in
            if let a = state.attestation {
                w.member("attestation", indent: indent + 1) { $0.attestation(a, indent: indent + 1) }
            }
            w.member("documents", indent: indent + 1) { w in
                w.object(indent: indent + 1) { w in
                    for (url, document) in state.documents.sorted(by: { $0.key < $1.key }) {
                        w.member(url, indent: indent + 2) { $0.document(document, indent: indent + 2) }
                    }
                }
            }
        }
    }

    // Members in code-point order of their keys, as `.sortedKeys` writes them.
    private mutating func attestation(_ a: AttestationState, indent: Int) {
        let i = indent + 1
        object(indent: indent) { w in
            if let v = a.envelope { w.member("envelope", indent: i) { $0.string(v) } }
            if let v = a.etag { w.member("etag", indent: i) { $0.string(v) } }
            if let v = a.highestVersion { w.member("highestVersion", indent: i) { $0.integer(v) } }
            if let v = a.lastCheck { w.member("lastCheck", indent: i) { $0.check(v, indent: i) } }
            if let v = a.lastModified { w.member("lastModified", indent: i) { $0.string(v) } }
            w.member("url", indent: i) { $0.string(a.url) }
            if let v = a.verifiedAt { w.member("verifiedAt", indent: i) { $0.time(v) } }
            if let v = a.versionKey { w.member("versionKey", indent: i) { $0.string(v) } }
        }
    }

    private mutating func document(_ d: DocumentState, indent: Int) {
        let i = indent + 1
        object(indent: indent) { w in
            if let v = d.changedAt { w.member("changedAt", indent: i) { $0.time(v) } }
            if let v = d.etag { w.member("etag", indent: i) { $0.string(v) } }
            if let v = d.lastCheck { w.member("lastCheck", indent: i) { $0.check(v, indent: i) } }
            if let v = d.lastModified { w.member("lastModified", indent: i) { $0.string(v) } }
            if let v = d.rawSHA256 { w.member("rawSHA256", indent: i) { $0.string(v) } }
            if let v = d.sha256 { w.member("sha256", indent: i) { $0.string(v) } }
        }
    }

    private mutating func check(_ c: CheckOutcome, indent: Int) {
        let i = indent + 1
        object(indent: indent) { w in
            if let v = c.message { w.member("message", indent: i) { $0.string(v) } }
            w.member("since", indent: i) { $0.time(c.since) }
            w.member("status", indent: i) { $0.string(c.status) }
        }
    }

    // MARK: Layout

    /// Tracks whether a member has been written, for the commas and the empty-object form.
    private var membersWritten: [Int] = []

    private mutating func object(indent: Int, _ body: (inout ShardWriter) -> Void) {
        out.append(UInt8(ascii: "{"))
        membersWritten.append(0)
        body(&self)
        if membersWritten.removeLast() == 0 { out.append(0x0A) }
        out.append(0x0A)
        spaces(indent)
        out.append(UInt8(ascii: "}"))
    }

    private mutating func member(_ key: String, indent: Int, _ value: (inout ShardWriter) -> Void) {
        if membersWritten[membersWritten.count - 1] > 0 { out.append(UInt8(ascii: ",")) }
        membersWritten[membersWritten.count - 1] += 1
        out.append(0x0A)
        spaces(indent)
        string(key)
        out.append(contentsOf: [0x20, UInt8(ascii: ":"), 0x20])
        value(&self)
    }

    private mutating func spaces(_ indent: Int) {
        out.append(contentsOf: repeatElement(0x20, count: indent * 2))
    }

    private mutating func integer(_ value: Int) {
        out.append(contentsOf: String(value).utf8)
    }

    /// A timestamp as a string, formatted once for a run of equal ones.
    private mutating func time(_ time: Timestamp) {
        if let (last, text) = lastTime, last == time { return string(text) }
        let text = time.description
        lastTime = (time, text)
        string(text)
    }

    /// A JSON string as Foundation escapes it: `"` `\` and the short escapes, other control characters as
    /// `\u00xx`, everything else (slashes, DEL, non-ASCII) as is.
    private mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            out.append(UInt8(ascii: "\""))
            guard let base = utf8.baseAddress else {
                out.append(UInt8(ascii: "\""))
                return
            }
            let count = utf8.count
            var run = 0
            var index = 0
            while index < count {
                // Eight bytes at a time through the long plain runs (an envelope's base64 payload).
                while index + 8 <= count, !ByteScan.mayNeedEscape(ByteScan.word(base, index)) {
                    index += 8
                }
                guard index < count else { break }
                let byte = base[index]
                guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 else {
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index]))
                out.append(0x5C)
                switch byte {
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                case 0..<0x20:
                    out.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0xF)]])
                default: out.append(byte)  // the quote or the backslash itself
                }
                index += 1
                run = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
            out.append(UInt8(ascii: "\""))
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)
}
