/// Why an attestation was not accepted: a stable machine code and a sentence a person understands.
public struct AttestationRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reason codes; their spelling is part of the product contract (docs/attestation.md).
    public enum Code: String, Sendable, CaseIterable, Codable {
        case malformed
        case unknownKey = "unknown-key"
        case badSignature = "bad-signature"
        case keyNotValid = "key-not-valid"
        /// The key's `validUntil` had passed when the attestation was first seen, whatever `issued` says.
        case keyRetired = "key-retired"
        case subjectMismatch = "subject-mismatch"
        case expired
        case futureDated = "future-dated"
        /// `expires` − `issued` is longer than the policy allows.
        case lifetimeTooLong = "lifetime-too-long"
        /// The version leaps further past the last verified one than the policy allows.
        case versionJump = "version-jump"
        case rollback
        /// The same version as the one in force, with different signed content.
        case equivocation
        case unsupportedSchema = "unsupported-schema"
    }

    /// Messages are stored in the refresh state and shown in reports: whatever a hostile file puts in them
    /// (keyids, hundreds of signatures), they stay this short.
    public static let maxMessageLength = 600

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = Self.bounded(message)
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// `text` cut to at most `limit` bytes of UTF-8, whole characters only (ending in "…" when cut).
    public static func bounded(_ text: String, limit: Int = maxMessageLength) -> String {
        guard text.utf8.count > limit else { return text }
        var out = ""
        var bytes = 0
        for character in text {
            let size = character.utf8.count
            if bytes + size > limit - 3 { break }
            out.append(character)
            bytes += size
        }
        return out + "…"
    }
}
