import Testing

@testable import RegistryJSON

@Suite struct JSONParserTests {
    @Test func keepsKeyOrderAndNumberText() throws {
        let parsed = try JSONParser.parse(Array(#"{"b": 1.50, "a": [true, null, "x"]}"#.utf8))
        #expect(parsed.value == .object([JSONMember("b", .number("1.50")), JSONMember("a", .array([.bool(true), .null, .string("x")]))]))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let parsed = try JSONParser.parse(Array(#"["a\"b\\c\/d\n", "\u00e9\ud83c\udfac"]"#.utf8))
        #expect(parsed.value == .array([.string("a\"b\\c/d\n"), .string("é🎬")]))
    }

    @Test(arguments: [
        ("", "unexpected end of file"), ("{", "end of file"), ("[1,]", "expected a value"), ("{\"a\":1,}", "expected a quoted key"),
        ("01", "leading zeros"), ("1.", "digit after '.'"), ("\"\\x\"", "invalid escape"), ("\"\\ud800\"", "lone UTF-16 surrogate"),
        ("tru", "expected true"), ("NaN", "expected a value"), ("{} {}", "after the end"), ("// c\n{}", "expected a value"),
        ("\"a\u{01}\"", "control character"), (String(repeating: "[", count: 65) + String(repeating: "]", count: 65), "nested more than 64"),
    ])
    func rejects(_ text: String, _ message: String) {
        #expect {
            _ = try JSONParser.parse(Array(text.utf8))
        } throws: { error in
            (error as? JSONSyntaxError)?.message.contains(message) == true
        }
    }

    @Test func reportsLineAndColumn() {
        #expect {
            _ = try JSONParser.parse(Array("{\n  \"a\": 1\n  \"b\": 2\n}".utf8))
        } throws: { error in
            guard let e = error as? JSONSyntaxError else { return false }
            return e.line == 3 && e.column == 3
        }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONSyntaxError.self) { _ = try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func writerIsStableAndReparses() throws {
        let text = "{\n  \"a\": [1, 2],\n  \"b\": {\n    \"c\": \"\\u0001\\n\"\n  },\n  \"d\": []\n}\n"
        let value = try JSONParser.parse(Array(text.utf8)).value
        #expect(JSONWriter.write(value) == text)
        #expect(try JSONParser.parse(Array(JSONWriter.write(value).utf8)).value == value)
    }

    @Test func escapedStringsKeepEveryRunBetweenEscapes() throws {
        let inner = "{\"payloadType\":\"application/x\",\"payload\":\"" + String(repeating: "QUJD", count: 300) + "\"}\ttail é"
        let encoded = Array(JSONWriter.quote(inner).utf8)
        #expect(try JSONParser.parse(encoded).value == .string(inner))
        // A raw control character is still refused after an escape has switched to the slow path.
        #expect(throws: JSONSyntaxError.self) { _ = try JSONParser.parse(Array("\"a\\nb\u{01}c\"".utf8)) }
    }

    @Test func stringsAreReadRightWhereverTheSpecialByteFalls() throws {
        // The reader skips plain runs eight bytes at a time: every position and alignment must still be seen.
        let plain = Array("QUJDREVGR0hJSktMTU5PUFFSU1RVVldY".utf8)
        for length in [0, 1, 7, 8, 9, 16, 17, 31] {
            for position in 0...length {
                func text(_ special: [UInt8]) -> [UInt8] {
                    [0x22] + plain[0..<position] + special + plain[0..<(length - position)] + [0x22]
                }
                let expected = { (s: String) in
                    String(decoding: plain[0..<position], as: UTF8.self) + s + String(decoding: plain[0..<(length - position)], as: UTF8.self)
                }
                #expect(try JSONParser.parse(text(Array("é€".utf8))).value == .string(expected("é€")))
                #expect(try JSONParser.parse(text(Array("\\n\\\"".utf8))).value == .string(expected("\n\"")))
                #expect(throws: JSONSyntaxError.self, "control byte at \(position) of \(length)") { _ = try JSONParser.parse(text([0x01])) }
                #expect(throws: JSONSyntaxError.self, "invalid UTF-8 at \(position) of \(length)") { _ = try JSONParser.parse(text([0xFF])) }
                #expect(throws: JSONSyntaxError.self, "unterminated at \(position) of \(length)") {
                    _ = try JSONParser.parse(Array(text([0x41]).dropLast()))
                }
            }
        }
    }

    @Test func quotingEscapesExactlyWhatItMust() throws {
        #expect(JSONWriter.quote("plain ASCII, no escapes") == "\"plain ASCII, no escapes\"")
        #expect(JSONWriter.quote("a\"b\\c") == "\"a\\\"b\\\\c\"")
        #expect(JSONWriter.quote("tab\tdel\u{7F}nul\u{0}") == "\"tab\\tdel\\u007fnul\\u0000\"")
        #expect(JSONWriter.quote("Résumé \u{2028}") == "\"Résumé \\u2028\"")
        for text in ["", "x", "\"", "é", "\u{1F600}", "a\u{1}b"] {
            #expect(try JSONParser.parse(Array(JSONWriter.quote(text).utf8)).value == .string(text))
        }
    }

    @Test(arguments: [1, 2, 11, 12, 13, 40])
    func duplicateKeysAreFoundInSmallAndLargeObjects(members: Int) throws {
        let keys = (0..<members).map { "k\($0)" }
        let unique = "{" + keys.map { "\"\($0)\": 1" }.joined(separator: ",") + "}"
        #expect(try JSONParser.parse(Array(unique.utf8)).duplicateKeys.isEmpty)
        for repeated in Set([0, members / 2, members - 1]) {
            let text = "{" + (keys + [keys[repeated]]).map { "\"\($0)\": 1" }.joined(separator: ",") + "}"
            #expect(
                try JSONParser.parse(Array(text.utf8)).duplicateKeys.map(\.description) == ["$.k\(repeated)"],
                "\(members) members, k\(repeated) twice")
            #expect(try JSONParser.parse(Array(text.utf8), recordLines: true).duplicateKeys.map(\.description) == ["$.k\(repeated)"])
        }
    }
}
