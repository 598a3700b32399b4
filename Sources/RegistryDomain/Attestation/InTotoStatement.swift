import RegistryJSON

/// An in-toto Statement v1 carrying an attestation, as cosign `attest-blob`, in-toto and securesystemslib
/// users produce: the predicate holds what a `genai-attestation/v1` payload holds (less `schema`, which the
/// predicate type says, and `documents`, which the subjects are), and each subject is a terms document:
/// its URI and the SHA-256 of its normalised text.
///
/// ```json
/// {"_type": "https://in-toto.io/Statement/v1",
///  "subject": [{"uri": "https://acme.example/terms", "digest": {"sha256": "…"}}],
///  "predicateType": "urn:genai-registry:attestation:v1",
///  "predicate": {"vendor": …, "tool": …, "version": …, "issued": …, "expires": …, "terms": {…}}}
/// ```
///
/// The statement is read as strictly as the native payload: unknown members are errors, except the
/// ResourceDescriptor members in-toto defines (`name`, `mediaType`, `annotations`, `downloadLocation`) and
/// digests of other algorithms beside `sha256`. Numbers with a zero fraction (`7.0`, as protobuf-based
/// tools write every number) count as the integers they are.
public enum InTotoStatement {
    public static let statementType = "https://in-toto.io/Statement/v1"
    /// The predicate type of an attestation (what `schema` is in the native payload).
    public static let predicateType = "urn:genai-registry:attestation:v1"

    static let subjectMembers: Set<String> = ["name", "uri", "digest", "mediaType", "annotations", "downloadLocation"]
    static let statementMembers: Set<String> = ["_type", "subject", "predicateType", "predicate"]

    /// What reading found: the payload, or why not (an unsupported type, or every problem with its path).
    struct Reading {
        var unsupported: String?
        var payload: AttestationPayload?
        var issues: [Issue]
    }

    static func read(_ bytes: [UInt8], file: String) -> Reading {
        let parsed: JSONParser.Result
        do { parsed = try JSONParser.parse(bytes) } catch {
            return Reading(payload: nil, issues: [Issue(code: .badJSON, file: file, line: error.line, message: error.description)])
        }
        var issues = parsed.duplicateKeys.map {
            Issue(code: .duplicateKey, file: file, path: $0, message: "key appears twice in the same object; the second would silently win")
        }
        let root = JSONPath.root
        guard case .object(let members) = parsed.value else {
            return Reading(
                payload: nil,
                issues: [Issue(code: .wrongType, file: file, message: "expected an in-toto Statement (an object), found \(parsed.value.typeName)")])
        }
        let type = parsed.value["_type"]?.stringValue
        guard type == statementType else {
            return Reading(
                unsupported: "the statement's _type is \(type.map { "\"\($0)\"" } ?? "missing"); this version understands \"\(statementType)\" only",
                payload: nil, issues: [])
        }
        let predicateType = parsed.value["predicateType"]?.stringValue
        guard predicateType == Self.predicateType else {
            return Reading(
                unsupported:
                    "the predicateType is \(predicateType.map { "\"\($0)\"" } ?? "missing"); this version understands \"\(Self.predicateType)\" only",
                payload: nil, issues: [])
        }
        for member in members where !statementMembers.contains(member.key) {
            issues.append(Issue(code: .unknownField, file: file, path: root.appending(member.key), message: "unknown field"))
        }
        var documents: [JSONValue] = []
        let subjectPath = root.appending("subject")
        if let list = parsed.value["subject"]?.arrayValue, !list.isEmpty {
            for (i, item) in list.enumerated() {
                let at = subjectPath.appending(index: i)
                guard case .object(let fields) = item else {
                    issues.append(Issue(code: .wrongType, file: file, path: at, message: "expected an object, found \(item.typeName)"))
                    continue
                }
                for field in fields where !subjectMembers.contains(field.key) {
                    issues.append(Issue(code: .unknownField, file: file, path: at.appending(field.key), message: "unknown field"))
                }
                let uri = item["uri"]
                if uri == nil {
                    issues.append(
                        Issue(
                            code: .missingField, file: file, path: at.appending("uri"),
                            message: "required field is missing: the URL of the terms document"))
                }
                var sha256: JSONValue = .null
                if case .object(let digests)? = item["digest"] {
                    for digest in digests where digest.value.stringValue == nil {
                        issues.append(
                            Issue(code: .wrongType, file: file, path: at.appending("digest").appending(digest.key), message: "expected a hex string"))
                    }
                    if let value = item["digest"]?["sha256"] {
                        sha256 = value
                    } else {
                        issues.append(
                            Issue(
                                code: .missingField, file: file, path: at.appending("digest").appending("sha256"),
                                message: "required field is missing: the SHA-256 of the document's normalised text"))
                    }
                } else {
                    issues.append(
                        Issue(
                            code: .missingField, file: file, path: at.appending("digest"),
                            message: "required field is missing (an object with sha256)"))
                }
                documents.append(.object([JSONMember("url", uri ?? .null), JSONMember("sha256", sha256)]))
            }
        } else {
            issues.append(
                Issue(code: .missingField, file: file, path: subjectPath, message: "needs at least 1 subject: the terms documents the claims rest on")
            )
        }
        let predicatePath = root.appending("predicate")
        guard case .object(let predicate)? = parsed.value["predicate"] else {
            issues.append(Issue(code: .missingField, file: file, path: predicatePath, message: "required field is missing (an object)"))
            return Reading(payload: nil, issues: issues)
        }
        for member in predicate where member.key == "schema" || member.key == "documents" {
            let instead = member.key == "schema" ? "the predicateType says it" : "the subjects are the documents"
            issues.append(Issue(code: .unknownField, file: file, path: predicatePath.appending(member.key), message: "unknown field (\(instead))"))
        }
        // The native payload this statement stands for, checked by the same schema; its problems are reported
        // where they are in the statement.
        let payload = JSONValue.object(
            [JSONMember("schema", .string(AttestationPayload.schemaV1))]
                + predicate.filter { $0.key != "schema" && $0.key != "documents" }.map { JSONMember($0.key, integral($0.value)) }
                + [JSONMember("documents", .array(documents))])
        if issues.isEmpty, SchemaValidator.isValid(payload, against: RegistrySchemas.attestationPayload),
            let read = try? JSONValueDecoder.decode(AttestationPayload.self, from: payload)
        {
            return Reading(payload: read, issues: checkDates(read, file: file))
        }
        for issue in SchemaValidator.validate(payload, against: RegistrySchemas.attestationPayload, file: file) {
            var moved = issue
            moved.path = relocate(issue.path, subject: subjectPath, predicate: predicatePath)
            issues.append(moved)
        }
        if issues.isEmpty {
            issues.append(Issue(code: .undecodable, file: file, path: predicatePath, message: "cannot be read"))
        }
        return Reading(payload: nil, issues: issues)
    }

    private static func checkDates(_ payload: AttestationPayload, file: String) -> [Issue] {
        payload.issued > payload.expires
            ? [
                Issue(
                    code: .issuedAfterExpires, file: file, path: JSONPath.root.appending("predicate").appending("issued"),
                    message: "issued \(payload.issued) is after expires \(payload.expires)")
            ]
            : []
    }

    /// A payload path where it is in the statement: `$.documents[i].url` is `$.subject[i].uri`, the rest is under `$.predicate`.
    private static func relocate(_ path: JSONPath, subject: JSONPath, predicate: JSONPath) -> JSONPath {
        guard case .key(let first)? = path.components.first else { return path }
        if first == "documents" {
            var components = subject.components + path.components.dropFirst()
            if case .key("url")? = components.last { components[components.count - 1] = .key("uri") }
            if case .key("sha256")? = components.last { components.insert(.key("digest"), at: components.count - 1) }
            return JSONPath(components: components)
        }
        return JSONPath(components: predicate.components + path.components)
    }

    /// `value` with every number written with a zero fraction (`7.0`, `30.00`) written as the integer it is.
    static func integral(_ value: JSONValue) -> JSONValue {
        switch value {
        case .number(let text):
            guard let dot = text.firstIndex(of: "."), !text.contains(where: { $0 == "e" || $0 == "E" }),
                text[text.index(after: dot)...].allSatisfy({ $0 == "0" }), text.index(after: dot) < text.endIndex
            else { return value }
            let whole = String(text[..<dot])
            return .number(whole == "-0" ? "0" : whole)
        case .array(let items): return .array(items.map(integral))
        case .object(let members): return .object(members.map { JSONMember($0.key, integral($0.value)) })
        default: return value
        }
    }

    /// The statement for `payload` (compact JSON; the subjects are its documents, each of which must have a SHA-256).
    public static func statement(for payload: AttestationPayload) -> [UInt8] {
        let value = JSONValue.object([
            JSONMember("_type", .string(statementType)),
            JSONMember(
                "subject",
                .array(
                    payload.documents.map {
                        .object([
                            JSONMember("uri", .string($0.url)),
                            JSONMember("digest", .object([JSONMember("sha256", $0.sha256.map(JSONValue.string) ?? .null)])),
                        ])
                    })),
            JSONMember("predicateType", .string(predicateType)),
            JSONMember(
                "predicate",
                .object([
                    JSONMember("vendor", .string(payload.vendor)),
                    JSONMember("tool", .string(payload.tool)),
                    JSONMember("version", .number(String(payload.version))),
                    JSONMember("issued", .string(payload.issued.description)),
                    JSONMember("expires", .string(payload.expires.description)),
                    JSONMember("terms", RecordCodec.jsonValue(payload, schema: RegistrySchemas.attestationPayload)["terms"] ?? .null),
                ])),
        ])
        return JSONWriter.bytes(value)
    }
}
