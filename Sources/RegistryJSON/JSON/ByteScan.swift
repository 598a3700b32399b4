/// Word-at-a-time tests for the JSON reader and writers: long plain runs (an envelope's base64 payload) are
/// skipped eight bytes at a time.
enum ByteScan {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether any of the eight bytes may be a quote, a backslash or a control character. Never false when
    /// one is (the classic "has a zero byte" test); may be true when none is, which only costs a byte-wise look.
    @inline(__always)
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        let control = (word &- 0x20 &* ones) & ~word & highs
        let quote = word ^ (0x22 &* ones)
        let backslash = word ^ (0x5C &* ones)
        return (control | ((quote &- ones) & ~quote & highs) | ((backslash &- ones) & ~backslash & highs)) != 0
    }

    /// Whether all eight bytes are printable ASCII other than a quote or a backslash, which `JSONWriter` copies as
    /// they are (it escapes DEL and looks at every non-ASCII byte for U+2028 and U+2029). Never true when one byte
    /// needs a look; may be false when none does, which only costs a byte-wise look.
    @inline(__always)
    static func isPlainASCII(_ word: UInt64) -> Bool {
        // A byte of 0x7F becomes 0x80 when one is added; a carry only comes from a byte that is already high.
        !mayNeedEscape(word) && (word | (word &+ ones)) & highs == 0
    }

    /// The eight bytes at `offset` (any alignment).
    @inline(__always)
    static func word(_ base: UnsafePointer<UInt8>, _ offset: Int) -> UInt64 {
        UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
    }
}
