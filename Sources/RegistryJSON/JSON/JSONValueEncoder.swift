/// Encodes `Encodable` models into a `JSONValue`, the mirror of `JSONValueDecoder`: `JSONWriter` then writes
/// it, so every file kind is written the same way, with no detour through text.
///
/// The members of every keyed container come out sorted by key (code-point order): a `[String: …]`
/// dictionary, whose order Swift does not fix, gives the same bytes every run, and a struct's members a fixed
/// order (records are reordered by their schema afterwards anyway). Absent optionals are left out, as
/// `encodeIfPresent` asks; a key encoded twice in one container keeps its last value.
public struct JSONValueEncoder {
    /// `value` as a JSON tree.
    public static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        try encodeValue(value, Session()).finished
    }
}

/// What one `encode` call shares among its containers.
private final class Session {
    /// The last timestamp written and its text: a refresh stamps most states of a shard with the same instant,
    /// and formatting each was a good part of writing a shard.
    @exclusivity(unchecked) var lastTime: (Timestamp, String)?

    func text(of time: Timestamp) -> String {
        if let (last, text) = lastTime, last == time { return text }
        let text = time.description
        lastTime = (time, text)
        return text
    }
}

/// A value being built: a finished scalar, or a container that may still be filled.
private enum Slot {
    case value(JSONValue)
    case object(ObjectBox)
    case array(ArrayBox)
    /// What a super-encoder was given (read when the tree is finished).
    case encoder(Impl)

    var finished: JSONValue {
        switch self {
        case .value(let value): return value
        case .object(let box): return box.finished
        case .array(let box): return .array(box.elements.map(\.finished))
        case .encoder(let impl): return impl.slot?.finished ?? .object([])
        }
    }
}

/// The boxes below are filled by one `encode` call on one thread, one access at a time: their properties skip
/// the runtime's exclusivity bookkeeping, which every append otherwise paid for.
private final class ObjectBox {
    @exclusivity(unchecked) var members: [(key: String, slot: Slot)]

    init() {
        // Room for a typical model's members at once, rather than growing 1, 2, 4, 8.
        members = []
        members.reserveCapacity(8)
    }

    var finished: JSONValue {
        // A stable sort: of a key encoded twice, the later stays later and wins below. Members already in order
        // (a model whose fields are declared alphabetically) are not copied to be sorted.
        var inOrder = true
        var i = 1
        while i < members.count {
            if members[i].key < members[i - 1].key {
                inOrder = false
                break
            }
            i += 1
        }
        let sorted = inOrder ? members : members.sorted { $0.key < $1.key }
        var out: [JSONMember] = []
        out.reserveCapacity(sorted.count)
        for member in sorted {
            if let last = out.last, last.key == member.key { out.removeLast() }
            out.append(JSONMember(member.key, member.slot.finished))
        }
        return .object(out)
    }
}

private final class ArrayBox {
    @exclusivity(unchecked) var elements: [Slot] = []
}

/// `value` as a slot: the common scalars directly, anything else through its own `encode(to:)`.
private func encodeValue<T: Encodable>(_ value: T, _ session: Session) throws -> Slot {
    // Type comparisons, then a reinterpretation: a runtime cast would look up metadata on every call.
    if T.self == String.self { return .value(.string(unsafeBitCast(value, to: String.self))) }
    if T.self == Int.self { return .value(.number(String(unsafeBitCast(value, to: Int.self)))) }
    if T.self == Bool.self { return .value(.bool(unsafeBitCast(value, to: Bool.self))) }
    if T.self == Timestamp.self { return .value(.string(session.text(of: unsafeBitCast(value, to: Timestamp.self)))) }
    let impl = Impl(session)
    try value.encode(to: impl)
    // A value that encoded nothing is an empty object, as `JSONEncoder` writes it.
    return impl.slot ?? .value(.object([]))
}

private func number<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F) throws -> JSONValue {
    guard value.isFinite else {
        throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "JSON has no \(value)"))
    }
    // Whole numbers without a fraction, as JSON writers usually give them (`3`, not `3.0`).
    if value == value.rounded(), abs(value) < 1e15 { return .number(String(Int64(value))) }
    return .number(value.description)
}

// MARK: Encoder

private final class Impl: Encoder {
    let session: Session
    @exclusivity(unchecked) var slot: Slot?
    init(_ session: Session) { self.session = session }
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object(let box)? = slot { return KeyedEncodingContainer(Keyed<Key>(box: box, session: session)) }
        let box = ObjectBox()
        slot = .object(box)
        return KeyedEncodingContainer(Keyed<Key>(box: box, session: session))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let box)? = slot { return Unkeyed(box: box, session: session) }
        let box = ArrayBox()
        slot = .array(box)
        return Unkeyed(box: box, session: session)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(impl: self) }
}

// MARK: Keyed

private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: ObjectBox
    let session: Session
    var codingPath: [any CodingKey] { [] }

    private func put(_ key: Key, _ slot: Slot) { box.members.append((key.stringValue, slot)) }

    mutating func encodeNil(forKey key: Key) throws { put(key, .value(.null)) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(key, .value(.string(value))) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(key, .value(.bool(value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(key, .value(.number(String(value)))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(key, .value(.number(String(value)))) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(key, .value(try number(value))) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { put(key, try encodeValue(value, session)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectBox()
        put(key, .object(nested))
        return KeyedEncodingContainer(Keyed<NestedKey>(box: nested, session: session))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = ArrayBox()
        put(key, .array(nested))
        return Unkeyed(box: nested, session: session)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> any Encoder {
        let impl = Impl(session)
        box.members.append((name, .encoder(impl)))
        return impl
    }
}

// MARK: Unkeyed

private struct Unkeyed: UnkeyedEncodingContainer {
    let box: ArrayBox
    let session: Session
    var codingPath: [any CodingKey] { [] }
    var count: Int { box.elements.count }

    mutating func encodeNil() throws { box.elements.append(.value(.null)) }
    mutating func encode(_ value: String) throws { box.elements.append(.value(.string(value))) }
    mutating func encode(_ value: Bool) throws { box.elements.append(.value(.bool(value))) }
    mutating func encode(_ value: Int) throws { box.elements.append(.value(.number(String(value)))) }
    mutating func encode(_ value: Double) throws { box.elements.append(.value(try number(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { box.elements.append(try encodeValue(value, session)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectBox()
        box.elements.append(.object(nested))
        return KeyedEncodingContainer(Keyed<NestedKey>(box: nested, session: session))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = ArrayBox()
        box.elements.append(.array(nested))
        return Unkeyed(box: nested, session: session)
    }

    mutating func superEncoder() -> any Encoder {
        let impl = Impl(session)
        box.elements.append(.encoder(impl))
        return impl
    }
}

// MARK: Single value

private struct Single: SingleValueEncodingContainer {
    let impl: Impl
    var codingPath: [any CodingKey] { [] }

    private func set(_ value: JSONValue) { impl.slot = .value(value) }

    mutating func encodeNil() throws { set(.null) }
    mutating func encode(_ value: String) throws { set(.string(value)) }
    mutating func encode(_ value: Bool) throws { set(.bool(value)) }
    mutating func encode(_ value: Int) throws { set(.number(String(value))) }
    mutating func encode(_ value: Int8) throws { set(.number(String(value))) }
    mutating func encode(_ value: Int16) throws { set(.number(String(value))) }
    mutating func encode(_ value: Int32) throws { set(.number(String(value))) }
    mutating func encode(_ value: Int64) throws { set(.number(String(value))) }
    mutating func encode(_ value: UInt) throws { set(.number(String(value))) }
    mutating func encode(_ value: UInt8) throws { set(.number(String(value))) }
    mutating func encode(_ value: UInt16) throws { set(.number(String(value))) }
    mutating func encode(_ value: UInt32) throws { set(.number(String(value))) }
    mutating func encode(_ value: UInt64) throws { set(.number(String(value))) }
    mutating func encode(_ value: Double) throws { set(try number(value)) }
    mutating func encode(_ value: Float) throws { set(try number(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { impl.slot = try encodeValue(value, impl.session) }
}
