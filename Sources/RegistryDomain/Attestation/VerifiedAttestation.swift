public import RegistryJSON

/// An attestation whose signature, key, subject, dates and version all checked out.
public struct VerifiedAttestation: Sendable, Equatable {
    public var payload: AttestationPayload
    /// Exactly the payload bytes the signature covers (never re-serialised).
    public var payloadBytes: [UInt8]
    /// The pinned key that verified it.
    public var keyid: String
    public var algorithm: SigningKey.Algorithm
    /// Hex SHA-256 of the key that verified it (see `VersionFloor.key`).
    public var keyFingerprint: String
    /// The envelope file as received, for storing alongside the state.
    public var envelope: [UInt8]

    public init(
        payload: AttestationPayload, payloadBytes: [UInt8], keyid: String, algorithm: SigningKey.Algorithm, keyFingerprint: String = "",
        envelope: [UInt8]
    ) {
        self.payload = payload
        self.payloadBytes = payloadBytes
        self.keyid = keyid
        self.algorithm = algorithm
        self.keyFingerprint = keyFingerprint
        self.envelope = envelope
    }

    /// The rollback floor this attestation sets: its version, tied to the key that signed it.
    public var floor: VersionFloor { VersionFloor(version: payload.version, key: keyFingerprint.isEmpty ? nil : keyFingerprint) }

    /// Whether it still counts at `instant`: a verified attestation stays in force until it expires.
    public func isInForce(at instant: Timestamp) -> Bool { instant < payload.expires }
}
