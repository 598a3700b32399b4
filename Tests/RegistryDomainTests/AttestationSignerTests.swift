import RegistryDomain
import Testing

/// Keys survive their PEM encoding and sign envelopes that verify under the published public key.
@Suite struct AttestationSignerTests {
    @Test(arguments: SigningKey.Algorithm.allCases)
    func pemRoundTripKeepsTheKey(algorithm: SigningKey.Algorithm) throws {
        let key = AttestationSigner.generateKey(algorithm)
        #expect(key.pemRepresentation.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let read = try AttestationPrivateKey(pem: key.pemRepresentation)
        #expect(read.algorithm == algorithm)
        #expect(read.publicKeyText == key.publicKeyText)
        #expect(PublicKeyText.problem(key.publicKeyText, algorithm: algorithm) == nil)
        #expect(key.defaultKeyID.count == 64)
    }

    @Test func keyReadFromPEMSignsWhatThePublishedKeyVerifies() throws {
        let key = try AttestationPrivateKey(pem: AttestationKit.ed.pemRepresentation)
        let envelope = try AttestationSigner.sign(AttestationKit.bytes(AttestationKit.payload()), with: key, keyid: "acme-ed")
        #expect(AttestationKit.verify(envelope.encoded()).code == "verified")
    }

    @Test(arguments: ["", "not a key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"])
    func garbageIsAClearErrorNotACrash(text: String) {
        #expect(throws: AttestationKeyError.self) { try AttestationPrivateKey(pem: text) }
    }
}
