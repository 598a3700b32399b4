import RegistryJSON

/// A DSSE envelope: the payload (base64), its type, and one or more signatures over the PAE.
public struct DSSEEnvelope: Sendable, Codable, Equatable {
    /// One signature; `keyid` only says which pinned key to try, it proves nothing by itself.
    public struct Signature: Sendable, Codable, Equatable {
        /// Empty when the envelope gives none: then every pinned key that is valid is tried.
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
    /// At most this many signatures: each may have to be tried under every pinned key (DSSE sets no limit; a
    /// verifier may).
    public static let maxSignatures = 32

    /// The `mediaType` prefix of a Sigstore bundle, whose `dsseEnvelope` member is the envelope.
    static let sigstoreBundlePrefix = "application/vnd.dev.sigstore.bundle"

    /// Parses an envelope as DSSE defines it: strict JSON without duplicate keys; `payloadType`, `payload` and
    /// 1 to `maxSignatures` `signatures` (`sig` each, `keyid` optional) required; members DSSE does not define
    /// ignored. A Sigstore bundle is read through its `dsseEnvelope`. The payload and every signature must
    /// be valid base64. Anything else is `malformed`, with where and why.
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
        var value = parsed.value
        var at = "$"
        if case .string(let mediaType)? = value["mediaType"], mediaType.hasPrefix(sigstoreBundlePrefix) {
            // Only the envelope counts; the bundle's verification material (certificates, transparency log
            // entries) is not used: the key that verifies is one the vendor file pins.
            guard let inner = value["dsseEnvelope"], case .object = inner else {
                throw AttestationRejection(.malformed, "the Sigstore bundle holds no dsseEnvelope (a message signature cannot carry an attestation)")
            }
            value = inner
            at = "$.dsseEnvelope"
        }
        let envelope = try members(of: value, at: at)
        guard let payload = Base64Text.decode(envelope.payload) else {
            throw AttestationRejection(.malformed, "\(at).payload is not valid base64")
        }
        var signatures: [[UInt8]] = []
        signatures.reserveCapacity(envelope.signatures.count)
        for (i, signature) in envelope.signatures.enumerated() {
            guard let sig = Base64Text.decode(signature.sig) else {
                throw AttestationRejection(.malformed, "\(at).signatures[\(i)].sig is not valid base64")
            }
            signatures.append(sig)
        }
        return Decoded(envelope: envelope, payload: payload, signatures: signatures)
    }

    /// The members DSSE defines, read by name; others are ignored.
    private static func members(of value: JSONValue, at path: String) throws(AttestationRejection) -> DSSEEnvelope {
        func fail(_ what: String) -> AttestationRejection {
            AttestationRejection(.malformed, "the envelope is not a DSSE envelope: \(what)")
        }
        guard case .object = value else { throw fail("\(path): expected an object, found \(value.typeName)") }
        guard let typeValue = value["payloadType"] else { throw fail("\(path).payloadType: required field is missing") }
        guard case .string(let payloadType) = typeValue, !payloadType.isEmpty, payloadType.utf8.count <= 200 else {
            throw fail("\(path).payloadType: expected text of 1 to 200 bytes")
        }
        guard let payloadValue = value["payload"] else { throw fail("\(path).payload: required field is missing") }
        guard case .string(let payload) = payloadValue else { throw fail("\(path).payload: expected a string, found \(payloadValue.typeName)") }
        guard let list = value["signatures"] else { throw fail("\(path).signatures: required field is missing") }
        guard case .array(let items) = list else { throw fail("\(path).signatures: expected an array, found \(list.typeName)") }
        guard !items.isEmpty else { throw fail("\(path).signatures: needs at least 1 item") }
        guard items.count <= maxSignatures else { throw fail("\(path).signatures: \(items.count) signatures; at most \(maxSignatures) are accepted") }
        var signatures: [Signature] = []
        signatures.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            let at = "\(path).signatures[\(i)]"
            guard case .object = item else { throw fail("\(at): expected an object, found \(item.typeName)") }
            guard let sigValue = item["sig"] else { throw fail("\(at).sig: required field is missing") }
            guard case .string(let sig) = sigValue, sig.utf8.count <= 1000 else { throw fail("\(at).sig: expected a string of at most 1000 bytes") }
            // DSSE: keyid is optional (cosign writes ""); absent and empty both mean "try every pinned key".
            var keyid = ""
            switch item["keyid"] {
            case nil, .null?: break
            case .string(let text)? where text.utf8.count <= 200: keyid = text
            case let other?: throw fail("\(at).keyid: expected a string of at most 200 bytes, found \(other.typeName)")
            }
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
            JSONMember(
                "signatures",
                .array(
                    signatures.map {
                        .object(($0.keyid.isEmpty ? [] : [JSONMember("keyid", .string($0.keyid))]) + [JSONMember("sig", .string($0.sig))])
                    })),
        ])
        return JSONWriter.bytes(value)
    }
}
