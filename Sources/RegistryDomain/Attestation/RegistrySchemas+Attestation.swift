public import RegistryJSON

extension RegistrySchemas {
    /// The signed payload of an attestation (`genai-attestation/v1`); field order is the canonical order.
    public static let attestationPayload: Schema = .object([
        .init("schema", .string(.oneOf([AttestationPayload.schemaV1]))),
        .init("vendor", .string(.identifier)),
        .init("tool", .string(.identifier)),
        .init("version", .integer(1...Int.max)),
        .init("issued", .string(.timestamp)),
        .init("expires", .string(.timestamp)),
        .init("terms", terms),
        // An attestation must say which published terms back its claims, or it cannot be checked against them.
        .init(
            "documents",
            .array(documentDigest, minCount: 1)),
    ])
}
