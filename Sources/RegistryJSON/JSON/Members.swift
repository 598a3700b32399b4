/// An object's members by name, for the readers that skip the generic `Decodable` route (objects here have a
/// handful of members: a linear search is the fast one). Like `JSONValueDecoder`, the first of repeated keys wins.
package struct Members {
    package let members: [JSONMember]

    package init?(_ value: JSONValue) {
        guard case .object(let members) = value else { return nil }
        self.members = members
    }

    package subscript(key: String) -> JSONValue? { members.first(where: { $0.key == key })?.value }

    package func string(_ key: String) -> String? { self[key]?.stringValue }
    package func integer(_ key: String) -> Int? { self[key]?.intValue }
    package func array(_ key: String) -> [JSONValue]? { self[key]?.arrayValue }

    /// An object member read into a dictionary by `read` (the first of repeated keys wins); nil when any value is unreadable.
    package static func dictionary<T>(_ value: JSONValue, _ read: (JSONValue) -> T?) -> [String: T]? {
        guard case .object(let members) = value else { return nil }
        var out: [String: T] = [:]
        out.reserveCapacity(members.count)
        for member in members where out[member.key] == nil {
            guard let item = read(member.value) else { return nil }
            out[member.key] = item
        }
        return out
    }

    /// A member that may be null or absent, as `decodeIfPresent` reads it: `.some(nil)` for null or absent,
    /// `.some(value)` when `read` understands it, nil (unreadable) otherwise.
    package func optional<T>(_ key: String, _ read: (JSONValue) -> T?) -> T?? {
        guard let value = self[key] else { return .some(nil) }
        if case .null = value { return .some(nil) }
        guard let read = read(value) else { return nil }
        return .some(read)
    }
}
