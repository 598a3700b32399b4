import Foundation
import RegistryDomain
import RegistryJSON
import Testing

/// An in-toto Statement v1 in DSSE: the predicate carries the attestation, the subjects are its documents.
@Suite struct AttestationInTotoTests {
    typealias Kit = AttestationKit

    static let digest = String(repeating: "ab", count: 32)

    static func payload() -> AttestationPayload {
        var p = Kit.payload()
        p.documents = [
            AttestedDocument(url: "https://acme.example/terms", sha256: digest),
            AttestedDocument(url: "https://acme.example/dpa", sha256: String(repeating: "cd", count: 32)),
        ]
        return p
    }

    static func signed(_ statement: [UInt8], key: AttestationPrivateKey = Kit.ed, keyid: String = "acme-ed") throws -> [UInt8] {
        try AttestationSigner.sign(statement, with: key, keyid: keyid, payloadType: DSSE.inTotoPayloadType).encoded()
    }

    /// The statement for `payload()` as text, with `edit` applied to its JSON text.
    static func statementText(_ edit: (String) -> String = { $0 }) -> String {
        edit(String(decoding: InTotoStatement.statement(for: payload()), as: UTF8.self))
    }

    @Test(arguments: [SigningKey.Algorithm.ed25519, .ecdsaP256SHA256])
    func statementVerifiesAndItsSubjectsAreTheDocuments(algorithm: SigningKey.Algorithm) throws {
        let key = algorithm == .ed25519 ? Kit.ed : Kit.p256
        let result = Kit.verify(
            try Self.signed(InTotoStatement.statement(for: Self.payload()), key: key, keyid: algorithm == .ed25519 ? "acme-ed" : "acme-p256"))
        #expect(result.code == "verified", "\(result)")
        #expect(result.attestation?.payload == Self.payload())
    }

    @Test func statementLayoutIsInToto() throws {
        let value = try JSONParser.parse(InTotoStatement.statement(for: Self.payload())).value
        #expect(value["_type"]?.stringValue == "https://in-toto.io/Statement/v1")
        #expect(value["predicateType"]?.stringValue == InTotoStatement.predicateType)
        #expect(value["subject"]?.arrayValue?.first?["uri"]?.stringValue == "https://acme.example/terms")
        #expect(value["subject"]?.arrayValue?.first?["digest"]?["sha256"]?.stringValue == Self.digest)
        #expect(value["predicate"]?["tool"]?.stringValue == "acme-chat")
        #expect(value["predicate"]?["schema"] == nil)
    }

    @Test func numbersWithAZeroFractionAsProtobufWritesThemAreIntegers() throws {
        let text = Self.statementText { $0.replacingOccurrences(of: "\"version\": 7", with: "\"version\": 7.0") }
        #expect(text.contains("7.0"))
        let result = Kit.verify(try Self.signed(Array(text.utf8)))
        #expect(result.attestation?.payload.version == 7, "\(result)")
        let fraction = Self.statementText { $0.replacingOccurrences(of: "\"version\": 7", with: "\"version\": 7.5") }
        #expect(Kit.verify(try Self.signed(Array(fraction.utf8))).rejection?.code == .malformed)
    }

    @Test func subjectDigestsOfOtherAlgorithmsAndNamesAreAllowed() throws {
        let text = Self.statementText {
            $0.replacingOccurrences(of: "\"sha256\": \"\(Self.digest)\"", with: "\"sha256\": \"\(Self.digest)\", \"sha512\": \"00\"")
                .replacingOccurrences(
                    of: "\"uri\": \"https://acme.example/terms\"", with: "\"name\": \"terms\", \"uri\": \"https://acme.example/terms\"")
        }
        #expect(text.contains("sha512"))
        #expect(Kit.verify(try Self.signed(Array(text.utf8))).code == "verified")
    }

    @Test(arguments: [
        (
            "another predicate type", "\"predicateType\": \"urn:genai-registry:attestation:v1\"",
            "\"predicateType\": \"https://slsa.dev/provenance/v1\"", "unsupported-schema", "predicateType"
        ),
        (
            "Statement v0.1", "\"_type\": \"https://in-toto.io/Statement/v1\"", "\"_type\": \"https://in-toto.io/Statement/v0.1\"",
            "unsupported-schema", "_type"
        ),
        (
            "unknown predicate field", "\"tool\": \"acme-chat\"", "\"tool\": \"acme-chat\", \"extra\": 1", "malformed",
            "$.predicate.extra: unknown field"
        ),
        ("unknown terms field", "\"sso\": null", "\"sso\": null, \"soc\": true", "malformed", "$.predicate.terms.environment.soc"),
        ("unknown statement field", "\"_type\":", "\"extra\": 1, \"_type\":", "malformed", "$.extra: unknown field"),
        (
            "subject without digest", "terms\",\n      \"digest\": {\n        \"sha256\": \"\(digest)\"\n      }", "terms\"", "malformed",
            "$.subject[0].digest"
        ),
        ("subject digest not hex", "\"sha256\": \"\(digest)\"", "\"sha256\": \"xyz\"", "malformed", "$.subject[0].digest.sha256"),
        ("subject without uri", "\"uri\": \"https://acme.example/dpa\",\n", "", "malformed", "$.subject[1].uri"),
        (
            "schema in the predicate", "\"tool\": \"acme-chat\"", "\"tool\": \"acme-chat\", \"schema\": \"genai-attestation/v1\"", "malformed",
            "$.predicate.schema"
        ),
        ("missing version", "\"version\": 7,\n", "", "malformed", "$.predicate.version"),
    ])
    func badStatementIsRejectedWithWhere(name: String, find: String, replace: String, code: String, expected: String) throws {
        let text = Self.statementText { $0.replacingOccurrences(of: find, with: replace) }
        #expect(text != Self.statementText(), "\(name): the edit must apply")
        let result = Kit.verify(try Self.signed(Array(text.utf8)))
        #expect(result.code == code, "\(name): \(result)")
        #expect(result.rejection?.message.contains(expected) == true, "\(name): \(result.rejection?.message ?? "")")
    }

    @Test func statementForAnotherToolIsSubjectMismatch() throws {
        var other = Self.payload()
        other.tool = "acme-image"
        #expect(Kit.verify(try Self.signed(InTotoStatement.statement(for: other))).rejection?.code == .subjectMismatch)
    }

    @Test func nativePayloadUnderTheInTotoTypeIsNotAccepted() throws {
        // The type is signed: a native payload cannot be passed off as a statement or the other way round.
        let native = try AttestationSigner.sign(Kit.bytes(Kit.payload()), with: Kit.ed, keyid: "acme-ed", payloadType: DSSE.inTotoPayloadType)
            .encoded()
        #expect(Kit.verify(native).rejection?.code == .unsupportedSchema)
    }

    @Test func statementInASigstoreBundleWithoutKeyidVerifies() throws {
        var envelope = try #require(
            try JSONSerialization.jsonObject(with: Data(try Self.signed(InTotoStatement.statement(for: Self.payload())))) as? [String: Any])
        envelope["signatures"] = [["keyid": "", "sig": ((envelope["signatures"] as? [[String: Any]])?.first?["sig"] as? String) ?? ""]]
        let bundle = AttestationDSSETests.bundle(envelope)
        let result = Kit.verify(Array(try JSONSerialization.data(withJSONObject: bundle)))
        #expect(result.code == "verified", "\(result)")
    }

    @Test func claimedToolIsThePredicatesTool() throws {
        #expect(try AttestationSubject.claimedTool(inEnvelope: try Self.signed(InTotoStatement.statement(for: Self.payload()))) == "acme-chat")
    }
}
