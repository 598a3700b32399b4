import Foundation
import Testing
@testable import RegistryJSON
@testable import RegistryStorage

/// The shard writer must give byte for byte what Foundation's encoder gave (the layout of existing state files).
@Suite struct ShardWriterTests {
    /// How shards were encoded before the writer: the reference layout.
    func foundationBytes(_ tools: [String: ToolState]) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(StateStore.ShardFile(format: StateStore.format, tools: tools))) + [0x0A]
    }

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

    static let awkward = "q\"b\\s/n\nr\rt\tb\u{8}f\u{c}c\u{1}\u{1f}d\u{7f}é😀\u{2028}"

    @Test func emptyShard() throws {
        #expect(StateStore.encodeShard([:]) == (try foundationBytes([:])))
    }

    @Test func everyFieldEveryEscapeAndKeyOrder() throws {
        let t0 = Timestamp(secondsSinceEpoch: 1_790_000_000)
        var full = AttestationState(url: "https://vendor.example/a/\(Self.awkward)")
        full.etag = "\"6b0-50f\""
        full.lastModified = "Sat, 21 Nov 2026 10:00:00 GMT"
        full.highestVersion = 42
        full.versionKey = String(repeating: "c", count: 64)
        full.envelope = "{\"payloadType\":\"x\"}\n" + Self.awkward
        full.verifiedAt = t0
        full.lastCheck = CheckOutcome(status: "bad-signature", message: Self.awkward, since: t0)
        let document = Self.fullDocument(at: t0)
        let tools: [String: ToolState] = [
            "tool-9": ToolState(attestation: full, documents: ["https://b.example/": document, "https://a.example/\(Self.awkward)": DocumentState(), "https://A.example/": document]),
            "tool-10": ToolState(attestation: AttestationState(url: "https://x.example/")),
            "tool-a": ToolState(),
            "Tool-b": ToolState(documents: ["https://é.example/": DocumentState(), "https://z.example/": document]),
        ]
        let ours = StateStore.encodeShard(tools)
        let reference = try foundationBytes(tools)
        #expect(ours == reference, "\(String(decoding: ours, as: UTF8.self))\n---\n\(String(decoding: reference, as: UTF8.self))")
    }

    @Test func everySpecialByteAtEveryPositionOfLongAndShortStrings() throws {
        // The writer scans eight bytes at a time: a byte to escape must be found wherever it falls.
        var tools: [String: ToolState] = [:]
        for special in ["\"", "\\", "\n", "\u{0}", "\u{1f}", "\u{7f}", "é", "😀"] {
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
        #expect(StateStore.encodeShard(tools) == (try foundationBytes(tools)))
    }

    @Test func writtenShardReadsBackEqual() throws {
        var a = AttestationState(url: "https://v.example/\(Self.awkward)")
        a.envelope = Self.awkward
        let tools = ["t": ToolState(attestation: a, documents: ["u": DocumentState()])]
        let read = try JSONValueDecoder.decode(StateStore.ShardFile.self, from: try JSONParser.parse(StateStore.encodeShard(tools)).value)
        #expect(read.tools == tools)
    }
}
