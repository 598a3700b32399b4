/// Rewrites a JSON value into the schema's canonical shape: fields in schema order, absent nullable
/// fields written as explicit `null` ("not known" is a statement, not an omission), unknown fields kept last.
public enum CanonicalForm {
    /// The canonical form of `value` under `schema`.
    public static func apply(_ value: JSONValue, _ schema: Schema) -> JSONValue {
        switch (value, schema.unwrapped) {
        case (.object(let members), .object(let fields)):
            var out: [JSONMember] = []
            for field in fields {
                if let member = members.first(where: { $0.key == field.name }) {
                    out.append(JSONMember(field.name, apply(member.value, field.schema)))
                } else if field.schema.isNullable {
                    out.append(JSONMember(field.name, .null))
                }
            }
            out += members.filter { m in !fields.contains(where: { $0.name == m.key }) }
            return .object(out)
        case (.array(let elements), .array(let element, _, _)):
            return .array(elements.map { apply($0, element) })
        default:
            return value
        }
    }

    /// An instance with every field present: nulls where nullable, empty arrays, `false`, `0`, `""` otherwise.
    public static func scaffold(_ schema: Schema) -> JSONValue {
        if schema.isNullable, case .object = schema.unwrapped {
            // Nested optional objects are scaffolded in full so the editor sees every field.
        } else if schema.isNullable {
            return .null
        }
        switch schema.unwrapped {
        case .object(let fields): return .object(fields.map { JSONMember($0.name, scaffold($0.schema)) })
        case .array: return .array([])
        case .boolean: return .bool(false)
        case .integer(let range): return .number(String(range.lowerBound))
        case .string, .nullable: return .string("")
        }
    }
}
