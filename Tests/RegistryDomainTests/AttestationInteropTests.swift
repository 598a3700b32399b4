import Foundation
import RegistryDomain
import RegistryJSON
import Testing

/// Envelopes cross between this code and the Python DSSE reference of ../shared/bench, both ways
/// (a copy lives in Fixtures/python so the test needs nothing outside the repository).
@Suite struct AttestationInteropTests {
    typealias Kit = AttestationKit

    /// `Fixtures/python` next to this file; a missing file fails the test, never skips it.
    static var benchDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/python").path
    }

    /// Runs `script` with python3 with the bench folder importable; `input` goes to standard input.
    func python(_ script: String, input: String = "") throws -> (status: Int32, out: String, err: String) {
        let bench = Self.benchDirectory
        try #require(
            FileManager.default.fileExists(atPath: bench + "/dsse_common.py"),
            "the Python DSSE reference is missing: expected \(bench)/dsse_common.py")
        let scratch = NSTemporaryDirectory() + "interop-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try script.write(toFile: scratch + "/script.py", atomically: true, encoding: .utf8)
        try input.write(toFile: scratch + "/in", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scratch + "/script.py"]
        process.environment = ProcessInfo.processInfo.environment.merging(["PYTHONPATH": bench]) { _, new in new }
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: scratch + "/in"))
        _ = FileManager.default.createFile(atPath: scratch + "/out", contents: nil)
        _ = FileManager.default.createFile(atPath: scratch + "/err", contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/err"))
        try process.run()
        process.waitUntilExit()
        return (
            process.terminationStatus,
            (try? String(contentsOfFile: scratch + "/out", encoding: .utf8)) ?? "",
            (try? String(contentsOfFile: scratch + "/err", encoding: .utf8)) ?? ""
        )
    }

    @Test func paeMatchesPython() throws {
        let body = Kit.payload().canonicalText + "é🎬"
        let script = """
            import sys, base64, dsse_common
            body = sys.stdin.buffer.read()
            print(base64.b64encode(dsse_common.pae(dsse_common.PAYLOAD_TYPE_B, body)).decode())
            """
        let run = try python(script, input: body)
        #expect(run.status == 0, "\(run.err)")
        let expected = DSSE.pae(payloadType: DSSE.attestationPayloadType, payload: Array(body.utf8))
        #expect(Base64.bytes(run.out.trimmingCharacters(in: .whitespacesAndNewlines)) == expected)
    }

    @Test(arguments: ["ed25519", "ecdsa-p256-sha256"])
    func envelopeSignedInPythonVerifiesHere(algorithm: String) throws {
        // Python signs our canonical payload with its own DSSE code and prints the envelope and the public key.
        let script = """
            import sys, json, base64, dsse_common
            from cryptography.hazmat.primitives import hashes, serialization
            from cryptography.hazmat.primitives.asymmetric import ec
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
            body = sys.stdin.buffer.read()
            message = dsse_common.pae(dsse_common.PAYLOAD_TYPE_B, body)
            if "\(algorithm)" == "ed25519":
                key = Ed25519PrivateKey.generate()
                sig = key.sign(message)
                pub = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
            else:
                key = ec.generate_private_key(ec.SECP256R1())
                sig = key.sign(message, ec.ECDSA(hashes.SHA256()))
                pub = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
            env = {"payloadType": dsse_common.PAYLOAD_TYPE, "payload": base64.b64encode(body).decode(),
                   "signatures": [{"keyid": "py-key", "sig": base64.b64encode(sig).decode()}]}
            print(json.dumps({"envelope": json.dumps(env), "publicKey": base64.b64encode(pub).decode()}))
            """
        let run = try python(script, input: Kit.payload().canonicalText)
        try #require(run.status == 0, "python failed: \(run.err)")
        let output = try JSONParser.parse(Array(run.out.utf8)).value
        let envelope = try #require(output["envelope"]?.stringValue)
        let publicKey = try #require(output["publicKey"]?.stringValue)
        let algorithmValue = try #require(SigningKey.Algorithm(rawValue: algorithm))
        let vendor = Kit.vendor(keys: [SigningKey(keyid: "py-key", algorithm: algorithmValue, publicKey: publicKey, validFrom: Kit.keyFrom)])
        let result = Kit.verify(Array(envelope.utf8), vendor: vendor)
        #expect(result.code == "verified", "\(result)")
        #expect(result.attestation?.payload == Kit.payload())
    }

    @Test(arguments: [SigningKey.Algorithm.ed25519, .ecdsaP256SHA256])
    func envelopeSignedHereVerifiesInPythonWithTheKeyFilePythonLoads(algorithm: SigningKey.Algorithm) throws {
        // Python loads our PEM private key (proving the PKCS#8 encoding), checks it matches the published public
        // key, and verifies our envelope over its own PAE.
        let key = AttestationSigner.generateKey(algorithm)
        let envelope = try AttestationSigner.sign(Kit.bytes(Kit.payload()), with: key, keyid: "swift-key")
        let input = JSONWriter.compact(
            .object([
                JSONMember("pem", .string(key.pemRepresentation)),
                JSONMember("publicKey", .string(key.publicKeyText)),
                JSONMember("envelope", .string(String(decoding: envelope.encoded(), as: UTF8.self))),
            ]))
        let script = """
            import sys, json, base64, dsse_common
            from cryptography.hazmat.primitives import hashes, serialization
            from cryptography.hazmat.primitives.asymmetric import ec, ed25519
            data = json.load(sys.stdin)
            private = serialization.load_pem_private_key(data["pem"].encode(), password=None)
            public = private.public_key()
            if isinstance(private, ed25519.Ed25519PrivateKey):
                published = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
            else:
                published = public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
            assert base64.b64decode(data["publicKey"]) == published, "public key mismatch"
            env = json.loads(data["envelope"])
            assert env["payloadType"] == dsse_common.PAYLOAD_TYPE
            body = base64.b64decode(env["payload"], validate=True)
            sig = base64.b64decode(env["signatures"][0]["sig"], validate=True)
            message = dsse_common.pae(dsse_common.PAYLOAD_TYPE_B, body)
            if isinstance(private, ed25519.Ed25519PrivateKey):
                public.verify(sig, message)
            else:
                public.verify(sig, message, ec.ECDSA(hashes.SHA256()))
            tampered = dsse_common.pae(dsse_common.PAYLOAD_TYPE_B, body + b" ")
            try:
                public.verify(sig, tampered) if isinstance(private, ed25519.Ed25519PrivateKey) else public.verify(sig, tampered, ec.ECDSA(hashes.SHA256()))
                print("tampered accepted")
            except Exception:
                print("ok", json.loads(body)["tool"])
            """
        let run = try python(script, input: input)
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.trimmingCharacters(in: .whitespacesAndNewlines) == "ok acme-chat", "\(run.out) \(run.err)")
    }
}
