/// The vendor side: signs a payload into a DSSE envelope.
public enum AttestationSigner {
    /// A fresh signing key of `algorithm`.
    public static func generateKey(_ algorithm: SigningKey.Algorithm) -> AttestationPrivateKey {
        AttestationPrivateKey.generate(algorithm)
    }

    /// An envelope over exactly `payload` (no re-serialisation), signed over the DSSE PAE by `key` as `keyid`.
    public static func sign(
        _ payload: [UInt8], with key: AttestationPrivateKey, keyid: String, payloadType: String = DSSE.attestationPayloadType
    ) throws(AttestationKeyError) -> DSSEEnvelope {
        let signature = try key.signature(over: DSSE.pae(payloadType: payloadType, payload: payload))
        return DSSEEnvelope(
            payloadType: payloadType, payloadBytes: payload,
            signatures: [DSSEEnvelope.Signature(keyid: keyid, sig: Base64Text.encode(signature))])
    }
}
