/// A terms document an attestation rests on, optionally pinned by the SHA-256 of its content.
public struct AttestedDocument: Sendable, Codable, Equatable {
    public var url: String
    /// Hex SHA-256 of the document as the vendor published it; nil when not pinned.
    public var sha256: String?

    public init(url: String, sha256: String? = nil) {
        self.url = url
        self.sha256 = sha256
    }
}
