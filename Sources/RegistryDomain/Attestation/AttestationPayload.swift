public import RegistryJSON

/// What a vendor signs: for one tool, the terms it commits to, when, until when, and on which documents.
public struct AttestationPayload: Sendable, Codable, Equatable {
    /// The only schema this version understands.
    public static let schemaV1 = "genai-attestation/v1"

    public var schema: String
    public var vendor: String
    public var tool: String
    /// Grows with every new attestation for the tool; a lower one than already seen is a rollback.
    public var version: Int
    public var issued: Timestamp
    public var expires: Timestamp
    /// The same structure, and the same meaning of `null`, as a tool record's terms.
    public var terms: Terms
    /// The terms documents the claims rest on.
    public var documents: [AttestedDocument]

    public init(
        schema: String = AttestationPayload.schemaV1, vendor: String, tool: String, version: Int, issued: Timestamp,
        expires: Timestamp, terms: Terms, documents: [AttestedDocument]
    ) {
        self.schema = schema
        self.vendor = vendor
        self.tool = tool
        self.version = version
        self.issued = issued
        self.expires = expires
        self.terms = terms
        self.documents = documents
    }

    /// Parses, schema-checks and decodes payload bytes; nil with every problem (JSON path included) when
    /// invalid. `issued` after `expires` is reported too, since no schema rule can see it.
    public static func decode(_ bytes: [UInt8], file: String) -> (AttestationPayload?, [Issue]) {
        let read = read(bytes, file: file)
        return (read.payload, read.issues)
    }

    /// `decode`, also saying which schema the payload claims (when it is a JSON object with a string `schema`;
    /// unverified, for routing only), from one parse.
    static func read(_ bytes: [UInt8], file: String) -> (claimedSchema: String?, payload: AttestationPayload?, issues: [Issue]) {
        let parsed: JSONParser.Result
        do { parsed = try JSONParser.parse(bytes) } catch {
            return (nil, nil, [Issue(code: .badJSON, file: file, line: error.line, message: error.description)])
        }
        let claimed = parsed.value["schema"]?.stringValue
        let (payload, issues) = RecordCodec.decode(
            AttestationPayload.self, parsed: parsed, from: bytes, schema: RegistrySchemas.attestationPayload, file: file)
        guard let payload else { return (claimed, nil, issues) }
        if payload.issued > payload.expires {
            let issue = Issue(
                code: .issuedAfterExpires, file: file, path: JSONPath.root.appending("issued"),
                message: "issued \(payload.issued) is after expires \(payload.expires)")
            return (claimed, nil, issues + [issue])
        }
        return (claimed, payload, issues)
    }

    /// The attestation in signed payload bytes of DSSE type `type` (the native payload or an in-toto
    /// Statement); `unsupported-schema` or `malformed` (every problem with its path) otherwise.
    static func signed(_ bytes: [UInt8], type: String) throws(AttestationRejection) -> AttestationPayload {
        if type == DSSE.inTotoPayloadType {
            let read = InTotoStatement.read(bytes, file: "payload")
            if let unsupported = read.unsupported { throw AttestationRejection(.unsupportedSchema, unsupported) }
            guard let payload = read.payload, read.issues.isEmpty else {
                throw AttestationRejection(
                    .malformed, "the signed in-toto Statement does not match \(InTotoStatement.predicateType): " + summary(of: read.issues))
            }
            return payload
        }
        let read = read(bytes, file: "payload")
        if let claimed = read.claimedSchema, claimed != schemaV1 {
            throw AttestationRejection(.unsupportedSchema, "the payload is \"\(claimed)\"; this version understands \"\(schemaV1)\" only")
        }
        guard let payload = read.payload else {
            throw AttestationRejection(.malformed, "the signed payload does not match \(schemaV1): " + summary(of: read.issues))
        }
        return payload
    }

    /// The payload in the registry's canonical layout (schema field order, explicit nulls).
    public var canonicalText: String { RecordCodec.canonicalText(self, schema: RegistrySchemas.attestationPayload) }

    /// Issues as one line: path and message of each, the first few only.
    static func summary(of issues: [Issue], limit: Int = 5) -> String {
        var parts = issues.prefix(limit).map { "\($0.path): \($0.message)" }
        if issues.count > limit { parts.append("and \(issues.count - limit) more") }
        return parts.joined(separator: "; ")
    }
}
