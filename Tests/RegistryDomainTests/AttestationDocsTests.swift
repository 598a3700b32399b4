import Foundation
import RegistryDomain
import RegistryJSON
import RegistryStorage
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
        #expect(
            result.attestation.map { String(decoding: $0.payloadBytes, as: UTF8.self) } == blocks[2] + "\n", "the payload shown is the one signed")
    }
}

/// The securesystemslib walkthrough in docs/attestation.md runs as written, and its envelope verifies.
@Suite struct AttestationDocsPythonTests {
    @Test(arguments: [SigningKey.Algorithm.ed25519, .ecdsaP256SHA256])
    func documentedSecuresystemslibScriptProducesAnAcceptedStatement(algorithm: SigningKey.Algorithm) throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let text = try String(contentsOf: url.appendingPathComponent("docs/attestation.md"), encoding: .utf8)
        let script = try #require(text.components(separatedBy: "```python\n").dropFirst().first?.components(separatedBy: "\n```").first)
        try #require(
            FileManager.default.isExecutableFile(atPath: AttestationSecuresystemslibTests.python), "run scripts/test to install securesystemslib")
        let scratch = NSTemporaryDirectory() + "docs-sslib-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try script.write(toFile: scratch + "/sign_attestation.py", atomically: true, encoding: .utf8)
        try AttestationSigner.generateKey(algorithm).pemRepresentation.write(toFile: scratch + "/key.pem", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: AttestationSecuresystemslibTests.python)
        process.arguments = ["sign_attestation.py", "key.pem"]
        process.currentDirectoryURL = URL(fileURLWithPath: scratch)
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let printed = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let entry = try JSONParser.parse(Array(printed)).value
        let key = SigningKey(
            keyid: try #require(entry["keyid"]?.stringValue),
            algorithm: try #require(entry["algorithm"]?.stringValue.flatMap(SigningKey.Algorithm.init(rawValue:))),
            publicKey: try #require(entry["publicKey"]?.stringValue), validFrom: try #require(Timestamp("2026-11-01T00:00:00Z")))
        #expect(key.algorithm == algorithm)
        let envelope = try FileIO.read(scratch + "/envelope.json")
        let vendor = VendorRecord(id: "acme", name: "Acme", website: "https://acme.example", keys: [key])
        let verifier = AttestationVerifier(now: try #require(Timestamp("2026-11-22T10:00:00Z")), clockSkewSeconds: 300)
        let result = verifier.verify(envelope, vendor: vendor, toolID: "acme-video-enterprise", lastVerifiedVersion: 7)
        #expect(result.code == "verified", "\(result)")
        #expect(result.attestation?.payload.documents.first?.url == "https://acme.example/legal/enterprise-terms")
        #expect(result.attestation?.payload.terms.environment.certifications == [.soc2Type2, .iso27001])
    }
}

/// Decodes a vendor-file key object through the vendor schema.
enum RegistryStoreShim {
    static func key(_ json: String) throws -> SigningKey? {
        let vendor =
            "{\"id\":\"acme\",\"name\":\"Acme\",\"website\":\"https://acme.example\",\"domains\":[],\"contact\":null,\"trustCenter\":null,\"keys\":[\(json)]}"
        return RecordCodec.decode(VendorRecord.self, from: Array(vendor.utf8), schema: RegistrySchemas.vendor, file: "doc").0?.keys.first
    }
}
