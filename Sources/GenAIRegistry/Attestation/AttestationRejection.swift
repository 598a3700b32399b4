/// Why an attestation was not accepted: a stable machine code and a sentence a person understands.
public struct AttestationRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reason codes; their spelling is part of the product contract (docs/attestation.md).
    public enum Code: String, Sendable, CaseIterable, Codable {
        case malformed
        case unknownKey = "unknown-key"
        case badSignature = "bad-signature"
        case keyNotValid = "key-not-valid"
        case subjectMismatch = "subject-mismatch"
        case expired
        case futureDated = "future-dated"
        case rollback
        case unsupportedSchema = "unsupported-schema"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
