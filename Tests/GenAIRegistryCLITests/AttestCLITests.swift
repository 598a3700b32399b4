import Foundation
import RegistryDomain
import RegistryJSON
import RegistryStorage
import TestSupport
import Testing

/// `attest keygen | sign | verify` end to end through the built binary, with real keys and files.
@Suite struct AttestCLITests {
    /// A scratch folder with a registry holding `acme-chat` by vendor `acme`, whose key comes from `attest keygen`.
    struct Setup {
        let registry: TestRegistry
        let directory: String
        var keyFile: String { directory + "/acme.pem" }
        var payloadFile: String { directory + "/payload.json" }
        var envelopeFile: String { directory + "/envelope.json" }
        var publicKey: String
    }

    static var now: Timestamp { Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)) }

    func setup(algorithm: String = "ed25519", version: Int = 3) throws -> Setup {
        let registry = try TestRegistry(
            tools: [Fixture.compliant(id: "acme-chat", vendor: "acme"), Fixture.compliant(id: "acme-image", vendor: "acme")],
            vendors: [Fixture.vendor("acme")])
        let directory = FileIO.parentDirectory(of: registry.root)
        let keygen = try CLIRunner.run(["attest", "keygen", "--algorithm", algorithm, "--out", directory + "/acme.pem", "--keyid", "acme-2026"])
        try #require(keygen.status == 0, "keygen: \(keygen.stderr)")
        let entry = try JSONValueDecoderShim.signingKey(keygen.stdout)
        var vendor = Fixture.vendor("acme")
        vendor.keys = [entry]
        try registry.store.write(vendor, schema: RegistrySchemas.vendor, to: registry.store.vendorPath("acme"))
        let setup = Setup(registry: registry, directory: directory, publicKey: entry.publicKey)
        try writePayload(setup, version: version)
        return setup
    }

    func writePayload(_ setup: Setup, tool: String = "acme-chat", version: Int) throws {
        let payload = AttestationPayload(
            vendor: "acme", tool: tool, version: version, issued: Self.now, expires: Self.now.adding(seconds: 30 * 86_400),
            terms: Terms(training: Training(inputs: .never, outputs: .never)),
            documents: [AttestedDocument(url: "https://acme.example/terms", sha256: nil)])
        try payload.canonicalText.write(toFile: setup.payloadFile, atomically: true, encoding: .utf8)
    }

    func sign(_ setup: Setup) throws -> CLIRunner.Result {
        try CLIRunner.run(["attest", "sign", setup.payloadFile, "--key", setup.keyFile, "--keyid", "acme-2026", "--out", setup.envelopeFile])
    }

    func verify(_ setup: Setup, _ extra: [String] = []) throws -> CLIRunner.Result {
        try CLIRunner.run(["attest", "verify", setup.envelopeFile, "--registry", setup.registry.root] + extra)
    }

    @Test(arguments: ["ed25519", "ecdsa-p256-sha256"])
    func keygenSignVerifyRoundTripExitsZero(algorithm: String) throws {
        let s = try setup(algorithm: algorithm)
        let signed = try sign(s)
        #expect(signed.status == 0, "\(signed.stderr)")
        let verified = try verify(s)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("VERIFIED"))
        #expect(verified.stdout.contains("acme-chat by acme, version 3, signed by acme-2026 (\(algorithm))"))

        let json = try verify(s, ["--format", "json"])
        let value = try JSONParser.parse(Array(json.stdout.utf8)).value
        #expect(value["code"]?.stringValue == "verified")
        #expect(value["payload"]?["tool"]?.stringValue == "acme-chat")
    }

    @Test func keygenWritesAnOwnerOnlyKeyAndNeverOverwrites() throws {
        let s = try setup()
        let mode = try FileManager.default.attributesOfItem(atPath: s.keyFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let before = try String(contentsOfFile: s.keyFile, encoding: .utf8)
        let again = try CLIRunner.run(["attest", "keygen", "--out", s.keyFile])
        #expect(again.status == 74)
        #expect(again.stderr.contains("refusing to overwrite"))
        #expect(try String(contentsOfFile: s.keyFile, encoding: .utf8) == before)
    }

    @Test func tamperedEnvelopeExits65WithTheCode() throws {
        let s = try setup()
        #expect(try sign(s).status == 0)
        // Re-encode the payload with one term changed, keeping the original signature.
        var envelope = try DSSEEnvelope.parse(Array(try Data(contentsOf: URL(fileURLWithPath: s.envelopeFile))))
        let original = try #require(envelope.payloadBytes)
        let forged = String(decoding: original, as: UTF8.self).replacingOccurrences(of: "\"inputs\": \"never\"", with: "\"inputs\": \"always\"")
        #expect(Array(forged.utf8) != original)
        envelope.payload = Data(forged.utf8).base64EncodedString()
        try Data(envelope.encoded()).write(to: URL(fileURLWithPath: s.envelopeFile))
        let result = try verify(s)
        #expect(result.status == 65)
        #expect(result.stdout.contains("REJECTED") && result.stdout.contains("[bad-signature]"), "\(result.stdout)")
    }

    @Test func signingAMalformedPayloadExits65NamingTheJSONPath() throws {
        let s = try setup()
        let text = try String(contentsOfFile: s.payloadFile, encoding: .utf8).replacingOccurrences(
            of: "\"inputs\": \"never\"", with: "\"inputs\": \"nope\"")
        try text.write(toFile: s.payloadFile, atomically: true, encoding: .utf8)
        let result = try sign(s)
        #expect(result.status == 65)
        #expect(result.stderr.contains("payload.json"), "\(result.stderr)")
        #expect(result.stderr.contains("$.terms.training.inputs"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: s.envelopeFile), "nothing is signed")
    }

    @Test func signNeverReplacesANonRegularFile() throws {
        // The atomic write renames over its target; a FIFO stands in for a device such as /dev/null.
        let s = try setup()
        let fifo = s.directory + "/pipe"
        try #require(mkfifo(fifo, 0o600) == 0)
        let result = try CLIRunner.run(["attest", "sign", s.payloadFile, "--key", s.keyFile, "--keyid", "acme-2026", "--out", fifo])
        #expect(result.status == 74)
        #expect(result.stderr.contains("not a regular file"))
        var st = stat()
        #expect(stat(fifo, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO, "still the FIFO, not replaced by a file")
    }

    @Test func sameVersionIsUnchangedAndLowerIsRollback() throws {
        let s = try setup(version: 3)
        #expect(try sign(s).status == 0)
        let same = try verify(s, ["--last-version", "3"])
        #expect(same.status == 0)
        #expect(same.stdout.contains("UNCHANGED"))
        let rollback = try verify(s, ["--last-version", "4"])
        #expect(rollback.status == 65)
        #expect(rollback.stdout.contains("[rollback]"))
    }

    @Test func anotherToolsAttestationIsASubjectMismatch() throws {
        let s = try setup()
        try writePayload(s, tool: "acme-image", version: 1)
        #expect(try sign(s).status == 0)
        let result = try verify(s, ["--tool", "acme-chat"])
        #expect(result.status == 65)
        #expect(result.stdout.contains("[subject-mismatch]"))
    }

    @Test func toolNotInTheRegistryExits3() throws {
        let s = try setup()
        try writePayload(s, tool: "acme-video", version: 1)
        #expect(try sign(s).status == 0)
        let result = try verify(s)
        #expect(result.status == 3)
        #expect(result.stderr.contains("no tool \"acme-video\""))
    }

    @Test func verifyWithAPublicKeyAloneAndAWrongOne() throws {
        let s = try setup()
        #expect(try sign(s).status == 0)
        let args = ["attest", "verify", s.envelopeFile, "--algorithm", "ed25519", "--keyid", "acme-2026", "--vendor", "acme", "--tool", "acme-chat"]
        let good = try CLIRunner.run(args + ["--public-key", s.publicKey])
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        let other = AttestationSigner.generateKey(.ed25519)
        let bad = try CLIRunner.run(args + ["--public-key", other.publicKeyText])
        #expect(bad.status == 65)
        #expect(bad.stdout.contains("[bad-signature]"))
    }

    @Test func resetFloorLiftsTheRecordedVersion() throws {
        let s = try setup()
        var state = AttestationState(url: "https://acme.example/attestation.json")
        state.highestVersion = 9_000
        state.versionKey = String(repeating: "a", count: 64)
        state.etag = "\"x\""
        let store = StateStore(registry: s.registry.store)
        try FileIO.makeDirectory(store.toolsDirectory)
        try FileIO.writeAtomically(
            StateStore.encodeShard(["acme-chat": ToolState(attestation: state)]), to: store.shardPath(StateStore.shard(for: "acme-chat")))
        let reset = try CLIRunner.run(["attest", "reset-floor", "acme-chat", "--registry", s.registry.root])
        #expect(reset.status == 0, "\(reset.stderr)")
        #expect(reset.stdout.contains("version 9000"))
        let after = try store.toolState(id: "acme-chat")?.attestation
        #expect(after?.highestVersion == nil)
        #expect(after?.versionKey == nil)
        #expect(after?.etag == nil, "the next refresh fetches the file in full")
        let again = try CLIRunner.run(["attest", "reset-floor", "acme-chat", "--registry", s.registry.root])
        #expect(again.status == 0)
        #expect(again.stdout.contains("nothing to lift"))
        #expect(try CLIRunner.run(["attest", "reset-floor", "acme-video", "--registry", s.registry.root]).status == 3)
    }

    @Test func missingEnvelopeFileExits74() throws {
        let s = try setup()
        let result = try verify(s)
        #expect(result.status == 74)
    }
}

/// Reads the key object `attest keygen` prints, through the same schema the vendor file uses.
enum JSONValueDecoderShim {
    static func signingKey(_ text: String) throws -> SigningKey {
        let vendor =
            "{\"id\":\"acme\",\"name\":\"Acme\",\"website\":\"https://acme.example\",\"domains\":[],\"contact\":null,\"trustCenter\":null,\"keys\":[\(text)]}"
        let (record, issues) = RecordCodec.decode(VendorRecord.self, from: Array(vendor.utf8), schema: RegistrySchemas.vendor, file: "keygen")
        guard let key = record?.keys.first else { throw ShimError(issues: issues.map(\.description)) }
        return key
    }

    struct ShimError: Error { var issues: [String] }
}
