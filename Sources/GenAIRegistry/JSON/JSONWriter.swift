/// Writes `JSONValue`s in the registry's one canonical layout: two-space indent, `": "` separators,
/// short scalar arrays kept on one line, a final newline. Same input, same bytes — so diffs stay small.
public enum JSONWriter {
    /// The canonical text of `value`, ending in a newline.
    public static func write(_ value: JSONValue) -> String {
        var out = ""
        emit(value, indent: 0, into: &out)
        out += "\n"
        return out
    }

    /// `value` on a single line with no insignificant whitespace (for embedding, hashing and compact output).
    public static func compact(_ value: JSONValue) -> String {
        var out = ""
        emitCompact(value, into: &out)
        return out
    }

    /// A JSON string literal for `text`, escaping only what JSON requires (plus DEL and U+2028/9 for safety in HTML/JS).
    public static func quote(_ text: String) -> String {
        // Most strings are printable ASCII with nothing to escape: copied whole, not scalar by scalar.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .array, .object: false
        default: true
        }
    }

    private static func emit(_ value: JSONValue, indent: Int, into out: inout String) {
        switch value {
        case .array(let elements):
            if elements.isEmpty {
                out += "[]"
                return
            }
            // Short lists of scalars (aliases, categories) read best on one line. (Checked before building the
            // line: a report's list of 10,000 objects was compacted whole only to be thrown away.)
            if elements.allSatisfy(isScalar) {
                let inline = "[" + elements.map { compact($0) }.joined(separator: ", ") + "]"
                if inline.count + indent <= 100 {
                    out += inline
                    return
                }
            }
            out += "[\n"
            for (i, element) in elements.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                emit(element, indent: indent + 2, into: &out)
                out += i == elements.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (i, member) in members.enumerated() {
                out += String(repeating: " ", count: indent + 2) + quote(member.key) + ": "
                emit(member.value, indent: indent + 2, into: &out)
                out += i == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        default:
            emitCompact(value, into: &out)
        }
    }

    private static func emitCompact(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let text): out += text
        case .string(let s): out += quote(s)
        case .array(let elements):
            out += "["
            for (i, e) in elements.enumerated() {
                if i > 0 { out += "," }
                emitCompact(e, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, m) in members.enumerated() {
                if i > 0 { out += "," }
                out += quote(m.key) + ":"
                emitCompact(m.value, into: &out)
            }
            out += "}"
        }
    }
}
