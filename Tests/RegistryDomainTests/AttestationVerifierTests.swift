import Foundation
import RegistryDomain
import RegistryJSON
import Testing

/// Keys, vendors and payloads for the attestation tests; every envelope is really signed.
enum AttestationKit {
    static let now = Timestamp("2026-11-21T12:00:00Z") ?? Timestamp(secondsSinceEpoch: 0)
    static let keyFrom = Timestamp("2026-01-01T00:00:00Z") ?? Timestamp(secondsSinceEpoch: 0)
    static let day: Int64 = 86_400
    static let ed = AttestationSigner.generateKey(.ed25519)
    static let p256 = AttestationSigner.generateKey(.ecdsaP256SHA256)
    static let stranger = AttestationSigner.generateKey(.ed25519)
    static let verifier = AttestationVerifier(now: now, clockSkewSeconds: 300)

    static func vendor(_ id: String = "acme", keys: [SigningKey]? = nil) -> VendorRecord {
        VendorRecord(
            id: id, name: "Acme", website: "https://acme.example",
            keys: keys ?? [ed.signingKey(keyid: "acme-ed", validFrom: keyFrom), p256.signingKey(keyid: "acme-p256", validFrom: keyFrom)])
    }

    static func payload(
        vendor: String = "acme", tool: String = "acme-chat", version: Int = 7,
        issued: Timestamp = now.adding(seconds: -day), expires: Timestamp = now.adding(seconds: 30 * day)
    ) -> AttestationPayload {
        AttestationPayload(
            vendor: vendor, tool: tool, version: version, issued: issued, expires: expires,
            terms: Terms(training: Training(inputs: .never, outputs: .never)),
            documents: [AttestedDocument(url: "https://acme.example/terms", sha256: nil)])
    }

    static func bytes(_ payload: AttestationPayload) -> [UInt8] { Array(payload.canonicalText.utf8) }

    static func envelope(
        _ payload: [UInt8], key: AttestationPrivateKey = ed, keyid: String = "acme-ed",
        payloadType: String = DSSE.attestationPayloadType
    ) throws -> DSSEEnvelope {
        try AttestationSigner.sign(payload, with: key, keyid: keyid, payloadType: payloadType)
    }

    static func signed(_ payload: AttestationPayload = payload(), key: AttestationPrivateKey = ed, keyid: String = "acme-ed") throws -> [UInt8] {
        try envelope(bytes(payload), key: key, keyid: keyid).encoded()
    }

    static func verify(
        _ envelope: [UInt8], vendor: VendorRecord = vendor(), tool: String = "acme-chat", last: Int? = nil,
        verifier: AttestationVerifier = verifier
    ) -> AttestationVerification {
        verifier.verify(envelope, vendor: vendor, toolID: tool, lastVerifiedVersion: last)
    }

    /// A DER ECDSA signature as raw r||s (32 bytes each), parsed by hand so the test does not trust the code under test.
    static func rawFromDER(_ der: [UInt8]) -> [UInt8]? {
        guard der.count > 8, der[0] == 0x30, der[2] == 0x02 else { return nil }
        let rLength = Int(der[3])
        let sTag = 4 + rLength
        guard der.count > sTag + 2, der[sTag] == 0x02 else { return nil }
        let sLength = Int(der[sTag + 1])
        guard der.count == sTag + 2 + sLength else { return nil }
        func fixed(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
            let trimmed = Array(bytes.drop(while: { $0 == 0 }))
            return [UInt8](repeating: 0, count: max(0, 32 - trimmed.count)) + trimmed
        }
        return fixed(der[4..<sTag]) + fixed(der[(sTag + 2)...])
    }
}

/// The verification rules, each with its reason code, on real Ed25519 and P-256 signatures.
@Suite struct AttestationVerifierTests {
    typealias Kit = AttestationKit

    @Test func validEd25519Verifies() throws {
        let envelope = try Kit.signed()
        let result = Kit.verify(envelope)
        guard case .verified(let attestation) = result else {
            Issue.record("expected verified, got \(result)")
            return
        }
        #expect(attestation.keyid == "acme-ed")
        #expect(attestation.algorithm == .ed25519)
        #expect(attestation.payload == Kit.payload())
        #expect(attestation.payloadBytes == Kit.bytes(Kit.payload()))
        #expect(attestation.envelope == envelope)
        #expect(attestation.isInForce(at: Kit.now))
    }

    @Test(arguments: ["der", "raw"])
    func validP256Verifies(encoding: String) throws {
        var envelope = try Kit.envelope(Kit.bytes(Kit.payload()), key: Kit.p256, keyid: "acme-p256")
        let der = try #require(envelope.signatures.first.flatMap { Base64.bytes($0.sig) })
        if encoding == "raw" {
            let raw = try #require(Kit.rawFromDER(der))
            #expect(raw.count == 64)
            envelope.signatures[0].sig = Base64.text(raw)
        }
        let result = Kit.verify(envelope.encoded())
        #expect(result.code == "verified", "\(result)")
        #expect(result.attestation?.algorithm == .ecdsaP256SHA256)
    }

    @Test func flippedSignatureBitIsBadSignature() throws {
        var envelope = try Kit.envelope(Kit.bytes(Kit.payload()))
        var sig = try #require(Base64.bytes(envelope.signatures[0].sig))
        sig[10] ^= 0x01
        envelope.signatures[0].sig = Base64.text(sig)
        let result = Kit.verify(envelope.encoded())
        #expect(result.rejection?.code == .badSignature, "\(result)")
        #expect(result.rejection?.message.contains("acme-ed") == true)
    }

    @Test func tamperedPayloadIsBadSignature() throws {
        let original = try Kit.envelope(Kit.bytes(Kit.payload()))
        var tampered = Kit.payload()
        tampered.terms.training.inputs = .optOut
        let forged = DSSEEnvelope(payloadType: original.payloadType, payloadBytes: Kit.bytes(tampered), signatures: original.signatures)
        #expect(Kit.verify(forged.encoded()).rejection?.code == .badSignature)
    }

    @Test func p256SignatureThatIsNeitherDERNorRawIsBadSignature() throws {
        var envelope = try Kit.envelope(Kit.bytes(Kit.payload()), key: Kit.p256, keyid: "acme-p256")
        envelope.signatures[0].sig = Base64.text([UInt8](repeating: 7, count: 40))
        let result = Kit.verify(envelope.encoded())
        #expect(result.rejection?.code == .badSignature)
        #expect(result.rejection?.message.contains("neither DER nor") == true, "\(result)")
    }

    @Test func signatureByAKeyTheVendorDoesNotPinIsUnknownKey() throws {
        let envelope = try Kit.signed(key: Kit.stranger, keyid: "stranger")
        let result = Kit.verify(envelope)
        #expect(result.rejection?.code == .unknownKey, "\(result)")
        #expect(result.rejection?.message.contains("stranger") == true)
    }

    @Test func strangerKeyUnderAPinnedKeyidIsBadSignatureNotAccepted() throws {
        // An attacker can copy a pinned keyid; the keyid is only a hint, the key decides.
        let envelope = try Kit.signed(key: Kit.stranger, keyid: "acme-ed")
        #expect(Kit.verify(envelope).rejection?.code == .badSignature)
    }

    @Test(arguments: [
        ("before validFrom", Timestamp("2026-12-01T00:00:00Z"), nil as Timestamp?),
        ("at validUntil", Timestamp("2026-01-01T00:00:00Z"), Timestamp("2026-11-20T12:00:00Z")),
        ("after validUntil", Timestamp("2026-01-01T00:00:00Z"), Timestamp("2026-06-01T00:00:00Z")),
    ])
    func keyOutsideItsValidityAtIssuedIsKeyNotValid(name: String, from: Timestamp?, until: Timestamp?) throws {
        // issued is now - 1 day = 2026-11-20T12:00:00Z.
        let key = Kit.ed.signingKey(keyid: "acme-ed", validFrom: try #require(from), validUntil: until)
        let result = Kit.verify(try Kit.signed(), vendor: Kit.vendor(keys: [key]))
        #expect(result.rejection?.code == .keyNotValid, "\(name): \(result)")
    }

    @Test func keyRetiredAfterTheAttestationWasFirstSeenStillVerifiesIt() throws {
        // Verified before the key was retired (first seen two hours ago), checked again now: still in force.
        let key = Kit.ed.signingKey(keyid: "acme-ed", validFrom: Kit.keyFrom, validUntil: Kit.now.adding(seconds: -3600))
        let result = Kit.verifier.verify(
            try Kit.signed(), vendor: Kit.vendor(keys: [key]), toolID: "acme-chat", floor: nil,
            firstSeen: Kit.now.adding(seconds: -7200))
        #expect(result.code == "verified", "\(result)")
    }

    @Test(arguments: [-1 as Int64, 0])
    func expiredAtOrBeforeNowIsExpired(offset: Int64) throws {
        let envelope = try Kit.signed(Kit.payload(issued: Kit.now.adding(seconds: -10 * Kit.day), expires: Kit.now.adding(seconds: offset)))
        #expect(Kit.verify(envelope).rejection?.code == .expired)
    }

    @Test func issuedBeyondTheClockSkewIsFutureDated() throws {
        let envelope = try Kit.signed(Kit.payload(issued: Kit.now.adding(seconds: 301)))
        let result = Kit.verify(envelope)
        #expect(result.rejection?.code == .futureDated, "\(result)")
    }

    @Test(arguments: [1 as Int64, 300])
    func issuedWithinTheClockSkewIsAccepted(ahead: Int64) throws {
        let envelope = try Kit.signed(Kit.payload(issued: Kit.now.adding(seconds: ahead)))
        #expect(Kit.verify(envelope).code == "verified")
    }

    @Test func zeroSkewPolicyRejectsOneSecondAhead() throws {
        let strict = AttestationVerifier(now: Kit.now, clockSkewSeconds: 0)
        let envelope = try Kit.signed(Kit.payload(issued: Kit.now.adding(seconds: 1)))
        #expect(Kit.verify(envelope, verifier: strict).rejection?.code == .futureDated)
    }

    @Test func lowerVersionThanLastVerifiedIsRollback() throws {
        let result = Kit.verify(try Kit.signed(Kit.payload(version: 6)), last: 7)
        #expect(result.rejection?.code == .rollback)
        #expect(result.rejection?.message.contains("version 6") == true)
    }

    @Test func sameVersionAsLastVerifiedIsUnchangedNotAnError() throws {
        let result = Kit.verify(try Kit.signed(Kit.payload(version: 7)), last: 7)
        guard case .unchanged(let attestation) = result else {
            Issue.record("expected unchanged, got \(result)")
            return
        }
        #expect(attestation.payload.version == 7)
    }

    @Test func higherVersionThanLastVerifiedVerifies() throws {
        #expect(Kit.verify(try Kit.signed(Kit.payload(version: 8)), last: 7).code == "verified")
    }

    @Test(arguments: [
        ("another tool's valid attestation", "acme", "acme-image"),
        ("another vendor", "globex", "acme-chat"),
    ])
    func attestationForAnotherSubjectIsSubjectMismatch(name: String, vendor: String, tool: String) throws {
        let envelope = try Kit.signed(Kit.payload(vendor: vendor, tool: tool))
        let result = Kit.verify(envelope, tool: "acme-chat")
        #expect(result.rejection?.code == .subjectMismatch, "\(name): \(result)")
    }

    @Test func unsupportedSchemaVersionIsReported() throws {
        var text = Kit.payload().canonicalText
        text = text.replacingOccurrences(of: "genai-attestation/v1", with: "genai-attestation/v2")
        let envelope = try Kit.envelope(Array(text.utf8)).encoded()
        #expect(Kit.verify(envelope).rejection?.code == .unsupportedSchema)
    }

    @Test func invalidSignatureByAnUnknownKeyBesideAValidOneIsAccepted() throws {
        var envelope = try Kit.envelope(Kit.bytes(Kit.payload()))
        envelope.signatures.insert(.init(keyid: "mallory", sig: Base64.text([UInt8](repeating: 1, count: 64))), at: 0)
        #expect(Kit.verify(envelope.encoded()).code == "verified")
    }

    @Test func invalidSignatureByAPinnedKeyBesideAValidOneIsAccepted() throws {
        var envelope = try Kit.envelope(Kit.bytes(Kit.payload()))
        let p256 = try Kit.envelope(Kit.bytes(Kit.payload()), key: Kit.p256, keyid: "acme-p256")
        envelope.signatures.insert(.init(keyid: "acme-p256", sig: Base64.text([UInt8](repeating: 1, count: 64))), at: 0)
        #expect(Kit.verify(envelope.encoded()).attestation?.keyid == "acme-ed")
        // And with both valid, either key is a fine answer, but it must verify.
        envelope.signatures[0] = p256.signatures[0]
        #expect(Kit.verify(envelope.encoded()).code == "verified")
    }
}

/// Base64 helpers for tests, independent of the code under test.
enum Base64 {
    static func text(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
    static func bytes(_ text: String) -> [UInt8]? { Data(base64Encoded: text).map(Array.init) }
}
