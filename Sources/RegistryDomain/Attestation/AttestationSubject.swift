import RegistryJSON

/// The tool an envelope *claims* to attest, read before verification only to pick the record to verify
/// against; nothing else trusts it, and verification then checks it against that record.
public enum AttestationSubject {
    /// The payload's `tool` string, or nil when the payload names none; malformed when the envelope is not one.
    public static func claimedTool(inEnvelope bytes: [UInt8]) throws(AttestationRejection) -> String? {
        let envelope = try DSSEEnvelope.parse(bytes)
        guard let payload = envelope.payloadBytes, let parsed = try? JSONParser.parse(payload) else { return nil }
        if envelope.payloadType == DSSE.inTotoPayloadType { return parsed.value["predicate"]?["tool"]?.stringValue }
        return parsed.value["tool"]?.stringValue
    }

    /// The payload of an envelope that was verified before (the one a refresh stored), read again without
    /// checking its signature: only to compare it with a newer answer. nil when it cannot be read.
    public static func unverifiedPayload(inEnvelope bytes: [UInt8]) -> AttestationPayload? {
        guard let decoded = try? DSSEEnvelope.read(bytes) else { return nil }
        return try? AttestationPayload.signed(decoded.payload, type: decoded.envelope.payloadType)
    }
}
