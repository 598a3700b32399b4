import FoundationEssentials

/// Base64 as DSSE requires verifiers to read it: the standard or the URL-safe alphabet, padding optional.
enum Base64Text {
    /// The bytes `text` encodes, or nil when it is not base64 (whitespace included: envelopes never need it).
    ///
    /// Four symbols at a time through a lookup table: this runs for every attestation of a refresh.
    static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { decode(utf8: $0) }
    }

    /// `decode` over the text's UTF-8 bytes.
    static func decode(utf8 text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var symbols = text.count
        while symbols > 0, text[symbols - 1] == UInt8(ascii: "=") { symbols -= 1 }
        let padding = text.count - symbols
        // A lone trailing symbol carries no whole byte; padding, when present, must complete the last group.
        guard symbols % 4 != 1, padding <= 2, padding == 0 || text.count % 4 == 0 else { return nil }
        let whole = symbols / 4
        let tail = symbols % 4
        let count = whole * 3 + (tail == 0 ? 0 : tail - 1)
        return table.withUnsafeBufferPointer { table -> [UInt8]? in
            var valid = true
            let out = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
                var i = 0
                var o = 0
                for _ in 0..<whole {
                    let a = table[Int(text[i])], b = table[Int(text[i + 1])], c = table[Int(text[i + 2])], d = table[Int(text[i + 3])]
                    // Invalid symbols (and '=' before the end) are 0xFF in the table: one test for all four.
                    guard (a | b | c | d) & 0xC0 == 0 else {
                        valid = false
                        break
                    }
                    let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    out[o] = UInt8(truncatingIfNeeded: group >> 16)
                    out[o + 1] = UInt8(truncatingIfNeeded: group >> 8)
                    out[o + 2] = UInt8(truncatingIfNeeded: group)
                    i += 4
                    o += 3
                }
                if valid, tail > 0 {
                    var group: UInt32 = 0
                    for k in 0..<tail {
                        let v = table[Int(text[i + k])]
                        if v & 0xC0 != 0 { valid = false }
                        group = group << 6 | UInt32(v & 0x3F)
                    }
                    group <<= UInt32(6 * (4 - tail))
                    out[o] = UInt8(truncatingIfNeeded: group >> 16)
                    if tail == 3 { out[o + 1] = UInt8(truncatingIfNeeded: group >> 8) }
                    o += tail - 1
                }
                initialized = valid ? o : 0
            }
            return valid ? out : nil
        }
    }

    /// Symbol values of both alphabets (standard and URL-safe); 0xFF for anything else.
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8.enumerated() { table[Int(c)] = UInt8(i) }
        for (c, v) in [("+", 62), ("-", 62), ("/", 63), ("_", 63)] as [(Unicode.Scalar, UInt8)] { table[Int(c.value)] = v }
        return table
    }()

    /// Standard, padded base64 (what every DSSE reader accepts).
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }
}
