import Testing

@testable import RegistryDomain
@testable import RegistryJSON

/// Payloads (the refresh decodes thousands) are read through the parser and the generic decoder.
@Suite struct AttestationPayloadReadingTests {
    static let t = Timestamp(secondsSinceEpoch: 1_790_000_000)

    static let payloads: [AttestationPayload] = [
        AttestationPayload(
            vendor: "a", tool: "a-b", version: 1, issued: t, expires: t.adding(seconds: 1), terms: Terms(),
            documents: [AttestedDocument(url: "https://a.example/")]),
        AttestationPayload(
            vendor: "acme", tool: "acme-chat", version: 123_456, issued: t, expires: t.adding(seconds: 86_400),
            terms: Terms(
                retention: Retention(
                    vendorRetention: [
                        RetentionUse(purpose: RetentionPurpose.allCases[0], days: 30),
                        RetentionUse(purpose: RetentionPurpose.allCases.last ?? RetentionPurpose.allCases[0], days: nil),
                    ],
                    publicByDefault: false, humanReview: true, perpetualLicence: false, customerControlledStorage: true),
                training: Training(inputs: .never, outputs: TrainingUse.allCases.last),
                environment: Environment(
                    deployment: Deployment.allCases.last, enterpriseTenant: true, sso: false, dpa: true,
                    certifications: Array(Certification.allCases.prefix(3)))),
            documents: [
                AttestedDocument(url: "https://acme.example/terms", sha256: String(repeating: "0a", count: 32)),
                AttestedDocument(url: "https://acme.example/dpa", sha256: nil),
            ]),
        AttestationPayload(
            vendor: "v", tool: "t", version: 2, issued: t, expires: t,
            terms: Terms(retention: Retention(vendorRetention: []), environment: Environment(certifications: [])),
            documents: [AttestedDocument(url: "http://v.example:8080/x")]),
    ]

    @Test(arguments: payloads)
    func canonicalTextReadsBackEqual(payload: AttestationPayload) throws {
        let (read, issues) = AttestationPayload.decode(Array(payload.canonicalText.utf8), file: "p")
        #expect(issues.isEmpty)
        #expect(read == payload)
    }

    @Test func absentOptionalMembersReadAsNull() throws {
        // The schema wants explicit nulls; the decoder itself reads an absent member as one.
        let text =
            #"{"schema":"genai-attestation/v1","vendor":"v","tool":"t","version":3,"issued":"2026-01-01T00:00:00Z","expires":"2027-01-01T00:00:00Z","terms":{"retention":{},"training":{},"environment":{}},"documents":[{"url":"https://v.example/"}]}"#
        let payload = try JSONValueDecoder.decode(AttestationPayload.self, from: try JSONParser.parse(Array(text.utf8)).value)
        #expect(payload.terms == Terms())
        #expect(payload.documents == [AttestedDocument(url: "https://v.example/")])
        #expect(payload.version == 3 && payload.tool == "t")
    }

    @Test(arguments: [
        #"{"schema":"genai-attestation/v1"}"#,
        #"{"schema":"genai-attestation/v1","vendor":"v","tool":"t","version":"3","issued":"2026-01-01T00:00:00Z","expires":"2027-01-01T00:00:00Z","terms":{"retention":{},"training":{},"environment":{}},"documents":[]}"#,
        #"{"schema":"genai-attestation/v1","vendor":"v","tool":"t","version":3,"issued":"2026-01-01T00:00:00Z","expires":"2027-01-01T00:00:00Z","terms":{"retention":{"humanReview":"yes"},"training":{},"environment":{}},"documents":[]}"#,
        #"{"schema":"genai-attestation/v1","vendor":"v","tool":"t","version":3,"issued":"2026-01-01T00:00:00Z","expires":"2027-01-01T00:00:00Z","terms":{"retention":{},"training":{"inputs":"sometimes"},"environment":{}},"documents":[]}"#,
        "[]",
    ])
    func wrongTypesAreRefusedByTheDecoderAsByTheSchema(text: String) throws {
        let value = try JSONParser.parse(Array(text.utf8)).value
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode(AttestationPayload.self, from: value) }
        let (read, issues) = AttestationPayload.decode(Array(text.utf8), file: "p")
        #expect(read == nil && !issues.isEmpty)
    }
}
