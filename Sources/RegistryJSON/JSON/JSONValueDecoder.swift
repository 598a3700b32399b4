/// Decodes `Decodable` models straight from an already-parsed `JSONValue`, so a file is parsed once (by the
/// strict parser that also feeds the schema check) and every file kind is read the same way.
///
/// Built for speed, since a refresh decodes thousands of payloads and a few hundred state shards: no coding path
/// is built while decoding (an error gets its path as it travels back up, key by key), the decoder and the
/// array and single-value containers fit in an existential's inline buffer (no allocation each), the common
/// scalars have their own overloads (no casts), and a large object read key by key in order (a dictionary) is
/// searched from where the last key was found rather than from its start.
/// Unknown members are ignored; of repeated keys, the first one counts.
public struct JSONValueDecoder {
    /// Decodes `type` from `value`.
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try decodeValue(T.self, value)
    }
}

// MARK: Values

/// `value` as `T`: the common scalars directly, anything else through its own `init(from:)`.
private func decodeValue<T: Decodable>(_ type: T.Type, _ value: JSONValue) throws -> T {
    // Type comparisons first: a cast to an unrelated type makes the runtime scan every protocol conformance.
    if T.self == String.self { return try cast(try string(value, []), value) }
    if T.self == Int.self { return try cast(try integer(Int.self, value, []), value) }
    if T.self == Bool.self { return try cast(try bool(value, []), value) }
    // Every state and payload holds a few: read without a single-value container each.
    if T.self == Timestamp.self { return try cast(try timestamp(value), value) }
    return try T(from: ValueDecoder(value: value))
}

/// `scalar` as `T`, which the caller has found to be its very type: reinterpreted, since a runtime cast looks up
/// the metadata of `Optional<T>` on every call.
@inline(__always)
private func cast<S, T>(_ scalar: S, _ value: JSONValue) throws -> T {
    guard S.self == T.self else { throw mismatch(T.self, value, []) }
    return unsafeBitCast(scalar, to: T.self)
}

private func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
    .typeMismatch(type, .init(codingPath: path, debugDescription: "expected \(type), found \(value.typeName)"))
}

@inline(__always)
private func string(_ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> String {
    guard case .string(let s) = value else { throw mismatch(String.self, value, path()) }
    return s
}

@inline(__always)
private func bool(_ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> Bool {
    guard case .bool(let b) = value else { throw mismatch(Bool.self, value, path()) }
    return b
}

/// A timestamp string, with the error `Timestamp`'s own `init(from:)` gives.
private func timestamp(_ value: JSONValue) throws -> Timestamp {
    let text = try string(value, [])
    guard let time = Timestamp(text) else {
        throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not \(Timestamp.formatName): \(text)"))
    }
    return time
}

/// An integer literal that fits `I` (no fraction, no exponent).
@inline(__always)
private func integer<I: FixedWidthInteger>(_ type: I.Type, _ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> I {
    guard case .number(let text) = value, let n = I(text) else { throw mismatch(I.self, value, path()) }
    return n
}

private func floating<F: LosslessStringConvertible>(_ type: F.Type, _ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> F {
    guard case .number(let text) = value, let n = F(text) else { throw mismatch(F.self, value, path()) }
    return n
}

// MARK: Paths of errors

private struct IndexKey: CodingKey {
    var stringValue: String { String(index) }
    var intValue: Int? { index }
    let index: Int
    init(_ index: Int) { self.index = index }
    init?(stringValue: String) { nil }
    init(intValue: Int) { index = intValue }
}

/// Runs `body`; a `DecodingError` from inside gets `key` in front of its coding path. Paths are thus built
/// only for errors, on their way out.
@inline(__always)
private func within<K: CodingKey, R>(_ key: K, _ body: () throws -> R) throws -> R {
    do { return try body() } catch { throw prefixed(error, key) }
}

private func prefixed(_ error: any Error, _ key: some CodingKey) -> any Error {
    guard let error = error as? DecodingError else { return error }
    func extended(_ c: DecodingError.Context) -> DecodingError.Context {
        .init(codingPath: [key] + c.codingPath, debugDescription: c.debugDescription, underlyingError: c.underlyingError)
    }
    switch error {
    case .typeMismatch(let type, let c): return DecodingError.typeMismatch(type, extended(c))
    case .valueNotFound(let type, let c): return DecodingError.valueNotFound(type, extended(c))
    case .keyNotFound(let missing, let c): return DecodingError.keyNotFound(missing, extended(c))
    case .dataCorrupted(let c): return DecodingError.dataCorrupted(extended(c))
    @unknown default: return error
    }
}

// MARK: Decoder

/// Only the value: small enough to live inline in `any Decoder`.
private struct ValueDecoder: Decoder {
    let value: JSONValue
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch([String: JSONValue].self, value, []) }
        return KeyedDecodingContainer(Keyed<Key>(members: members))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw mismatch([JSONValue].self, value, []) }
        return Unkeyed(elements: elements)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(value: value) }
}

// MARK: Keyed

/// Where the next key is likely to be, for a large object read key by key (a dictionary asks for every key
/// in `allKeys` order: searched from the start each time, that was quadratic in its size).
/// Used by one container on one thread: no exclusivity bookkeeping on each step.
private final class Cursor {
    @exclusivity(unchecked) var next = 0
    @exclusivity(unchecked) var active = false
}

private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [JSONMember]
    /// Only for objects large enough for a linear search from the start to matter.
    let cursor: Cursor?
    var codingPath: [any CodingKey] { [] }

    init(members: [JSONMember]) {
        self.members = members
        cursor = members.count > 16 ? Cursor() : nil
    }

    /// Every key once, in document order. The cursor is used only when no key repeats: then whatever the
    /// search from the cursor finds is the only (so the first) member of that name.
    var allKeys: [Key] {
        var keys: [Key] = []
        keys.reserveCapacity(members.count)
        var seen = Set<String>()
        var repeated = false
        for member in members {
            guard seen.insert(member.key).inserted else {
                repeated = true
                continue
            }
            if let key = Key(stringValue: member.key) { keys.append(key) }
        }
        if let cursor, !repeated { cursor.active = true }
        return keys
    }

    @inline(__always)
    private func find(_ key: Key) -> JSONValue? {
        let name = key.stringValue
        if let cursor, cursor.active { return search(name, from: cursor) }
        for member in members where member.key == name { return member.value }
        return nil
    }

    private func search(_ name: String, from cursor: Cursor) -> JSONValue? {
        let start = min(cursor.next, members.count)
        for i in start..<members.count where members[i].key == name {
            cursor.next = i + 1
            return members[i].value
        }
        for i in 0..<start where members[i].key == name {
            cursor.next = i + 1
            return members[i].value
        }
        return nil
    }

    private func value(_ key: Key) throws -> JSONValue {
        guard let value = find(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "missing \"\(key.stringValue)\""))
        }
        return value
    }

    /// The member, or nil when absent or null (what `decodeIfPresent` gives nil for).
    @inline(__always)
    private func present(_ key: Key) -> JSONValue? {
        guard let value = find(key) else { return nil }
        if case .null = value { return nil }
        return value
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        if case .null = try value(key) { return true }
        return false
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String { try string(try value(key), [key]) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try bool(try value(key), [key]) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(Int.self, try value(key), [key]) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(Int64.self, try value(key), [key]) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try floating(Double.self, try value(key), [key]) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let value = try value(key)
        return try within(key) { try decodeValue(T.self, value) }
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let value = present(key) else { return nil }
        return try string(value, [key])
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let value = present(key) else { return nil }
        return try bool(value, [key])
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let value = present(key) else { return nil }
        return try integer(Int.self, value, [key])
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = present(key) else { return nil }
        return try within(key) { try decodeValue(T.self, value) }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        let value = try value(key)
        return try within(key) { try ValueDecoder(value: value).container(keyedBy: type) }
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let value = try value(key)
        return try within(key) { try ValueDecoder(value: value).unkeyedContainer() }
    }

    func superDecoder() throws -> any Decoder { ValueDecoder(value: .object(members)) }
    func superDecoder(forKey key: Key) throws -> any Decoder { ValueDecoder(value: try value(key)) }
}

// MARK: Unkeyed

/// The elements and a position: small enough to live inline in `any UnkeyedDecodingContainer`.
private struct Unkeyed: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    init(elements: [JSONValue]) { self.elements = elements }

    private mutating func next() throws -> JSONValue {
        guard currentIndex < elements.count else {
            throw DecodingError.valueNotFound(
                JSONValue.self, .init(codingPath: [IndexKey(currentIndex)], debugDescription: "array has no more elements"))
        }
        defer { currentIndex += 1 }
        return elements[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        guard currentIndex < elements.count, case .null = elements[currentIndex] else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: String.Type) throws -> String {
        let index = currentIndex
        return try string(try next(), [IndexKey(index)])
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let index = currentIndex
        let value = try next()
        return try within(IndexKey(index)) { try decodeValue(T.self, value) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let index = currentIndex
        let value = try next()
        return try within(IndexKey(index)) { try ValueDecoder(value: value).container(keyedBy: type) }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let index = currentIndex
        let value = try next()
        return try within(IndexKey(index)) { try ValueDecoder(value: value).unkeyedContainer() }
    }

    mutating func superDecoder() throws -> any Decoder { ValueDecoder(value: try next()) }
}

// MARK: Single value

private struct Single: SingleValueDecodingContainer {
    let value: JSONValue
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool {
        if case .null = value { return true }
        return false
    }

    func decode(_ type: String.Type) throws -> String { try string(value, []) }
    func decode(_ type: Bool.Type) throws -> Bool { try bool(value, []) }
    func decode(_ type: Int.Type) throws -> Int { try integer(Int.self, value, []) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(Int8.self, value, []) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(Int16.self, value, []) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(Int32.self, value, []) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(Int64.self, value, []) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(UInt.self, value, []) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(UInt8.self, value, []) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(UInt16.self, value, []) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(UInt32.self, value, []) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(UInt64.self, value, []) }
    func decode(_ type: Double.Type) throws -> Double { try floating(Double.self, value, []) }
    func decode(_ type: Float.Type) throws -> Float { try floating(Float.self, value, []) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(T.self, value) }
}
