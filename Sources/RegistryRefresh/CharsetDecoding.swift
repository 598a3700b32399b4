/// Decodes a fetched page to UTF-8 by the character encoding it declares, before its text is extracted.
///
/// Read as UTF-8 whatever it declared, a Latin-1 page turns every accented letter into U+FFFD, so changed
/// wording (`é` → `è`) would read as unchanged. The declaration is looked for, in order, in a byte order mark,
/// the HTTP `Content-Type` header's `charset` parameter, and a `<meta charset>` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">` in the first 1024 bytes (as browsers prescan).
/// Labels are read as the WHATWG Encoding Standard reads them: `iso-8859-1`, `latin1` and `us-ascii` mean
/// windows-1252. An encoding this type does not know leaves the bytes as they are (read as UTF-8, as before).
enum CharsetDecoding {
    enum Encoding: Equatable {
        case utf8, windows1252, iso8859_15, utf16LE, utf16BE
    }

    /// `body` as UTF-8, with the content type to hand on: its `charset` says `utf-8` when there was one.
    static func utf8(_ body: [UInt8], contentType: String?) -> (bytes: [UInt8], contentType: String?) {
        var payload = body[...]
        let encoding: Encoding
        if let marked = bom(body) {
            encoding = marked.encoding
            payload = body.dropFirst(marked.length)
        } else if let label = contentType.flatMap(headerCharset), let declared = Self.encoding(label: label) {
            encoding = declared
        } else if let label = metaCharset(body), let declared = Self.encoding(label: label) {
            // A page that could read its own <meta> as ASCII is not UTF-16, whatever it says (as browsers decide).
            encoding = declared == .utf16LE || declared == .utf16BE ? .utf8 : declared
        } else {
            return (body, contentType)
        }
        return (decode(payload, encoding), contentType.map(declaringUTF8))
    }

    /// The encoding a byte order mark names, and the mark's length.
    static func bom(_ body: [UInt8]) -> (encoding: Encoding, length: Int)? {
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if body.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
        if body.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
        return nil
    }

    /// The `charset` parameter of a media type (`text/html; charset="ISO-8859-1"` → `ISO-8859-1`).
    static func headerCharset(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpaces.lowercased() == "charset" else { continue }
            let value = pair[1].trimmingSpaces.filter { $0 != "\"" && $0 != "'" }
            return value.isEmpty ? nil : String(value)
        }
        return nil
    }

    /// The charset a `<meta>` element declares in the first 1024 bytes, either form.
    static func metaCharset(_ body: [UInt8]) -> String? {
        let head = body.prefix(1024).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }  // ASCII lowercase
        var from = head.startIndex
        while let meta = head[from...].firstRange(of: Array("<meta".utf8)) {
            let end = head[meta.upperBound...].firstIndex(of: UInt8(ascii: ">")) ?? head.endIndex
            let tag = head[meta.upperBound..<end]
            if let charset = tag.firstRange(of: Array("charset".utf8)) {
                var i = charset.upperBound
                func skip(_ bytes: Set<UInt8>) { while i < tag.endIndex, bytes.contains(tag[i]) { i += 1 } }
                skip([0x20, 0x09, 0x0A, 0x0D, 0x0C])
                if i < tag.endIndex, tag[i] == UInt8(ascii: "=") {
                    i += 1
                    skip([0x20, 0x09, 0x0A, 0x0D, 0x0C, UInt8(ascii: "\""), UInt8(ascii: "'")])
                    let start = i
                    while i < tag.endIndex, Self.isLabelByte(tag[i]) { i += 1 }
                    if i > start { return String(decoding: tag[start..<i], as: UTF8.self) }
                }
            }
            from = end
        }
        return nil
    }

    private static func isLabelByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
            || b == UInt8(ascii: ".") || b == UInt8(ascii: ":")
    }

    /// The encoding a label names (WHATWG labels), or nil for one not handled here.
    static func encoding(label: String) -> Encoding? {
        switch label.lowercased() {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8":
            .utf8
        case "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987",
            "latin1", "l1", "iso-ir-100", "csisolatin1", "ibm819", "cp819", "us-ascii", "ascii", "ansi_x3.4-1968":
            .windows1252
        case "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "latin-9", "l9", "csisolatin9":
            .iso8859_15
        case "utf-16le", "utf-16", "ucs-2", "unicode", "csunicode", "iso-10646-ucs-2", "unicodefeff":
            .utf16LE
        case "utf-16be", "unicodefffe":
            .utf16BE
        default:
            nil
        }
    }

    /// `bytes` in `encoding`, as UTF-8.
    static func decode(_ bytes: ArraySlice<UInt8>, _ encoding: Encoding) -> [UInt8] {
        switch encoding {
        case .utf8:
            return Array(bytes)
        case .windows1252, .iso8859_15:
            if !bytes.contains(where: { $0 >= 0x80 }) { return Array(bytes) }
            var scalars = String.UnicodeScalarView()
            for byte in bytes {
                scalars.append(encoding == .windows1252 ? windows1252(byte) : iso8859_15(byte))
            }
            return Array(String(scalars).utf8)
        case .utf16LE, .utf16BE:
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var i = bytes.startIndex
            while i + 1 < bytes.endIndex {
                let (a, b) = (UInt16(bytes[i]), UInt16(bytes[i + 1]))
                units.append(encoding == .utf16LE ? a | b << 8 : a << 8 | b)
                i += 2
            }
            return Array(String(decoding: units, as: UTF16.self).utf8)
        }
    }

    /// windows-1252: Latin-1, except 0x80–0x9F, which hold typographic marks (’ “ ” – — € …).
    private static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
        guard (0x80...0x9F).contains(byte) else { return Unicode.Scalar(byte) }
        let table: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
            0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        return Unicode.Scalar(table[Int(byte - 0x80)]) ?? Unicode.Scalar(byte)
    }

    /// ISO-8859-15: Latin-1 with eight letters and the euro sign in place of rarely used signs.
    private static func iso8859_15(_ byte: UInt8) -> Unicode.Scalar {
        let changed: [UInt8: UInt32] = [
            0xA4: 0x20AC, 0xA6: 0x0160, 0xA8: 0x0161, 0xB4: 0x017D, 0xB8: 0x017E, 0xBC: 0x0152, 0xBD: 0x0153, 0xBE: 0x0178,
        ]
        return changed[byte].flatMap(Unicode.Scalar.init) ?? Unicode.Scalar(byte)
    }

    /// `contentType` with its charset parameter saying `utf-8` (added when it had none).
    static func declaringUTF8(_ contentType: String) -> String {
        var parts = contentType.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        let others = parts.dropFirst().filter { !$0.trimmingSpaces.lowercased().hasPrefix("charset") }
        parts = [parts.first ?? ""] + others
        return parts.joined(separator: ";") + "; charset=utf-8"
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: SubSequence {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return self[endIndex...] }
        return self[first...last]
    }
}
