/// An attestation whose signature, key, subject, dates and version all checked out.
public struct VerifiedAttestation: Sendable, Equatable {
    public var payload: AttestationPayload
    /// Exactly the payload bytes the signature covers (never re-serialised).
    public var payloadBytes: [UInt8]
    /// The pinned key that verified it.
    public var keyid: String
    public var algorithm: SigningKey.Algorithm
    /// The envelope file as received, for storing alongside the state.
    public var envelope: [UInt8]

    public init(payload: AttestationPayload, payloadBytes: [UInt8], keyid: String, algorithm: SigningKey.Algorithm, envelope: [UInt8]) {
        self.payload = payload
        self.payloadBytes = payloadBytes
        self.keyid = keyid
        self.algorithm = algorithm
        self.envelope = envelope
    }

    /// Whether it still counts at `instant`: a verified attestation stays in force until it expires.
    public func isInForce(at instant: Timestamp) -> Bool { instant < payload.expires }
}
