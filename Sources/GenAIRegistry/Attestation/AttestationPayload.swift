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
        let (payload, issues) = RegistryStore.decode(
            AttestationPayload.self, from: bytes, schema: RegistrySchemas.attestationPayload, file: file)
        guard let payload else { return (nil, issues) }
        if payload.issued > payload.expires {
            let issue = Issue(code: "issued-after-expires", file: file, path: JSONPath.root.appending("issued"),
                              message: "issued \(payload.issued) is after expires \(payload.expires)")
            return (nil, issues + [issue])
        }
        return (payload, issues)
    }

    /// The schema the payload claims, when it is a JSON object with a string `schema` (unverified: for routing only).
    static func claimedSchema(_ bytes: [UInt8]) -> String? {
        guard let parsed = try? JSONParser.parse(bytes) else { return nil }
        return parsed.value["schema"]?.stringValue
    }

    /// The payload in the registry's canonical layout (schema field order, explicit nulls).
    public var canonicalText: String { RegistryStore.canonicalText(self, schema: RegistrySchemas.attestationPayload) }

    /// Issues as one line: path and message of each, the first few only.
    static func summary(of issues: [Issue], limit: Int = 5) -> String {
        var parts = issues.prefix(limit).map { "\($0.path): \($0.message)" }
        if issues.count > limit { parts.append("and \(issues.count - limit) more") }
        return parts.joined(separator: "; ")
    }
}
