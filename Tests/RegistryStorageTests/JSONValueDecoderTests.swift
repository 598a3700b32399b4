import Testing

@testable import RegistryJSON
@testable import RegistryStorage

/// The decoder reads every file kind: state shards with every optional present or absent, unknown members
/// ignored, the first of repeated keys counting, wrong types refused with the path of the culprit.
@Suite struct JSONValueDecoderTests {
    func shard(_ text: String) throws -> StateStore.ShardFile {
        try JSONValueDecoder.decode(StateStore.ShardFile.self, from: try JSONParser.parse(Array(text.utf8)).value)
    }

    @Test func absentOptionalsUnknownMembersAndRepeatedKeys() throws {
        // Optional members absent or null; unknown members anywhere; a repeated tool and a repeated member: the first counts.
        let file = try shard(
            #"""
            {"format": "f", "future": [1, {"x": null}], "tools": {
              "a": {"attestation": {"url": "https://a.example/", "highestVersion": 3, "highestVersion": "x", "colour": "red"}, "documents": {}},
              "a": {"attestation": null, "documents": {}},
              "b": {"attestation": null, "documents": {"u": {"etag": null, "lastCheck": {"status": "changed", "since": "2026-11-20T10:00:00Z", "extra": {}}}}},
              "c": {"documents": {"u": {}}}
            }}
            """#)
        #expect(file.format == "f")
        var a = AttestationState(url: "https://a.example/")
        a.highestVersion = 3
        var d = DocumentState()
        d.lastCheck = CheckOutcome(status: "changed", since: try #require(Timestamp("2026-11-20T10:00:00Z")))
        #expect(
            file.tools == ["a": ToolState(attestation: a), "b": ToolState(documents: ["u": d]), "c": ToolState(documents: ["u": DocumentState()])])
    }

    @Test func largeObjectsInAnyOrderAndWithRepeatedKeys() throws {
        // Objects this large are searched from the last key found: the answers must be those of a search from the start.
        let names = (0..<40).map { "tool-\($0)" }
        var text = #"{"format": "f", "tools": {"#
        text += names.map { #""\#($0)": {"attestation": {"url": "https://\#($0).example/"}, "documents": {}}"# }.joined(separator: ", ")
        text += #", "tool-3": {"documents": {}}}}"#
        let file = try shard(text)
        #expect(file.tools.count == 40)
        for name in names { #expect(file.tools[name]?.attestation?.url == "https://\(name).example/") }

        struct Wide: Decodable {
            var f0: Int, f17: Int, f5: Int, f19: Int, f1: Int, f18: Int
            var absent: Int?
        }
        let members = (0..<20).map { #""f\#($0)": \#($0)"# } + [#""f5": 99"#]
        let wide = try JSONValueDecoder.decode(Wide.self, from: try JSONParser.parse(Array("{\(members.joined(separator: ","))}".utf8)).value)
        #expect([wide.f0, wide.f17, wide.f5, wide.f19, wide.f1, wide.f18] == [0, 17, 5, 19, 1, 18])
        #expect(wide.absent == nil)
    }

    @Test(arguments: [
        (#"{"format": "f", "tools": {"a": {"attestation": null}}}"#, "tools.a"),  // documents is required
        (#"{"format": "f", "tools": {"a": {"attestation": {"url": 5}, "documents": {}}}}"#, "tools.a.attestation.url"),
        (
            #"{"format": "f", "tools": {"a": {"attestation": {"url": "u", "highestVersion": 1.5}, "documents": {}}}}"#,
            "tools.a.attestation.highestVersion"
        ),
        (
            #"{"format": "f", "tools": {"a": {"attestation": {"url": "u", "verifiedAt": "yesterday"}, "documents": {}}}}"#,
            "tools.a.attestation.verifiedAt"
        ),
        (
            #"{"format": "f", "tools": {"a": {"documents": {"u": {"lastCheck": {"status": "changed", "since": null}}}}}}"#,
            "tools.a.documents.u.lastCheck.since"
        ),
        (#"{"format": "f", "tools": {"a": {"documents": {"u": {"etag": ["x"]}}}}}"#, "tools.a.documents.u.etag"),
        (#"{"format": "f", "tools": []}"#, "tools"),
        (#"{"tools": {}}"#, ""),
        (#"[]"#, ""),
    ])
    func wrongTypesAndMissingMembersAreRefusedWithTheirPath(text: String, path: String) throws {
        do {
            _ = try shard(text)
            Issue.record("accepted \(text)")
        } catch let error as DecodingError {
            let context: DecodingError.Context
            switch error {
            case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c): context = c
            @unknown default: throw error
            }
            #expect(context.codingPath.map(\.stringValue).joined(separator: ".") == path)
        }
    }

    @Test func arraysScalarsAndPathsOfElements() throws {
        struct Item: Decodable, Equatable {
            var n: Int
            var tags: [String]
            var ratio: Double?
            var small: UInt8?
        }
        let value = try JSONParser.parse(Array(#"[{"n": 1, "tags": ["a"], "ratio": 0.5, "small": 7}, {"n": -2, "tags": [], "ratio": null}]"#.utf8))
            .value
        #expect(
            try JSONValueDecoder.decode([Item].self, from: value) == [
                Item(n: 1, tags: ["a"], ratio: 0.5, small: 7), Item(n: -2, tags: [], ratio: nil, small: nil),
            ])
        let bad = try JSONParser.parse(Array(#"[{"n": 1, "tags": ["a"]}, {"n": 2, "tags": ["b", 3]}]"#.utf8)).value
        do {
            _ = try JSONValueDecoder.decode([Item].self, from: bad)
            Issue.record("accepted a number among strings")
        } catch DecodingError.typeMismatch(_, let c) {
            #expect(c.codingPath.map(\.stringValue) == ["1", "tags", "1"])
        }
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode(UInt8.self, from: .number("300")) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode([String: Int].self, from: .object([JSONMember("a", .string("1"))])) }
    }
}
