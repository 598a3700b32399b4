/// A parsed JSON document that keeps object key order and the literal text of numbers,
/// so that the registry can be re-written byte-for-byte stable and errors can name exact paths.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's literal text, exactly as written (never re-rounded through Double).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// A JSON type name for messages ("string", "object", …).
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The member named `key` of an object, or nil.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The boolean, when this is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The array elements, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// An integer, when this is a number literal without fraction or exponent that fits in `Int`.
    public var intValue: Int? {
        if case .number(let text) = self { return Int(text) }
        return nil
    }
}

/// One `"key": value` pair of a JSON object, in document order.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSONValue
    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// A location inside a JSON document, written `$.evidence[2].url`.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible, Comparable {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    /// The document root, `$`.
    public static let root = JSONPath(components: [])

    public init(components: [Component]) { self.components = components }

    /// This path extended by an object key.
    public func appending(_ key: String) -> JSONPath { JSONPath(components: components + [.key(key)]) }

    /// This path extended by an array index.
    public func appending(index: Int) -> JSONPath { JSONPath(components: components + [.index(index)]) }

    public var description: String {
        var text = "$"
        for component in components {
            switch component {
            case .index(let i): text += "[\(i)]"
            case .key(let k):
                if !k.isEmpty, k.utf8.allSatisfy({ isIdentifierByte($0) }) {
                    text += ".\(k)"
                } else {
                    text += "[\(JSONWriter.quote(k))]"
                }
            }
        }
        return text
    }

    public static func < (lhs: JSONPath, rhs: JSONPath) -> Bool { lhs.description < rhs.description }
}

private func isIdentifierByte(_ b: UInt8) -> Bool {
    (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D
}
