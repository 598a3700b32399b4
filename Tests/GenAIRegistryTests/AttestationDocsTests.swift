import Foundation
import GenAIRegistry
import Testing

/// The example in docs/attestation.md is a real envelope: it verifies under the key shown beside it.
@Suite struct AttestationDocsTests {
    @Test func documentedExampleVerifies() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let text = try String(contentsOf: url.appendingPathComponent("docs/attestation.md"), encoding: .utf8)
        // The first three ```json blocks: the pinned key, the envelope, its payload.
        let blocks = text.components(separatedBy: "```json\n").dropFirst().compactMap { $0.components(separatedBy: "\n```").first }
        try #require(blocks.count >= 3)
        let key = try #require(try RegistryStoreShim.key(blocks[0]))
        let envelope = Array(blocks[1].utf8)
        let vendor = VendorRecord(id: "acme", name: "Acme", website: "https://acme.example", keys: [key])
        let issued = try #require(try JSONParser.parse(Array(blocks[2].utf8)).value["issued"]?.stringValue.flatMap(Timestamp.init))
        let verifier = AttestationVerifier(now: issued.adding(seconds: 3600), clockSkewSeconds: 300)
        let result = verifier.verify(envelope, vendor: vendor, toolID: "acme-video-enterprise", lastVerifiedVersion: nil)
        #expect(result.code == "verified", "\(result)")
        #expect(result.attestation.map { String(decoding: $0.payloadBytes, as: UTF8.self) } == blocks[2] + "\n", "the payload shown is the one signed")
    }
}

/// Decodes a vendor-file key object through the vendor schema.
enum RegistryStoreShim {
    static func key(_ json: String) throws -> SigningKey? {
        let vendor = "{\"id\":\"acme\",\"name\":\"Acme\",\"website\":\"https://acme.example\",\"domains\":[],\"contact\":null,\"trustCenter\":null,\"keys\":[\(json)]}"
        return RegistryStore.decode(VendorRecord.self, from: Array(vendor.utf8), schema: RegistrySchemas.vendor, file: "doc").0?.keys.first
    }
}
