import TestSupport
import Testing

@testable import RegistryJSON

/// The byte writer must write exactly what the former `String` writer (kept below as the reference) wrote:
/// stored records, shards and reports are compared and hashed as bytes.
@Suite struct JSONWriterTests {
    @Test func matchesTheReferenceWriterOnRandomValues() throws {
        var random = SplitMix(seed: 0x5EED_2026)
        for round in 0..<600 {
            let value = Self.value(depth: 0, &random)
            let written = JSONWriter.write(value)
            #expect(written == Reference.write(value), "round \(round)")
            #expect(JSONWriter.compact(value) == Reference.compact(value), "round \(round)")
            #expect(try JSONParser.parse(Array(written.utf8)).value == value, "round \(round)")
        }
    }

    @Test(arguments: [96, 97, 98, 99, 100, 101])
    func scalarListsStayInlineUpToOneHundredCharactersNotBytes(width: Int) {
        // "é" is two bytes and one character: the limit must count characters, as the reference did.
        for letter in ["a", "é", "\u{1F3AC}"] {
            let item = String(repeating: letter, count: max(0, width - 12))
            let value = JSONValue.object([JSONMember("aliases", .array([.string(item), .number("1")]))])
            #expect(JSONWriter.write(value) == Reference.write(value), "\(letter) × \(width)")
        }
    }

    @Test func bytesAreTheTextAsUTF8() {
        let value = JSONValue.object([JSONMember("name", .string("Résumé \u{2028}")), JSONMember("n", .array([]))])
        #expect(JSONWriter.bytes(value) == Array(JSONWriter.write(value).utf8))
    }

    @Test func everySpecialCharacterAtEveryPositionOfALongString() {
        // Plain runs are copied eight bytes at a time: each character that needs an escape or a look must be
        // found at every offset and alignment, alone and next to another.
        let specials = ["\"", "\\", "\n", "\u{0}", "\u{1F}", "\u{7F}", "é", "\u{2028}", "\u{2029}", "\u{2027}", "\u{1F3AC}"]
        for special in specials {
            for position in 0..<24 {
                for suffix in ["", "0123456789abcdef", special] {
                    let text = String(repeating: "x", count: position) + special + suffix
                    let value = JSONValue.array([.string(text), .object([JSONMember(text, .string(text))])])
                    #expect(JSONWriter.write(value) == Reference.write(value), "\(special.unicodeScalars.map(\.value)) at \(position)")
                    #expect(JSONWriter.compact(value) == Reference.compact(value))
                }
            }
        }
    }

    @Test func aLongArrayOfObjectsIsWrittenInPiecesThatJoinExactly() {
        // From `parallelElements` objects on, the elements are written on every core in chunks.
        var random = SplitMix(seed: 0xA11_17E5)
        for count in [JSONWriter.parallelElements - 1, JSONWriter.parallelElements, 3 * JSONWriter.parallelElements + 7] {
            let items = (0..<count).map { i in
                JSONValue.object([JSONMember("i", .number(String(i))), JSONMember("v", Self.value(depth: 2, &random))])
            }
            for value in [JSONValue.array(items), .object([JSONMember("items", .array(items)), JSONMember("n", .number("1"))])] {
                #expect(JSONWriter.write(value) == Reference.write(value), "\(count) items")
            }
        }
    }

    // MARK: Random values

    static let pieces = [
        "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{0}", "\u{1F}", "\u{7F}", "é", "€",
        "\u{2028}", "\u{2029}", "\u{2027}", "\u{1F3AC}", "\u{E2}", "ab", "longer plain text ",
    ]

    static func string(_ random: inout SplitMix) -> String {
        (0..<Int(random.next() % 12)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
    }

    static func value(depth: Int, _ random: inout SplitMix) -> JSONValue {
        let kind = Int(random.next() % (depth >= 4 ? 4 : 7))
        switch kind {
        case 0: return .null
        case 1: return .bool(random.next() % 2 == 0)
        case 2: return .number(["0", "-1", "1.50", "2e10", "123456789"][Int(random.next() % 5)])
        case 3: return .string(string(&random))
        case 4, 5:
            // Arrays of scalars, of mixed values, long and short, to cross the one-line limit both ways.
            let count = Int(random.next() % 14)
            let scalars = random.next() % 2 == 0
            return .array((0..<count).map { _ in scalars ? value(depth: 4, &random) : value(depth: depth + 1, &random) })
        default:
            let count = Int(random.next() % 6)
            return .object((0..<count).map { i in JSONMember(string(&random) + "\(i)", value(depth: depth + 1, &random)) })
        }
    }
}

/// The writer as it was before it wrote bytes: `String`s, scalar by scalar.
private enum Reference {
    static func write(_ value: JSONValue) -> String {
        var out = ""
        emit(value, indent: 0, into: &out)
        return out + "\n"
    }

    static func compact(_ value: JSONValue) -> String {
        var out = ""
        emitCompact(value, into: &out)
        return out
    }

    static func quote(_ text: String) -> String {
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

    static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .array, .object: false
        default: true
        }
    }

    static func emit(_ value: JSONValue, indent: Int, into out: inout String) {
        switch value {
        case .array(let elements):
            if elements.isEmpty {
                out += "[]"
                return
            }
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

    static func emitCompact(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let text): out += text
        case .string(let s): out += quote(s)
        case .array(let elements):
            out += "[" + elements.map { compact($0) }.joined(separator: ",") + "]"
        case .object(let members):
            out += "{" + members.map { quote($0.key) + ":" + compact($0.value) }.joined(separator: ",") + "}"
        }
    }
}
