public import RegistryJSON

/// Verifies attestation envelopes against a vendor's pinned keys, at one fixed instant (TUF: fix the start
/// time once per run so every expiry check in a run agrees).
public struct AttestationVerifier: Sendable {
    /// The instant every time check compares against.
    public var now: Timestamp
    /// How far in the future `issued` may be before it counts as future-dated (the signer's clock may run ahead).
    public var clockSkewSeconds: Int
    /// The longest `expires` − `issued` accepted, in seconds.
    public var maxLifetimeSeconds: Int64
    /// How far past the rollback floor a version may go.
    public var maxVersionStep: Int

    /// The largest version accepted at all: the largest integer every JSON reader holds exactly (2^53 − 1).
    public static let maxVersion = 9_007_199_254_740_991

    public init(now: Timestamp, clockSkewSeconds: Int, maxLifetimeDays: Int = 400, maxVersionStep: Int = 10_000) {
        self.now = now
        self.clockSkewSeconds = max(0, clockSkewSeconds)
        self.maxLifetimeSeconds = Int64(max(1, maxLifetimeDays)) * 86_400
        self.maxVersionStep = max(1, maxVersionStep)
    }

    /// A verifier using the policy's clock-skew allowance, lifetime cap and version step.
    public init(now: Timestamp, policy: Policy) {
        let rules = policy.attestations
        self.init(now: now, clockSkewSeconds: rules.clockSkewSeconds, maxLifetimeDays: rules.maxLifetimeDays, maxVersionStep: rules.maxVersionStep)
    }

    /// Verifies `envelope` (the file's bytes) as an attestation of `toolID` by `vendor`, first seen now, with
    /// `lastVerifiedVersion` as a floor that counts whatever key set it.
    public func verify(_ envelope: [UInt8], vendor: VendorRecord, toolID: String, lastVerifiedVersion: Int?) -> AttestationVerification {
        verify(envelope, vendor: vendor, toolID: toolID, floor: lastVerifiedVersion.map { VersionFloor(version: $0) })
    }

    /// Verifies `envelope` (the file's bytes) as an attestation of `toolID` by `vendor`.
    ///
    /// The signature is checked before anything in the payload is believed; then the schema, the subject,
    /// the key's validity at `issued` and at `firstSeen` (default: now), the dates, the lifetime, and the
    /// version against `floor` (which counts only while the key that set it is pinned).
    public func verify(_ envelope: [UInt8], vendor: VendorRecord, toolID: String, floor: VersionFloor?, firstSeen: Timestamp? = nil)
        -> AttestationVerification
    {
        let last = floor.flatMap { $0.counts(for: vendor) ? $0.version : nil }
        do {
            let attestation = try check(envelope, vendor: vendor, toolID: toolID, lastVerifiedVersion: last, firstSeen: firstSeen ?? now)
            if let last, attestation.payload.version == last { return .unchanged(attestation) }
            return .verified(attestation)
        } catch {
            return .rejected(error)
        }
    }

    private func check(_ bytes: [UInt8], vendor: VendorRecord, toolID: String, lastVerifiedVersion: Int?, firstSeen: Timestamp)
        throws(AttestationRejection) -> VerifiedAttestation
    {
        let decoded = try DSSEEnvelope.read(bytes)
        let envelope = decoded.envelope
        guard DSSE.payloadTypes.contains(envelope.payloadType) else {
            throw AttestationRejection(
                .malformed,
                "payloadType is \"\(envelope.payloadType)\"; an attestation must be \"\(DSSE.attestationPayloadType)\" or an in-toto Statement (\"\(DSSE.inTotoPayloadType)\")"
            )
        }
        let payloadBytes = decoded.payload
        let signers = try verifyingKeys(decoded, vendor: vendor)

        // Authenticated from here on: the payload is what a pinned key signed.
        let payload = try AttestationPayload.signed(payloadBytes, type: envelope.payloadType)
        guard payload.vendor == vendor.id, payload.tool == toolID else {
            throw AttestationRejection(.subjectMismatch, "the attestation is for \(payload.tool) by \(payload.vendor), not \(toolID) by \(vendor.id)")
        }
        let validAtIssue = signers.filter { $0.isValid(at: payload.issued) }
        guard let first = validAtIssue.first else {
            let key = signers[0]
            let until = key.validUntil.map { "until \($0)" } ?? "with no end"
            throw AttestationRejection(
                .keyNotValid, "key \(key.keyid) is valid from \(key.validFrom) \(until), but the attestation was issued at \(payload.issued)")
        }
        // A key past its validUntil signs nothing new, whatever `issued` it writes: what counts is when the
        // attestation was first seen (a leaked retired key cannot back-date its way in).
        guard let key = validAtIssue.first(where: { !isRetired($0, at: firstSeen) }) else {
            let until = first.validUntil ?? firstSeen
            throw AttestationRejection(
                .keyRetired,
                "key \(first.keyid) was retired at \(until); this attestation was first seen at \(firstSeen), after it (plus the allowed clock skew of \(clockSkewSeconds) s), so its issued time \(payload.issued) cannot be trusted"
            )
        }
        let latestIssue = now.adding(seconds: Int64(clockSkewSeconds))
        guard payload.issued <= latestIssue else {
            throw AttestationRejection(
                .futureDated, "issued at \(payload.issued), after now (\(now)) plus the allowed clock skew of \(clockSkewSeconds) s")
        }
        let lifetime = payload.expires.secondsSinceEpoch - payload.issued.secondsSinceEpoch
        guard lifetime <= maxLifetimeSeconds else {
            throw AttestationRejection(
                .lifetimeTooLong,
                "issued at \(payload.issued) and expiring at \(payload.expires): \(lifetime / 86_400) days, longer than the \(maxLifetimeSeconds / 86_400) days the policy allows (attestations.maxLifetimeDays)"
            )
        }
        guard now < payload.expires else {
            throw AttestationRejection(.expired, "expired at \(payload.expires) (now \(now))")
        }
        guard payload.version <= Self.maxVersion else {
            throw AttestationRejection(.versionJump, "version \(payload.version) is larger than \(Self.maxVersion), the largest accepted")
        }
        if let last = lastVerifiedVersion, payload.version > last, payload.version - last > maxVersionStep {
            throw AttestationRejection(
                .versionJump,
                "version \(payload.version) leaps \(payload.version - last) past version \(last), already verified; at most \(maxVersionStep) are allowed (attestations.maxVersionStep)"
            )
        }
        if let last = lastVerifiedVersion, payload.version < last {
            throw AttestationRejection(
                .rollback,
                "version \(payload.version) is lower than version \(last), already verified; an older attestation cannot replace a newer one")
        }
        return VerifiedAttestation(
            payload: payload, payloadBytes: payloadBytes, keyid: key.keyid, algorithm: key.algorithm,
            keyFingerprint: key.fingerprint ?? "", envelope: bytes)
    }

    /// Whether `key` was past its `validUntil` (plus the clock skew) at `instant`.
    private func isRetired(_ key: SigningKey, at instant: Timestamp) -> Bool {
        guard let until = key.validUntil else { return false }
        return instant >= until.adding(seconds: Int64(clockSkewSeconds))
    }

    /// The pinned keys whose signature verifies over the PAE (never empty). A signature by a keyid the vendor
    /// does not pin is ignored, so an extra signature cannot make a valid envelope fail (DSSE). A signature
    /// without a keyid (absent or empty, as cosign writes it) is tried under every pinned key; whichever
    /// verifies must then be valid like any other (so a retired key is reported as such, not as a mismatch).
    private func verifyingKeys(_ decoded: DSSEEnvelope.Decoded, vendor: VendorRecord) throws(AttestationRejection) -> [SigningKey] {
        let envelope = decoded.envelope
        let message = DSSE.pae(payloadType: envelope.payloadType, payload: decoded.payload)
        var verified: [SigningKey] = []
        var failures: [String] = []
        for (signature, sig) in zip(envelope.signatures, decoded.signatures) {
            let anonymous = signature.keyid.isEmpty
            let candidates = anonymous ? vendor.keys : vendor.keys.filter { $0.keyid == signature.keyid }
            for key in candidates where !verified.contains(key) {
                if let failure = SignatureCheck.failure(signature: sig, over: message, key: key) {
                    // Without a keyid, a key that does not match is no news: only "none matched" is.
                    if !anonymous { failures.append("keyid \(key.keyid): \(failure)") }
                } else {
                    verified.append(key)
                }
            }
        }
        if !verified.isEmpty { return verified }
        if !failures.isEmpty {
            throw AttestationRejection(.badSignature, "no signature verifies: " + Self.listed(failures))
        }
        let pinned = vendor.keys.isEmpty ? "none" : Self.listed(vendor.keys.map(\.keyid), separator: ", ")
        if envelope.signatures.contains(where: { $0.keyid.isEmpty }) {
            throw AttestationRejection(
                .badSignature,
                "no signature verifies under a key vendor \(vendor.id) pins (signatures without a keyid are tried under each; pinned: \(pinned))")
        }
        let named = Self.listed(envelope.signatures.map(\.keyid), separator: ", ")
        throw AttestationRejection(.unknownKey, "no signature is by a key vendor \(vendor.id) pins (signed by: \(named); pinned: \(pinned))")
    }

    /// The first few of `items` (distinct), and how many more: a hostile envelope cannot make a long message.
    static func listed(_ items: [String], limit: Int = 3, separator: String = "; ") -> String {
        var distinct: [String] = []
        for item in items where !distinct.contains(item) { distinct.append(item) }
        var parts = distinct.prefix(limit).map { AttestationRejection.bounded($0, limit: 120) }
        if distinct.count > limit { parts.append("and \(distinct.count - limit) more") }
        return parts.joined(separator: separator)
    }
}
