/// The Dead Simple Signing Envelope (DSSE v1) pre-authentication encoding, and the payload type we sign.
public enum DSSE {
    /// The `payloadType` of the native attestation payload (`genai-attestation/v1`).
    public static let attestationPayloadType = "application/vnd.genai-attestation+json"
    /// The `payloadType` of an in-toto Statement (whose predicate then carries the attestation).
    public static let inTotoPayloadType = "application/vnd.in-toto+json"
    /// Every `payloadType` an attestation may carry.
    public static let payloadTypes: Set<String> = [attestationPayloadType, inTotoPayloadType]

    /// `"DSSEv1" SP LEN(type) SP type SP LEN(payload) SP payload`, lengths in ASCII decimal bytes.
    ///
    /// Signatures cover these bytes, never the base64 text or the JSON envelope: binding the type into the
    /// signed bytes stops a signature over one kind of document being replayed as another.
    public static func pae(payloadType: String, payload: [UInt8]) -> [UInt8] {
        let type = Array(payloadType.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(type.count + payload.count + 32)
        out += Array("DSSEv1 \(type.count) ".utf8)
        out += type
        out += Array(" \(payload.count) ".utf8)
        out += payload
        return out
    }
}
