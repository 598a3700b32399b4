/// Verifies attestation envelopes against a vendor's pinned keys, at one fixed instant (TUF: fix the start
/// time once per run so every expiry check in a run agrees).
public struct AttestationVerifier: Sendable {
    /// The instant every time check compares against.
    public var now: Timestamp
    /// How far in the future `issued` may be before it counts as future-dated (the signer's clock may run ahead).
    public var clockSkewSeconds: Int

    public init(now: Timestamp, clockSkewSeconds: Int) {
        self.now = now
        self.clockSkewSeconds = max(0, clockSkewSeconds)
    }

    /// A verifier using the policy's clock-skew allowance.
    public init(now: Timestamp, policy: Policy) {
        self.init(now: now, clockSkewSeconds: policy.attestations.clockSkewSeconds)
    }

    /// Verifies `envelope` (the file's bytes) as an attestation of `toolID` by `vendor`.
    ///
    /// The signature is checked before anything in the payload is believed; then the schema, the subject,
    /// the key's validity at `issued`, the dates, and the version against `lastVerifiedVersion`.
    public func verify(_ envelope: [UInt8], vendor: VendorRecord, toolID: String, lastVerifiedVersion: Int?) -> AttestationVerification {
        do {
            let attestation = try check(envelope, vendor: vendor, toolID: toolID, lastVerifiedVersion: lastVerifiedVersion)
            if let last = lastVerifiedVersion, attestation.payload.version == last { return .unchanged(attestation) }
            return .verified(attestation)
        } catch {
            return .rejected(error)
        }
    }

    private func check(_ bytes: [UInt8], vendor: VendorRecord, toolID: String, lastVerifiedVersion: Int?) throws(AttestationRejection) -> VerifiedAttestation {
        let decoded = try DSSEEnvelope.read(bytes)
        let envelope = decoded.envelope
        guard envelope.payloadType == DSSE.attestationPayloadType else {
            throw AttestationRejection(.malformed, "payloadType is \"\(envelope.payloadType)\"; an attestation must be \"\(DSSE.attestationPayloadType)\"")
        }
        let payloadBytes = decoded.payload
        let signers = try verifyingKeys(decoded, vendor: vendor)

        // Authenticated from here on: the payload is what a pinned key signed.
        let read = AttestationPayload.read(payloadBytes, file: "payload")
        if let claimed = read.claimedSchema, claimed != AttestationPayload.schemaV1 {
            throw AttestationRejection(.unsupportedSchema, "the payload is \"\(claimed)\"; this version understands \"\(AttestationPayload.schemaV1)\" only")
        }
        guard let payload = read.payload else {
            throw AttestationRejection(.malformed, "the signed payload does not match \(AttestationPayload.schemaV1): " + AttestationPayload.summary(of: read.issues))
        }
        guard payload.vendor == vendor.id, payload.tool == toolID else {
            throw AttestationRejection(.subjectMismatch, "the attestation is for \(payload.tool) by \(payload.vendor), not \(toolID) by \(vendor.id)")
        }
        guard let key = signers.first(where: { $0.isValid(at: payload.issued) }) else {
            let key = signers.first ?? SigningKey(keyid: "?", algorithm: .ed25519, publicKey: "", validFrom: payload.issued)
            let until = key.validUntil.map { "until \($0)" } ?? "with no end"
            throw AttestationRejection(.keyNotValid, "key \(key.keyid) is valid from \(key.validFrom) \(until), but the attestation was issued at \(payload.issued)")
        }
        let latestIssue = now.adding(seconds: Int64(clockSkewSeconds))
        guard payload.issued <= latestIssue else {
            throw AttestationRejection(.futureDated, "issued at \(payload.issued), after now (\(now)) plus the allowed clock skew of \(clockSkewSeconds) s")
        }
        guard now < payload.expires else {
            throw AttestationRejection(.expired, "expired at \(payload.expires) (now \(now))")
        }
        if let last = lastVerifiedVersion, payload.version < last {
            throw AttestationRejection(.rollback, "version \(payload.version) is lower than version \(last), already verified; an older attestation cannot replace a newer one")
        }
        return VerifiedAttestation(payload: payload, payloadBytes: payloadBytes, keyid: key.keyid, algorithm: key.algorithm, envelope: bytes)
    }

    /// The pinned keys whose signature verifies over the PAE (never empty). A signature by a keyid the vendor
    /// does not pin is ignored, so an extra signature cannot make a valid envelope fail (DSSE).
    private func verifyingKeys(_ decoded: DSSEEnvelope.Decoded, vendor: VendorRecord) throws(AttestationRejection) -> [SigningKey] {
        let envelope = decoded.envelope
        let message = DSSE.pae(payloadType: envelope.payloadType, payload: decoded.payload)
        var verified: [SigningKey] = []
        var failures: [String] = []
        for (signature, sig) in zip(envelope.signatures, decoded.signatures) {
            let candidates = vendor.keys.filter { $0.keyid == signature.keyid }
            guard !candidates.isEmpty else { continue }
            for key in candidates {
                if let failure = SignatureCheck.failure(signature: sig, over: message, key: key) {
                    failures.append("keyid \(key.keyid): \(failure)")
                } else if !verified.contains(key) {
                    verified.append(key)
                }
            }
        }
        if !verified.isEmpty { return verified }
        if !failures.isEmpty {
            throw AttestationRejection(.badSignature, "no signature verifies: " + failures.joined(separator: "; "))
        }
        let named = envelope.signatures.map(\.keyid).joined(separator: ", ")
        let pinned = vendor.keys.isEmpty ? "none" : vendor.keys.map(\.keyid).joined(separator: ", ")
        throw AttestationRejection(.unknownKey, "no signature is by a key vendor \(vendor.id) pins (signed by: \(named); pinned: \(pinned))")
    }
}
