import Foundation
import RegistryDomain
import RegistryJSON
import Testing

/// Envelopes cross between this code and securesystemslib's DSSE (with statements built by the
/// in-toto-attestation package), both installed from PyPI by the test setup (scripts/ensure-deps.sh), for
/// Ed25519 and P-256 and both payload types, with keys and keyids exactly as securesystemslib writes them.
@Suite struct AttestationSecuresystemslibTests {
    typealias Kit = AttestationKit

    /// The virtual environment ensure_python_interop creates; missing, the tests fail (never skip).
    static var python: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent(".build/python-interop/bin/python").path
    }

    func run(_ script: String, input: String) throws -> (status: Int32, out: String, err: String) {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.python),
            "securesystemslib is not installed: run scripts/test, or source scripts/ensure-deps.sh and run ensure_python_interop")
        let scratch = NSTemporaryDirectory() + "sslib-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try script.write(toFile: scratch + "/script.py", atomically: true, encoding: .utf8)
        try input.write(toFile: scratch + "/in", atomically: true, encoding: .utf8)
        for name in ["out", "err"] { _ = FileManager.default.createFile(atPath: scratch + "/" + name, contents: nil) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [scratch + "/script.py"]
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: scratch + "/in"))
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/err"))
        try process.run()
        process.waitUntilExit()
        return (
            process.terminationStatus, (try? String(contentsOfFile: scratch + "/out", encoding: .utf8)) ?? "",
            (try? String(contentsOfFile: scratch + "/err", encoding: .utf8)) ?? ""
        )
    }

    static let digest = String(repeating: "5e", count: 32)

    /// What both sides sign: the native payload, or the statement's subject and predicate.
    static func payload() -> AttestationPayload {
        var p = Kit.payload()
        p.terms.retention.vendorRetention = [RetentionUse(purpose: .abuseMonitoring, days: 30)]
        p.documents = [AttestedDocument(url: "https://acme.example/terms", sha256: digest)]
        return p
    }

    /// Python: securesystemslib signs (the statement built and validated with in-toto-attestation, written
    /// by protobuf's JSON printer, numbers as 7.0) and prints the envelope, the key as securesystemslib
    /// writes it, and its keyid.
    static let pythonSigns = """
        import sys, json
        from securesystemslib.signer import CryptoSigner
        from securesystemslib.dsse import Envelope
        from in_toto_attestation.v1.statement import Statement
        from in_toto_attestation.v1.resource_descriptor import ResourceDescriptor
        from google.protobuf import json_format
        data = json.load(sys.stdin)
        signer = CryptoSigner.generate_ed25519() if data["algorithm"] == "ed25519" else CryptoSigner.generate_ecdsa()
        if data["type"] == "in-toto":
            subjects = [ResourceDescriptor(uri=s["uri"], digest=s["digest"]).pb for s in data["statement"]["subject"]]
            statement = Statement(subjects, data["statement"]["predicateType"], data["statement"]["predicate"])
            statement.validate()
            payload = json_format.MessageToJson(statement.pb).encode()
            payload_type = "application/vnd.in-toto+json"
        else:
            payload = data["payload"].encode()
            payload_type = "application/vnd.genai-attestation+json"
        envelope = Envelope(payload=payload, payload_type=payload_type, signatures={})
        envelope.sign(signer)
        key = signer.public_key.to_dict()
        print(json.dumps({"envelope": json.dumps(envelope.to_dict()), "keyid": signer.public_key.keyid,
                          "keytype": key["keytype"], "public": key["keyval"]["public"]}))
        """

    static func input(_ algorithm: SigningKey.Algorithm, _ type: String) throws -> String {
        let statement = try JSONParser.parse(InTotoStatement.statement(for: payload())).value
        return JSONWriter.compact(
            .object([
                JSONMember("algorithm", .string(algorithm.rawValue)),
                JSONMember("type", .string(type)),
                JSONMember("payload", .string(payload().canonicalText)),
                JSONMember("statement", statement),
            ]))
    }

    @Test(arguments: [SigningKey.Algorithm.ed25519, .ecdsaP256SHA256], ["native", "in-toto"])
    func securesystemslibSignsWeVerify(algorithm: SigningKey.Algorithm, type: String) throws {
        let result = try run(Self.pythonSigns, input: try Self.input(algorithm, type))
        try #require(result.status == 0, "python: \(result.err)")
        let output = try JSONParser.parse(Array(result.out.utf8)).value
        let envelope = try #require(output["envelope"]?.stringValue)
        let keyid = try #require(output["keyid"]?.stringValue)
        let publicKey = try #require(output["public"]?.stringValue)
        if algorithm == .ed25519 { #expect(publicKey.count == 64, "securesystemslib writes Ed25519 keys in hex") }
        // Pinned exactly as securesystemslib writes the key and names it.
        let vendor = Kit.vendor(keys: [SigningKey(keyid: keyid, algorithm: algorithm, publicKey: publicKey, validFrom: Kit.keyFrom)])
        #expect(PublicKeyText.problem(publicKey, algorithm: algorithm) == nil)
        let verified = Kit.verify(Array(envelope.utf8), vendor: vendor)
        #expect(verified.code == "verified", "\(verified)")
        #expect(verified.attestation?.keyid == keyid)
        // The record's terms are filled from it.
        let attested = try #require(verified.attestation?.payload)
        #expect(attested == Self.payload())
        let (merged, conflicts) = AttestationConflicts.between(record: Terms(), attested: attested.terms, version: attested.version)
        #expect(conflicts.isEmpty)
        #expect(merged.training.inputs == .never)
        #expect(merged.retention.vendorRetention == [RetentionUse(purpose: .abuseMonitoring, days: 30)])
    }

    /// Python: verifies our envelope with securesystemslib (our key loaded as an SSlibKey under our keyid)
    /// and, for a statement, parses and validates it with in-toto-attestation.
    static let pythonVerifies = """
        import sys, json, base64
        from cryptography.hazmat.primitives import serialization
        from securesystemslib.signer import SSlibKey
        from securesystemslib.dsse import Envelope
        from in_toto_attestation.v1.statement import Statement
        from in_toto_attestation.v1 import statement_pb2
        from google.protobuf import json_format
        data = json.load(sys.stdin)
        raw = base64.b64decode(data["publicKey"])
        if data["algorithm"] == "ed25519":
            key = SSlibKey(data["keyid"], "ed25519", "ed25519", {"public": raw.hex()})
        else:
            pem = serialization.load_der_public_key(raw).public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
            key = SSlibKey(data["keyid"], "ecdsa", "ecdsa-sha2-nistp256", {"public": pem.decode()})
        envelope = Envelope.from_dict(json.loads(data["envelope"]))
        accepted = envelope.verify([key], 1)
        assert data["keyid"] in accepted, accepted
        if envelope.payload_type == "application/vnd.in-toto+json":
            statement = Statement.copy_from_pb(json_format.Parse(envelope.payload, statement_pb2.Statement()))
            statement.validate()
            print("ok", statement.pb.predicate["tool"], statement.pb.subject[0].digest["sha256"])
        else:
            print("ok", json.loads(envelope.payload)["tool"])
        tampered = Envelope(payload=envelope.payload + b" ", payload_type=envelope.payload_type, signatures=envelope.signatures)
        try:
            tampered.verify([key], 1)
            print("tampered accepted")
        except Exception:
            pass
        """

    @Test(arguments: [SigningKey.Algorithm.ed25519, .ecdsaP256SHA256], ["native", "in-toto"])
    func weSignSecuresystemslibVerifies(algorithm: SigningKey.Algorithm, type: String) throws {
        let key = AttestationSigner.generateKey(algorithm)
        let bytes = type == "in-toto" ? InTotoStatement.statement(for: Self.payload()) : Kit.bytes(Self.payload())
        let envelope = try AttestationSigner.sign(
            bytes, with: key, keyid: key.defaultKeyID,
            payloadType: type == "in-toto" ? DSSE.inTotoPayloadType : DSSE.attestationPayloadType)
        let input = JSONWriter.compact(
            .object([
                JSONMember("algorithm", .string(algorithm.rawValue)),
                JSONMember("keyid", .string(key.defaultKeyID)),
                JSONMember("publicKey", .string(key.publicKeyText)),
                JSONMember("envelope", .string(String(decoding: envelope.encoded(), as: UTF8.self))),
            ]))
        let result = try run(Self.pythonVerifies, input: input)
        #expect(result.status == 0, "python: \(result.err)")
        let expected = type == "in-toto" ? "ok acme-chat \(Self.digest)" : "ok acme-chat"
        #expect(result.out.trimmingCharacters(in: .whitespacesAndNewlines) == expected, "\(result.out) \(result.err)")
    }
}
