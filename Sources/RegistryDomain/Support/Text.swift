extension StringProtocol {
    /// Without leading and trailing white space.
    public func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

/// "1 tool", "2 tools": a count with its noun in the right number.
public func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
}

/// The order in which people look for tools: by name (case-insensitive), then by id.
public func byName(_ a: (id: String, name: String), _ b: (id: String, name: String)) -> Bool {
    let (x, y) = (a.name.lowercased(), b.name.lowercased())
    return x != y ? x < y : a.id < b.id
}

/// Lowercase hexadecimal, two digits a byte, as digests and key ids are written.
public enum Hex {
    /// The hex text of `bytes`.
    public static func string(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
