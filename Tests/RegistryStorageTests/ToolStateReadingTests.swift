import Testing
@testable import RegistryJSON
@testable import RegistryStorage

/// The state files' direct reader must read exactly what `Decodable` reads, and leave it anything else.
@Suite struct ToolStateReadingTests {
    static let t0 = Timestamp(secondsSinceEpoch: 1_790_000_000)

    /// Every field set, every field empty, and what lies between, as the shard writer lays them out.
    static var tools: [String: ToolState] {
        var full = AttestationState(url: "https://vendor.example/a.dsse.json")
        full.etag = "\"6b0-50f\""
        full.lastModified = "Sat, 21 Nov 2026 10:00:00 GMT"
        full.highestVersion = 42
        full.versionKey = String(repeating: "c", count: 64)
        full.envelope = "{\"payloadType\":\"x\",\"payload\":\"e30=\"}\n"
        full.verifiedAt = t0
        full.lastCheck = CheckOutcome(status: "bad-signature", message: "no signature verifies\nat all", since: t0)
        var failing = AttestationState(url: "https://vendor.example/b.dsse.json")
        failing.lastCheck = CheckOutcome(status: "timed-out", since: t0.adding(seconds: 60))
        let document = ShardWriterTests.fullDocument(at: t0)
        return [
            "tool-full": ToolState(attestation: full, documents: ["https://b.example/": document, "https://a.example/": DocumentState()]),
            "tool-failing": ToolState(attestation: failing),
            "tool-empty": ToolState(),
            "tool-documents": ToolState(documents: ["https://é.example/": document]),
        ]
    }

    @Test func directReaderAgreesWithDecodableOnWrittenShards() throws {
        for tools in [Self.tools, [:]] {
            let value = try JSONParser.parse(StateStore.encodeShard(tools)).value
            let direct = try #require(StateStore.ShardFile(reading: value))
            #expect(direct.tools == tools)
            #expect(direct.format == StateStore.format)
            let reference = try JSONValueDecoder.decode(StateStore.ShardFile.self, from: value)
            #expect(direct.tools == reference.tools && direct.format == reference.format)
        }
    }

    @Test func absentOptionalsAndRepeatedKeysReadLikeDecodable() throws {
        // Optional members absent (not null); a repeated tool and a repeated member: the first one counts.
        let text = #"""
            {"format": "f", "tools": {
              "a": {"attestation": {"url": "https://a.example/", "highestVersion": 3, "highestVersion": "x"}, "documents": {}},
              "a": {"attestation": null, "documents": {}},
              "b": {"documents": {"u": {"lastCheck": {"status": "changed", "since": "2026-11-20T10:00:00Z"}}}}
            }}
            """#
        let value = try JSONParser.parse(Array(text.utf8)).value
        let direct = try #require(StateStore.ShardFile(reading: value))
        #expect(direct.tools["a"]?.attestation?.highestVersion == 3)
        let reference = try JSONValueDecoder.decode(StateStore.ShardFile.self, from: value)
        #expect(direct.tools == reference.tools && direct.format == reference.format)
    }

    @Test(arguments: [
        #"{"format": "f", "tools": {"a": {"attestation": null}}}"#,  // documents is required
        #"{"format": "f", "tools": {"a": {"attestation": {"url": 5}, "documents": {}}}}"#,
        #"{"format": "f", "tools": {"a": {"attestation": {"url": "u", "highestVersion": 1.5}, "documents": {}}}}"#,
        #"{"format": "f", "tools": {"a": {"attestation": {"url": "u", "verifiedAt": "yesterday"}, "documents": {}}}}"#,
        #"{"format": "f", "tools": {"a": {"documents": {"u": {"lastCheck": {"status": "changed", "since": null}}}}}}"#,
        #"{"format": "f", "tools": {"a": {"documents": {"u": {"etag": ["x"]}}}}}"#,
        #"{"format": "f", "tools": []}"#,
        #"{"tools": {}}"#,
    ])
    func whatItCannotReadIsLeftToDecodableWhichRefusesIt(text: String) throws {
        let value = try JSONParser.parse(Array(text.utf8)).value
        #expect(StateStore.ShardFile(reading: value) == nil)
        #expect(throws: (any Error).self) { try JSONValueDecoder.decode(StateStore.ShardFile.self, from: value) }
    }
}
