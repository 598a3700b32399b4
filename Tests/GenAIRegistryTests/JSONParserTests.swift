import Testing
@testable import GenAIRegistry

@Suite struct JSONParserTests {
    @Test func keepsKeyOrderAndNumberText() throws {
        let parsed = try JSONParser.parse(Array(#"{"b": 1.50, "a": [true, null, "x"]}"#.utf8))
        #expect(parsed.value == .object([JSONMember("b", .number("1.50")), JSONMember("a", .array([.bool(true), .null, .string("x")]))]))
    }
}
