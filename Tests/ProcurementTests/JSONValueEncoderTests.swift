import Foundation
import Testing

@testable import Procurement
@testable import RegistryDomain
@testable import RegistryJSON
@testable import RegistryStorage

/// The encoder and `JSONWriter` write every file kind: records as the Foundation route wrote them, state shards
/// and the verdict ledger in the registry's layout, with sorted keys, readable back as they were.
@Suite struct JSONValueEncoderTests {
    static let t0 = Timestamp(secondsSinceEpoch: 1_790_000_000)
    static let awkward = "q\"b\\s/n\nr\rt\tb\u{8}f\u{c}c\u{1}\u{1f}d\u{7f}é😀\u{2028}"

    /// A watched document's state with every field set.
    static func fullDocument(at t0: Timestamp) -> DocumentState {
        var document = DocumentState()
        document.etag = "W/\"1\""
        document.lastModified = "Fri, 20 Nov 2026 10:00:00 GMT"
        document.sha256 = String(repeating: "a", count: 64)
        document.rawSHA256 = String(repeating: "b", count: 64)
        document.changedAt = t0
        document.lastCheck = CheckOutcome(status: "changed", since: t0)
        return document
    }

    /// Every field set, every field empty, and what lies between.
    static var tools: [String: ToolState] {
        var full = AttestationState(url: "https://vendor.example/a/\(awkward)")
        full.etag = "\"6b0-50f\""
        full.lastModified = "Sat, 21 Nov 2026 10:00:00 GMT"
        full.highestVersion = 42
        full.versionKey = String(repeating: "c", count: 64)
        full.envelope = "{\"payloadType\":\"x\"}\n" + awkward
        full.verifiedAt = t0
        full.lastCheck = CheckOutcome(status: "bad-signature", message: awkward, since: t0)
        var failing = AttestationState(url: "https://vendor.example/b.dsse.json")
        failing.lastCheck = CheckOutcome(status: "timed-out", since: t0.adding(seconds: 60))
        let document = fullDocument(at: t0)
        return [
            "tool-9": ToolState(
                attestation: full,
                documents: ["https://b.example/": document, "https://a.example/\(awkward)": DocumentState(), "https://A.example/": document]),
            "tool-10": ToolState(attestation: failing),
            "tool-a": ToolState(),
            "Tool-b": ToolState(documents: ["https://é.example/": DocumentState(), "https://z.example/": document]),
        ]
    }

    func read(_ bytes: [UInt8]) throws -> StateStore.ShardFile {
        try JSONValueDecoder.decode(StateStore.ShardFile.self, from: try JSONParser.parse(bytes).value)
    }

    @Test func shardLayoutIsTheRegistrysWithSortedKeysAndAbsentOptionalsLeftOut() throws {
        var a = AttestationState(url: "https://v.example/a")
        a.highestVersion = 3
        a.lastCheck = CheckOutcome(status: "verified", since: Self.t0)
        let text = String(
            decoding: StateStore.encodeShard(["b": ToolState(), "a": ToolState(attestation: a, documents: ["u": DocumentState()])]), as: UTF8.self)
        #expect(
            text == """
                {
                  "format": "genai-registry-state/v1",
                  "tools": {
                    "a": {
                      "attestation": {
                        "highestVersion": 3,
                        "lastCheck": {
                          "since": "\(Self.t0)",
                          "status": "verified"
                        },
                        "url": "https://v.example/a"
                      },
                      "documents": {
                        "u": {}
                      }
                    },
                    "b": {
                      "documents": {}
                    }
                  }
                }

                """)
        #expect(String(decoding: StateStore.encodeShard([:]), as: UTF8.self) == "{\n  \"format\": \"genai-registry-state/v1\",\n  \"tools\": {}\n}\n")
    }

    @Test func dictionaryKeysComeOutInCodePointOrder() throws {
        guard case .object(let members)? = try JSONValueEncoder.encode(StateStore.ShardFile(format: "f", tools: Self.tools))["tools"] else {
            Issue.record("no tools object")
            return
        }
        #expect(members.map(\.key) == ["Tool-b", "tool-10", "tool-9", "tool-a"])
        guard case .object(let documents)? = members[2].value["documents"] else {
            Issue.record("no documents object")
            return
        }
        #expect(documents.map(\.key) == ["https://A.example/", "https://a.example/\(Self.awkward)", "https://b.example/"])
    }

    @Test func sameStateSameBytes() {
        // Dictionaries iterate in a different order in every process and after every copy; the bytes must not.
        var tools = Self.tools
        let first = StateStore.encodeShard(tools)
        for i in 0..<50 { tools["extra-\(i)"] = ToolState() }
        for i in 0..<50 { tools["extra-\(i)"] = nil }
        #expect(StateStore.encodeShard(tools) == first)
    }

    @Test func writtenShardReadsBackEqual() throws {
        for tools in [Self.tools, [:]] {
            let file = try read(StateStore.encodeShard(tools))
            #expect(file.tools == tools)
            #expect(file.format == StateStore.format)
        }
    }

    @Test func everySpecialByteAtEveryPositionOfLongAndShortStringsReadsBack() throws {
        // The writer scans eight bytes at a time: a byte to escape must be found wherever it falls.
        var tools: [String: ToolState] = [:]
        for special in ["\"", "\\", "\n", "\u{0}", "\u{1f}", "\u{7f}", "é", "😀", "\u{2028}"] {
            for length in [0, 1, 7, 8, 9, 15, 16, 17, 40] {
                for position in 0...length {
                    let plain = String(repeating: "QUJD", count: 11)
                    let text = String(plain.prefix(position)) + special + String(plain.prefix(length - position))
                    var a = AttestationState(url: "https://v.example/")
                    a.envelope = text
                    tools["t-\(tools.count)"] = ToolState(attestation: a)
                }
            }
        }
        #expect(try read(StateStore.encodeShard(tools)).tools == tools)
    }

    @Test func shardsInFoundationsLayoutAreStillRead() throws {
        // Shards written before the registry's own layout: `"key" : value`, other escapes.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let old = Array(try encoder.encode(StateStore.ShardFile(format: StateStore.format, tools: Self.tools))) + [0x0A]
        #expect(old != StateStore.encodeShard(Self.tools))
        #expect(try read(old).tools == Self.tools)
    }

    @Test func recordsComeOutAsTheFoundationRouteWroteThem() throws {
        // The canonical text (and the approvals' terms fingerprints computed from it) must not change.
        let registry = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Registry").path
        let store = RegistryStore(root: registry)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        func reference<T: Encodable>(_ value: T, _ schema: Schema) throws -> String {
            JSONWriter.write(CanonicalForm.apply(try JSONParser.parse(Array(try encoder.encode(value))).value, schema))
        }
        let ids = try store.toolIDs()
        #expect(ids.count > 10)
        var vendors = Set<String>()
        for id in ids {
            let record = try store.tool(id: id)
            #expect(RecordCodec.canonicalText(record, schema: RegistrySchemas.tool) == (try reference(record, RegistrySchemas.tool)), "\(id)")
            vendors.insert(record.vendor)
        }
        for id in vendors.sorted() {
            let vendor = try store.vendor(id: id)
            #expect(RecordCodec.canonicalText(vendor, schema: RegistrySchemas.vendor) == (try reference(vendor, RegistrySchemas.vendor)), "\(id)")
        }
        let policy = try store.policy()
        #expect(RecordCodec.canonicalText(policy, schema: RegistrySchemas.policy) == (try reference(policy, RegistrySchemas.policy)))
        let value = RecordCodec.jsonValue(policy, schema: RegistrySchemas.policy)
        #expect(value == (try JSONParser.parse(Array(try reference(policy, RegistrySchemas.policy).utf8)).value))
    }

    @Test func scalarsAndCollections() throws {
        struct Sample: Encodable {
            var text = "a/b"
            var count = -3
            var big: Int64 = 9_007_199_254_740_993
            var small: UInt8 = 7
            var ratio = 0.25
            var whole = 2.0
            var flag = false
            var none: String? = nil
            var list = [1, 2]
            var nested = [["x": true]]
            var day = Day("2026-12-05")
        }
        let value = try JSONValueEncoder.encode(Sample())
        #expect(
            JSONWriter.compact(value)
                == #"{"big":9007199254740993,"count":-3,"day":"2026-12-05","flag":false,"list":[1,2],"nested":[{"x":true}],"ratio":0.25,"small":7,"text":"a/b","whole":2}"#
        )
        #expect(throws: EncodingError.self) { try JSONValueEncoder.encode([Double.nan]) }
    }

    @Test func verdictLedgerWritesTheRegistryLayoutAndReadsBothLayouts() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let state = StateStore(registry: RegistryStore(root: root))
        let change = VerdictLedger.Change(tool: "b", from: .compliant, to: .noncompliant)
        let ledger = VerdictLedger(
            policyVersion: "2", verdicts: ["b": .noncompliant, "a": .compliant, "C": .undetermined],
            policyChange: .init(from: "1", to: "2", seen: Day(daysSinceEpoch: 20_000), changes: [change]))
        let text = String(decoding: ledger.encoded, as: UTF8.self)
        #expect(text.contains("\"format\": \"genai-registry-verdicts/v1\",\n"))
        #expect(text.contains("\"verdicts\": {\n    \"C\": \"undetermined\",\n    \"a\": \"compliant\",\n    \"b\": \"noncompliant\"\n  }"))
        try ledger.write(state)
        #expect(try VerdictLedger.load(state) == ledger)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try FileIO.writeAtomically(Array(try encoder.encode(ledger)) + [0x0A], to: VerdictLedger.path(state))
        #expect(try VerdictLedger.load(state) == ledger)

        try FileIO.writeAtomically(
            Array(#"{"format": "genai-registry-verdicts/v1", "policyVersion": 2, "verdicts": {}}"#.utf8), to: VerdictLedger.path(state))
        #expect(throws: StateStore.Failure.self) { try VerdictLedger.load(state) }
    }
}
