/// The lowest version a tool's next attestation may carry: the last verified version, and the key that
/// signed it.
///
/// The floor counts only while that key is still pinned: a version pushed up by a leaked key stops counting
/// the moment the vendor file drops the key, so the vendor's real attestations are accepted again.
public struct VersionFloor: Sendable, Equatable {
    public var version: Int
    /// Hex SHA-256 of the signing key (`SigningKey.fingerprint`); nil for a floor recorded before floors were
    /// tied to keys (it counts whatever the vendor file pins; `attest reset-floor` lifts it).
    public var key: String?

    public init(version: Int, key: String? = nil) {
        self.version = version
        self.key = key
    }

    /// Whether the floor still counts for `vendor`.
    public func counts(for vendor: VendorRecord) -> Bool {
        guard let key else { return true }
        return vendor.keys.contains { $0.fingerprint == key }
    }
}

extension SigningKey {
    /// Hex SHA-256 of the key itself, the same whatever text (base64, hex, PEM) the vendor file writes it
    /// in; nil when the key cannot be read.
    public var fingerprint: String? { SignatureCheck.fingerprint(of: self) }
}
