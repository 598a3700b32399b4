/// A request's query string, decoded the way browsers encode forms (`+` is a space, `%XX` a byte).
public struct QueryString: Sendable {
    /// Name/value pairs in order; a name may repeat (`use=a&use=b`).
    public private(set) var pairs: [(name: String, value: String)] = []

    /// No parameters.
    public init() {}

    /// Nil when a value is not valid percent-encoded UTF-8.
    public init?(_ raw: String?) {
        guard let raw, !raw.isEmpty else { return }
        for part in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(pieces[0]), let value = Self.decode(pieces.count > 1 ? pieces[1] : "") else { return nil }
            pairs.append((name, value))
        }
    }

    /// The first value of `name`.
    public func first(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// Every value of `name`.
    public func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// Names present that are not in `known`.
    public func unknownNames(_ known: Set<String>) -> [String] { pairs.map(\.name).filter { !known.contains($0) } }

    /// A path segment percent-decoded (`+` stays a plus there); nil when it is not valid percent-encoded UTF-8.
    static func decodePathSegment(_ text: Substring) -> String? { decode(text, plusIsSpace: false) }

    private static func decode(_ text: Substring, plusIsSpace: Bool = true) -> String? {
        var bytes: [UInt8] = []
        var utf8 = text.utf8[...]
        while let byte = utf8.popFirst() {
            switch byte {
            case UInt8(ascii: "+") where plusIsSpace: bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = utf8.popFirst().flatMap(hexValue), let low = utf8.popFirst().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
