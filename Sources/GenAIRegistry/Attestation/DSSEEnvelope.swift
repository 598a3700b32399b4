/// A DSSE envelope: the payload (base64), its type, and one or more signatures over the PAE.
public struct DSSEEnvelope: Sendable, Codable, Equatable {
    /// One signature; `keyid` only says which pinned key to try, it proves nothing by itself.
    public struct Signature: Sendable, Codable, Equatable {
        public var keyid: String
        /// Base64 of the signature bytes.
        public var sig: String

        public init(keyid: String, sig: String) {
            self.keyid = keyid
            self.sig = sig
        }
    }

    public var payloadType: String
    /// Base64 of the payload bytes.
    public var payload: String
    public var signatures: [Signature]

    public init(payloadType: String, payload: String, signatures: [Signature]) {
        self.payloadType = payloadType
        self.payload = payload
        self.signatures = signatures
    }

    /// Envelopes are small; anything bigger is refused before parsing so a hostile file cannot cost much.
    public static let maxBytes = 1 << 20

    /// Envelope members, in the order this tool writes them.
    static let schema: Schema = .object([
        .init("payloadType", .string(.text(maxLength: 200))),
        .init("payload", .string(.text(maxLength: maxBytes))),
        .init("signatures", .array(.object([
            .init("keyid", .string(.text(maxLength: 200))),
            .init("sig", .string(.text(maxLength: 1000))),
        ]), minCount: 1)),
    ])

    /// Parses an envelope strictly: strict JSON, no duplicate or unknown members, at least one signature,
    /// and the payload and every signature valid base64. Anything else is `malformed`, with where and why.
    public static func parse(_ bytes: [UInt8]) throws(AttestationRejection) -> DSSEEnvelope {
        try read(bytes).envelope
    }

    /// An envelope read once: the envelope with its payload and signatures already decoded from base64.
    struct Decoded {
        var envelope: DSSEEnvelope
        var payload: [UInt8]
        /// The raw bytes of each signature, in the envelope's order.
        var signatures: [[UInt8]]
    }

    /// `parse`, keeping the decoded bytes (a refresh reads thousands of envelopes; each is decoded once).
    static func read(_ bytes: [UInt8]) throws(AttestationRejection) -> Decoded {
        guard bytes.count <= maxBytes else {
            throw AttestationRejection(.malformed, "the envelope is \(bytes.count) bytes; at most \(maxBytes) are accepted")
        }
        let parsed: JSONParser.Result
        do { parsed = try JSONParser.parse(bytes) } catch {
            throw AttestationRejection(.malformed, "the envelope is not valid JSON: \(error.description)")
        }
        if let duplicate = parsed.duplicateKeys.first {
            throw AttestationRejection(.malformed, "the envelope repeats the key \(duplicate); readers could disagree on which one counts")
        }
        guard SchemaValidator.isValid(parsed.value, against: schema), let envelope = members(of: parsed.value) else {
            let issues = SchemaValidator.validate(parsed.value, against: schema, file: "envelope")
            throw AttestationRejection(.malformed, "the envelope is not a DSSE envelope: " + AttestationPayload.summary(of: issues))
        }
        guard let payload = Base64Text.decode(envelope.payload) else {
            throw AttestationRejection(.malformed, "$.payload is not valid base64")
        }
        var signatures: [[UInt8]] = []
        for (i, signature) in envelope.signatures.enumerated() {
            guard let sig = Base64Text.decode(signature.sig) else {
                throw AttestationRejection(.malformed, "$.signatures[\(i)].sig is not valid base64")
            }
            signatures.append(sig)
        }
        return Decoded(envelope: envelope, payload: payload, signatures: signatures)
    }

    /// The envelope's members, read by name from a value the schema has accepted (no `Decodable` detour).
    private static func members(of value: JSONValue) -> DSSEEnvelope? {
        guard case .string(let payloadType)? = value["payloadType"], case .string(let payload)? = value["payload"],
            case .array(let list)? = value["signatures"]
        else { return nil }
        var signatures: [Signature] = []
        signatures.reserveCapacity(list.count)
        for item in list {
            guard case .string(let keyid)? = item["keyid"], case .string(let sig)? = item["sig"] else { return nil }
            signatures.append(Signature(keyid: keyid, sig: sig))
        }
        return DSSEEnvelope(payloadType: payloadType, payload: payload, signatures: signatures)
    }

    /// The raw payload bytes (the ones the signatures cover), or nil when `payload` is not base64.
    public var payloadBytes: [UInt8]? { Base64Text.decode(payload) }

    /// An envelope carrying `payloadBytes` (encoded as standard base64).
    public init(payloadType: String, payloadBytes: [UInt8], signatures: [Signature]) {
        self.init(payloadType: payloadType, payload: Base64Text.encode(payloadBytes), signatures: signatures)
    }

    /// The envelope in the registry's canonical JSON layout (two-space indent, fixed member order).
    public func encoded() -> [UInt8] {
        let value = JSONValue.object([
            JSONMember("payloadType", .string(payloadType)),
            JSONMember("payload", .string(payload)),
            JSONMember("signatures", .array(signatures.map {
                .object([JSONMember("keyid", .string($0.keyid)), JSONMember("sig", .string($0.sig))])
            })),
        ])
        return JSONWriter.bytes(value)
    }
}
