import Foundation
import RegistryDomain
import RegistryJSON
import Testing

/// DSSE as its specification writes it: keyid optional, unknown envelope members ignored, Sigstore bundles,
/// and vendor keys in the spellings other tools write.
@Suite struct AttestationDSSETests {
    typealias Kit = AttestationKit

    /// A signed envelope as a JSON object, for editing members.
    func envelopeObject(key: AttestationPrivateKey = Kit.ed, keyid: String = "acme-ed") throws -> [String: Any] {
        let bytes = try Kit.signed(key: key, keyid: keyid)
        return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    func bytes(_ object: [String: Any]) throws -> [UInt8] { Array(try JSONSerialization.data(withJSONObject: object)) }

    func withSignature(_ edit: (inout [String: Any]) -> Void, key: AttestationPrivateKey = Kit.ed) throws -> [UInt8] {
        var object = try envelopeObject(key: key)
        var signatures = try #require(object["signatures"] as? [[String: Any]])
        edit(&signatures[0])
        object["signatures"] = signatures
        return try bytes(object)
    }

    @Test(arguments: ["absent", "empty", "null"])
    func signatureWithoutAKeyidIsTriedUnderEachPinnedKey(form: String) throws {
        for key in [Kit.ed, Kit.p256] {
            let envelope = try withSignature(
                { sig in
                    switch form {
                    case "absent": sig["keyid"] = nil
                    case "empty": sig["keyid"] = ""
                    default: sig["keyid"] = NSNull()
                    }
                }, key: key)
            let result = Kit.verify(envelope)
            #expect(result.code == "verified", "\(form): \(result)")
            #expect(result.attestation?.keyid == (key.algorithm == .ed25519 ? "acme-ed" : "acme-p256"))
        }
    }

    @Test func signatureWithoutAKeyidByAStrangerIsBadSignature() throws {
        let envelope = try withSignature({ $0["keyid"] = "" }, key: Kit.stranger)
        let result = Kit.verify(envelope)
        #expect(result.rejection?.code == .badSignature, "\(result)")
        #expect(result.rejection?.message.contains("without a keyid") == true)
    }

    @Test func signatureWithoutAKeyidByARetiredKeyIsKeyRetired() throws {
        let envelope = try withSignature({ $0["keyid"] = "" })
        let vendor = Kit.vendor(keys: [Kit.ed.signingKey(keyid: "acme-ed", validFrom: Kit.keyFrom, validUntil: Kit.now.adding(seconds: -3600))])
        #expect(Kit.verify(envelope, vendor: vendor).rejection?.code == .keyRetired)
    }

    @Test func unknownEnvelopeMembersAreIgnored() throws {
        var object = try envelopeObject()
        object["extension"] = ["kind": "example", "ext": [1, 2]]
        object["x-vendor-note"] = "ignored"
        #expect(Kit.verify(try bytes(object)).code == "verified")
        let envelope = try withSignature {
            $0["cert"] = "-----BEGIN CERTIFICATE-----"
            $0["extra"] = 1
        }
        #expect(Kit.verify(envelope).code == "verified")
    }

    @Test func unknownMembersOfTheSignedPayloadStayErrors() throws {
        let text = Kit.payload().canonicalText.replacingOccurrences(of: "\"version\": 7,", with: "\"version\": 7, \"extra\": 1,")
        let result = Kit.verify(try Kit.envelope(Array(text.utf8)).encoded())
        #expect(result.rejection?.code == .malformed)
        #expect(result.rejection?.message.contains("$.extra: unknown field") == true, "\(result)")
    }

    @Test func moreThanTheSignatureLimitIsMalformed() throws {
        var object = try envelopeObject()
        let signatures = try #require(object["signatures"] as? [[String: Any]])
        object["signatures"] = Array(repeating: signatures[0], count: DSSEEnvelope.maxSignatures + 1)
        let result = Kit.verify(try bytes(object))
        #expect(result.rejection?.code == .malformed)
        #expect(result.rejection?.message.contains("at most \(DSSEEnvelope.maxSignatures)") == true)
        object["signatures"] = Array(repeating: signatures[0], count: DSSEEnvelope.maxSignatures)
        #expect(Kit.verify(try bytes(object)).code == "verified")
    }

    /// A Sigstore bundle (v0.3, as `cosign attest-blob --bundle` writes it) around `envelope`.
    static func bundle(_ envelope: [String: Any], publicKeyHint: String = "") -> [String: Any] {
        [
            "mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
            "verificationMaterial": [
                "publicKey": ["hint": publicKeyHint],
                "tlogEntries": [] as [Any],
            ],
            "dsseEnvelope": envelope,
        ]
    }

    @Test(arguments: ["acme-ed", ""])
    func sigstoreBundleWithAPinnedKeyVerifies(keyid: String) throws {
        var envelope = try envelopeObject()
        var signatures = try #require(envelope["signatures"] as? [[String: Any]])
        signatures[0]["keyid"] = keyid
        envelope["signatures"] = signatures
        let file = try bytes(Self.bundle(envelope))
        let result = Kit.verify(file)
        #expect(result.code == "verified", "\(result)")
        // Stored and checked again later exactly as fetched.
        #expect(result.attestation?.envelope == file)
    }

    @Test func sigstoreBundleByAnotherKeyIsRejected() throws {
        var envelope = try envelopeObject(key: Kit.stranger)
        var signatures = try #require(envelope["signatures"] as? [[String: Any]])
        signatures[0]["keyid"] = ""
        envelope["signatures"] = signatures
        #expect(Kit.verify(try bytes(Self.bundle(envelope))).rejection?.code == .badSignature)
    }

    @Test func sigstoreBundleWithoutADSSEEnvelopeIsMalformed() throws {
        let bundle: [String: Any] = [
            "mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
            "verificationMaterial": ["publicKey": ["hint": ""]],
            "messageSignature": ["messageDigest": ["algorithm": "SHA2_256", "digest": "AAAA"], "signature": "AAAA"],
        ]
        let result = Kit.verify(try bytes(bundle))
        #expect(result.rejection?.code == .malformed)
        #expect(result.rejection?.message.contains("dsseEnvelope") == true)
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test(arguments: [false, true])
    func ed25519KeyPinnedAsHexVerifies(uppercase: Bool) throws {
        let raw = try #require(Base64.bytes(Kit.ed.publicKeyText))
        let text = uppercase ? Self.hex(raw).uppercased() : Self.hex(raw)
        let key = SigningKey(keyid: "acme-ed", algorithm: .ed25519, publicKey: text, validFrom: Kit.keyFrom)
        #expect(PublicKeyText.problem(text, algorithm: .ed25519) == nil)
        #expect(Kit.verify(try Kit.signed(), vendor: Kit.vendor(keys: [key])).code == "verified")
        #expect(key.fingerprint == Kit.vendor().keys[0].fingerprint)
    }

    @Test func p256KeyPinnedAsHexVerifies() throws {
        let der = try #require(Base64.bytes(Kit.p256.publicKeyText))
        // The uncompressed point is the last 65 bytes of the SubjectPublicKeyInfo.
        for text in [Self.hex(der), Self.hex(Array(der.suffix(65)))] {
            let key = SigningKey(keyid: "acme-p256", algorithm: .ecdsaP256SHA256, publicKey: text, validFrom: Kit.keyFrom)
            #expect(PublicKeyText.problem(text, algorithm: .ecdsaP256SHA256) == nil, "\(text.count)")
            #expect(Kit.verify(try Kit.signed(key: Kit.p256, keyid: "acme-p256"), vendor: Kit.vendor(keys: [key])).code == "verified")
        }
    }

    @Test func hexOfTheWrongLengthIsNotAKey() {
        #expect(PublicKeyText.problem(String(repeating: "ab", count: 31), algorithm: .ed25519) != nil)
        #expect(PublicKeyText.problem(String(repeating: "zz", count: 32), algorithm: .ed25519) != nil)
    }

    @Test func keyidAsSecuresystemslibWritesItWorksOncePinned() throws {
        // securesystemslib names a key by the SHA-256 of its canonical JSON: 64 hex digits; pinned as such, it matches.
        let keyid = String(repeating: "9f", count: 32)
        let vendor = Kit.vendor(keys: [Kit.ed.signingKey(keyid: keyid, validFrom: Kit.keyFrom)])
        #expect(Kit.verify(try Kit.signed(keyid: keyid), vendor: vendor).attestation?.keyid == keyid)
    }
}
