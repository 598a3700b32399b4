/// The outcome of verifying one envelope.
public enum AttestationVerification: Sendable, Equatable {
    /// Valid and newer than the last verified version (or the first one seen).
    case verified(VerifiedAttestation)
    /// Valid, and the same version as the last verified one: nothing new (a replay is not an error).
    case unchanged(VerifiedAttestation)
    /// Not accepted; the last verified attestation, if any, stays in force until it expires.
    case rejected(AttestationRejection)

    /// `verified`, `unchanged`, or the rejection's reason code.
    public var code: String {
        switch self {
        case .verified: "verified"
        case .unchanged: "unchanged"
        case .rejected(let rejection): rejection.code.rawValue
        }
    }

    /// The attestation, when it verified (newly or unchanged).
    public var attestation: VerifiedAttestation? {
        switch self {
        case .verified(let a), .unchanged(let a): a
        case .rejected: nil
        }
    }

    /// The rejection, when there is one.
    public var rejection: AttestationRejection? {
        if case .rejected(let r) = self { return r }
        return nil
    }
}
