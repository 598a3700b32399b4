import Foundation
import RegistryDomain
import RegistryJSON
import Testing

/// Malformed envelopes and payloads: each is `malformed` with a message that says where and why.
@Suite struct AttestationEnvelopeTests {
    typealias Kit = AttestationKit

    /// A validly signed envelope around `payloadText`, so only the payload's content is at fault.
    func signedText(_ payloadText: String) throws -> [UInt8] {
        try Kit.envelope(Array(payloadText.utf8)).encoded()
    }

    static let goodPayload = Base64.text(Array(AttestationKit.payload().canonicalText.utf8))

    @Test(arguments: [
        ("not JSON", "{\"payloadType\": ", "not valid JSON"),
        ("not an object", "[1, 2]", "expected an object"),
        (
            "bad base64 payload",
            #"{"payloadType":"application/vnd.genai-attestation+json","payload":"%%%notbase64","signatures":[{"keyid":"acme-ed","sig":"AAAA"}]}"#,
            "$.payload is not valid base64"
        ),
        (
            "bad base64 sig",
            #"{"payloadType":"application/vnd.genai-attestation+json","payload":"e30=","signatures":[{"keyid":"acme-ed","sig":"AA A="}]}"#,
            "$.signatures[0].sig is not valid base64"
        ),
        (
            "empty signatures", #"{"payloadType":"application/vnd.genai-attestation+json","payload":"e30=","signatures":[]}"#,
            "$.signatures: needs at least 1 item"
        ),
        (
            "missing sig", #"{"payloadType":"application/vnd.genai-attestation+json","payload":"e30=","signatures":[{"keyid":"k"}]}"#,
            "$.signatures[0].sig: required field is missing"
        ),
        (
            "keyid not a string",
            #"{"payloadType":"application/vnd.genai-attestation+json","payload":"e30=","signatures":[{"keyid":7,"sig":"AAAA"}]}"#,
            "$.signatures[0].keyid: expected a string"
        ),
        ("missing payloadType", #"{"payload":"e30=","signatures":[{"keyid":"k","sig":"AAAA"}]}"#, "$.payloadType: required field is missing"),
        (
            "duplicate key",
            #"{"payloadType":"x","payloadType":"application/vnd.genai-attestation+json","payload":"e30=","signatures":[{"keyid":"k","sig":"AAAA"}]}"#,
            "repeats the key"
        ),
    ])
    func malformedEnvelopeIsRejected(name: String, text: String, expected: String) {
        let result = Kit.verify(Array(text.utf8))
        #expect(result.rejection?.code == .malformed, "\(name): \(result)")
        #expect(result.rejection?.message.contains(expected) == true, "\(name): \(result.rejection?.message ?? "")")
    }

    @Test func urlSafeUnpaddedBase64IsAccepted() throws {
        // DSSE: verifiers must accept both alphabets.
        var envelope = try Kit.envelope(Kit.bytes(Kit.payload()))
        let urlSafe = { (s: String) in
            s.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }
        envelope.payload = urlSafe(envelope.payload)
        envelope.signatures[0].sig = urlSafe(envelope.signatures[0].sig)
        #expect(Kit.verify(envelope.encoded()).code == "verified")
    }

    @Test func wrongPayloadTypeIsMalformedEvenWhenSigned() throws {
        let envelope = try Kit.envelope(Kit.bytes(Kit.payload()), payloadType: "application/json").encoded()
        let result = Kit.verify(envelope)
        #expect(result.rejection?.code == .malformed)
        #expect(result.rejection?.message.contains("payloadType") == true)
    }

    @Test func oversizedEnvelopeIsRefusedBeforeParsing() {
        let huge = [UInt8](repeating: 0x20, count: DSSEEnvelope.maxBytes + 1)
        #expect(Kit.verify(huge).rejection?.message.contains("at most") == true)
    }

    @Test func signedPayloadMissingAFieldNamesItsPath() throws {
        let text = Kit.payload().canonicalText.replacingOccurrences(of: "\"version\": 7,\n", with: "")
        #expect(!text.contains("\"version\""))
        let result = Kit.verify(try signedText(text))
        #expect(result.rejection?.code == .malformed)
        #expect(result.rejection?.message.contains("$.version: required field is missing") == true, "\(result)")
    }

    @Test func signedPayloadWithAnUnknownFieldNamesItsPath() throws {
        let text = Kit.payload().canonicalText.replacingOccurrences(of: "\"sso\": null", with: "\"sso\": null, \"soc\": true")
        let result = Kit.verify(try signedText(text))
        #expect(result.rejection?.code == .malformed)
        #expect(result.rejection?.message.contains("$.terms.environment.soc: unknown field") == true, "\(result)")
    }

    @Test func signedPayloadWithABadTermsValueNamesItsPath() throws {
        let text = Kit.payload().canonicalText.replacingOccurrences(of: "\"inputs\": \"never\"", with: "\"inputs\": \"sometimes\"")
        let result = Kit.verify(try signedText(text))
        #expect(result.rejection?.message.contains("$.terms.training.inputs") == true, "\(result)")
    }

    @Test func signedPayloadThatIsNotJSONIsMalformed() throws {
        let result = Kit.verify(try signedText("{\"schema\": "))
        #expect(result.rejection?.code == .malformed)
        #expect(result.rejection?.message.contains("invalid JSON") == true, "\(result)")
    }

    @Test func issuedAfterExpiresIsMalformed() throws {
        let payload = Kit.payload(issued: Kit.now.adding(seconds: -Kit.day), expires: Kit.now.adding(seconds: -2 * Kit.day))
        let result = Kit.verify(try Kit.signed(payload))
        #expect(result.rejection?.code == .malformed)
        #expect(result.rejection?.message.contains("is after expires") == true)
    }

    @Test func payloadCanonicalTextDecodesBackToTheSameValue() {
        let payload = Kit.payload()
        let (decoded, issues) = AttestationPayload.decode(Array(payload.canonicalText.utf8), file: "p.json")
        #expect(issues.isEmpty)
        #expect(decoded == payload)
    }

    @Test func envelopeParsesBackFromItsEncoding() throws {
        let envelope = try Kit.envelope(Kit.bytes(Kit.payload()))
        #expect(try DSSEEnvelope.parse(envelope.encoded()) == envelope)
        #expect(envelope.payloadBytes == Kit.bytes(Kit.payload()))
    }
}
