import Procurement
import RegistryDomain
import RegistryJSON

/// The OpenAPI 3.1 description of `/v1`, served at `/v1/openapi.json` and committed as `docs/openapi.json`
/// (a test keeps the two identical).
enum OpenAPIDocument {
    private static func s(_ text: String) -> JSONValue { .string(text) }
    private static func obj(_ members: [(String, JSONValue)]) -> JSONValue { .object(members.map { JSONMember($0.0, $0.1) }) }
    private static func ref(_ name: String) -> JSONValue { obj([("$ref", s("#/components/schemas/\(name)"))]) }
    private static func enumeration(_ values: [String]) -> JSONValue { obj([("type", s("string")), ("enum", .array(values.map(s)))]) }

    private static func json(_ description: String, _ schema: JSONValue) -> JSONValue {
        obj([
            ("description", s(description)),
            (
                "headers",
                obj([
                    (
                        "ETag",
                        obj([
                            ("description", s("Hash of the body; send it back in If-None-Match to get 304.")),
                            ("schema", obj([("type", s("string"))])),
                        ])
                    ),
                    ("Cache-Control", obj([("schema", obj([("type", s("string"))]))])),
                ])
            ), ("content", obj([("application/json", obj([("schema", schema)]))])),
        ])
    }

    private static func error(_ description: String) -> JSONValue {
        obj([("description", s(description)), ("content", obj([("application/json", obj([("schema", ref("Error"))]))]))])
    }

    private static let notModified = obj([("description", s("Not modified: the If-None-Match ETag is current."))])

    private static func query(_ name: String, _ description: String, _ schema: JSONValue, explode: Bool? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", s(name)), ("in", s("query")), ("required", .bool(false)),
            ("description", s(description)), ("schema", schema),
        ]
        if let explode { members.append(("explode", .bool(explode))) }
        return obj(members)
    }

    private static let toolID = obj([
        ("name", s("id")), ("in", s("path")), ("required", .bool(true)),
        ("description", s("The tool id (`openai-api`); `ID.json` is accepted too, as in the published files.")),
        ("schema", obj([("type", s("string")), ("pattern", s("^[a-z0-9]+(-[a-z0-9]+)*(\\.json)?$")), ("maxLength", .number("69"))])),
    ])

    private static func get(_ id: String, _ summary: String, parameters: [JSONValue] = [], ok: JSONValue, errors: [(String, String)] = [])
        -> JSONValue
    {
        var responses: [(String, JSONValue)] = [("200", ok), ("304", notModified)]
        var errors = errors
        // Every endpoint but this document checks its query: one it does not take is a 400.
        if id != "openapi", !errors.contains(where: { $0.0 == "400" }) {
            errors.insert(
                (
                    "400",
                    "An unknown query parameter (this endpoint takes none; code unknown-parameter), or a query "
                        + "string that is not percent-encoded UTF-8 (bad-query)."
                ), at: 0)
        }
        for (code, text) in errors.sorted(by: { $0.0 < $1.0 }) { responses.append((code, error(text))) }
        responses.append(("405", error("Any method but GET, HEAD and OPTIONS (the service is read-only); `Allow` names them.")))
        responses.append(("414", error("The request target is longer than 2048 bytes.")))
        return obj([
            ("get", obj([("operationId", s(id)), ("summary", s(summary)), ("parameters", .array(parameters)), ("responses", obj(responses))]))
        ])
    }

    static let json: JSONValue = obj([
        ("openapi", s("3.1.0")),
        (
            "info",
            obj([
                ("title", s("genai-registry lookup API")),
                ("version", s("1")),
                (
                    "description",
                    s(
                        "Read-only answers from a genai-registry: may a production use this generative-AI tool, and under what condition? "
                            + "Verdict and assessment objects are exactly those of `genai-registry check --format json` and `assess --format json` "
                            + "(docs/json-output.md). Every path also answers with a `.json` suffix, the file names `genai-registry publish` writes.")
                ),
            ])
        ),
        (
            "paths",
            obj([
                ("/v1", get("index", "What the API offers, and each tool's paths.", ok: json("The index.", ref("Index")))),
                (
                    "/v1/health",
                    get(
                        "health", "Whether the registry is served, its generation and evaluation time.",
                        ok: json("Served (status ok, or degraded when some records are invalid or a broken edit is held back).", ref("Health")),
                        errors: [("503", "The registry cannot be served (missing folder or invalid policy).")])
                ),
                (
                    "/v1/tools",
                    get(
                        "listTools", "Tools with their verdicts, filtered; best name match first when q is given.",
                        parameters: [
                            query(
                                "q", "Words that start the tool's id, name, an alias, or its vendor's id or name (case- and accent-insensitive).",
                                obj([("type", s("string")), ("maxLength", .number("200"))])),
                            query("vendor", "Only this vendor's tools.", obj([("type", s("string")), ("pattern", s("^[a-z0-9]+(-[a-z0-9]+)*$"))])),
                            query("category", "Only tools in this category.", enumeration(ToolCategory.allCases.map(\.rawValue))),
                            query("verdict", "Only tools with this verdict.", enumeration(OverallVerdict.allCases.map(\.rawValue))),
                        ], ok: json("The matching tools.", ref("ToolList")),
                        errors: [
                            ("400", "Unknown parameter, verdict or category, a malformed vendor id, or a value longer than 200 bytes."),
                            ("503", "The registry cannot be served."),
                        ])
                ),
                (
                    "/v1/tools/{id}",
                    get(
                        "getTool", "One tool's record (canonical form) and verdict, as `show --format json`.", parameters: [toolID],
                        ok: json("The record and verdict.", ref("Show")),
                        errors: [
                            ("404", "No tool has this id; `suggestions` lists near names."),
                            ("503", "The record has errors (code invalid-record) or the registry cannot be served."),
                        ])
                ),
                (
                    "/v1/tools/{id}/verdict",
                    get(
                        "getVerdict", "One tool's verdict, exactly `check ID --format json`.", parameters: [toolID],
                        ok: json("The verdict.", ref("Verdict")),
                        errors: [("404", "No tool has this id."), ("503", "Invalid record or registry.")])
                ),
                (
                    "/v1/tools/{id}/assessment",
                    get(
                        "getAssessment", "The use-case decision, exactly `assess ID --use … --format json`.",
                        parameters: [
                            toolID,
                            query(
                                "use", "Uses, comma-separated or repeated (at most 16); /v1/uses lists them.",
                                obj([("type", s("array")), ("items", obj([("type", s("string"))])), ("maxItems", .number("16"))]), explode: true),
                            query(
                                "production",
                                "A production id: its written approvals count (`assess --production`); where approval is still needed the answer adds `requestText`, the request ready to send.",
                                obj([("type", s("string"))])),
                        ], ok: json("The decision.", ref("Assessment")),
                        errors: [
                            ("400", "Unknown use (the body lists knownUses), too many uses, or an unknown parameter."),
                            ("404", "No tool has this id, or no production has the id given."), ("503", "Invalid record or registry."),
                        ])
                ),
                ("/v1/uses", get("listUses", "The use flags the policy defines and the decision each leads to.", ok: json("The uses.", ref("Uses")))),
                (
                    "/v1/decisions",
                    get(
                        "decisionTable",
                        "The use-case rule as data: for each verdict and the most severe decision among the uses asked, the decision and its reasons (what `assess` answers).",
                        ok: json("The decision table.", ref("Decisions")), errors: [("503", "The registry cannot be served.")])
                ),
                (
                    "/v1/review",
                    get(
                        "reviewQueue", "What needs procurement's attention: counts per kind and the tools, most urgent first.",
                        ok: json("The review queue, exactly `review --format json`.", ref("Review")))
                ),
                ("/v1/openapi.json", get("openapi", "This document.", ok: json("OpenAPI 3.1.", obj([("type", s("object"))])))),
            ])
        ),
        (
            "components",
            obj([
                (
                    "schemas",
                    obj([
                        (
                            "Error",
                            obj([
                                ("type", s("object")), ("required", .array([s("error")])),
                                (
                                    "properties",
                                    obj([
                                        (
                                            "error",
                                            obj([
                                                ("type", s("object")), ("required", .array([s("code"), s("message")])),
                                                (
                                                    "properties",
                                                    obj([
                                                        (
                                                            "code",
                                                            obj([
                                                                ("type", s("string")),
                                                                (
                                                                    "description",
                                                                    s(
                                                                        "unknown-tool, unknown-use, unknown-verdict, unknown-category, bad-vendor, unknown-parameter, parameter-too-long, too-many-uses, bad-query, uri-too-long, not-found, method-not-allowed, invalid-record, registry-unavailable, internal-error"
                                                                    )
                                                                ),
                                                            ])
                                                        ),
                                                        ("message", obj([("type", s("string"))])),
                                                        ("suggestions", obj([("type", s("array")), ("items", obj([("type", s("object"))]))])),
                                                        ("knownUses", obj([("type", s("array")), ("items", obj([("type", s("string"))]))])),
                                                    ])
                                                ),
                                            ])
                                        )
                                    ])
                                ),
                            ])
                        ),
                        (
                            "Verdict",
                            obj([
                                ("type", s("object")), ("description", s("The `check --format json` object (docs/json-output.md).")),
                                (
                                    "required",
                                    .array(
                                        [
                                            "tool", "name", "vendor", "verdict", "principles", "reasons", "attestation", "review", "alternatives",
                                            "asOf", "policyVersion",
                                        ].map(s))
                                ),
                                (
                                    "properties",
                                    obj([
                                        ("tool", obj([("type", s("string"))])), ("name", obj([("type", s("string"))])),
                                        ("vendor", obj([("type", s("string"))])),
                                        ("verdict", enumeration(OverallVerdict.allCases.map(\.rawValue))),
                                        ("principles", obj([("type", s("object"))])),
                                        ("alternatives", obj([("type", s("array")), ("items", obj([("type", s("string"))]))])),
                                        ("alternativesOnceConditionsMet", obj([("type", s("array")), ("items", obj([("type", s("string"))]))])),
                                        (
                                            "conditions",
                                            obj([
                                                ("type", s("array")),
                                                (
                                                    "description",
                                                    s(
                                                        "What the studio can do to make a principle pass: principle, action, arrangement, met, evidence."
                                                    )
                                                ),
                                                ("items", obj([("type", s("object"))])),
                                            ])
                                        ),
                                        ("compliantOnceConditionsMet", obj([("type", s("boolean"))])),
                                    ])
                                ),
                            ])
                        ),
                        (
                            "Assessment",
                            obj([
                                ("type", s("object")), ("description", s("The `assess --format json` object.")),
                                ("required", .array(["tool", "decision", "uses", "reasons", "check"].map(s))),
                                (
                                    "properties",
                                    obj([
                                        ("tool", obj([("type", s("string"))])),
                                        ("decision", enumeration(Policy.Decision.allCases.map(\.rawValue))),
                                        ("uses", obj([("type", s("array")), ("items", obj([("type", s("string"))]))])),
                                        ("reasons", obj([("type", s("array")), ("items", obj([("type", s("object"))]))])),
                                        ("check", ref("Verdict")),
                                    ])
                                ),
                            ])
                        ),
                        (
                            "Show",
                            obj([
                                ("type", s("object")), ("required", .array([s("record"), s("verdict")])),
                                ("properties", obj([("record", obj([("type", s("object"))])), ("verdict", ref("Verdict"))])),
                            ])
                        ),
                        (
                            "ToolList",
                            obj([
                                ("type", s("object")), ("required", .array([s("count"), s("tools"), s("invalidTools")])),
                                (
                                    "properties",
                                    obj([
                                        ("count", obj([("type", s("integer"))])),
                                        (
                                            "tools",
                                            obj([
                                                ("type", s("array")),
                                                (
                                                    "items",
                                                    obj([
                                                        ("type", s("object")),
                                                        (
                                                            "description",
                                                            s("The `list --format json` row plus vendorName, tier, aliases, attestation.")
                                                        ),
                                                    ])
                                                ),
                                            ])
                                        ),
                                        ("invalidTools", obj([("type", s("array")), ("items", obj([("type", s("string"))]))])),
                                    ])
                                ),
                            ])
                        ),
                        (
                            "Health",
                            obj([
                                ("type", s("object")), ("required", .array([s("status"), s("generation")])),
                                (
                                    "properties",
                                    obj([
                                        ("status", enumeration(["ok", "degraded", "unavailable"])), ("generation", obj([("type", s("integer"))])),
                                        ("evaluatedAt", obj([("type", s("string"))])), ("tools", obj([("type", s("integer"))])),
                                        (
                                            "servingAsOf",
                                            obj([
                                                ("type", .array([s("string"), s("null")])),
                                                ("description", s("When an edit broke the files: when the registry still served was read.")),
                                            ])
                                        ),
                                        (
                                            "heldBack",
                                            obj([
                                                ("type", .array([s("object"), s("null")])),
                                                (
                                                    "properties",
                                                    obj([
                                                        ("since", obj([("type", s("string"))])),
                                                        ("problems", obj([("type", s("array")), ("items", obj([("type", s("string"))]))])),
                                                    ])
                                                ),
                                            ])
                                        ),
                                        ("problem", obj([("type", .array([s("string"), s("null")]))])),
                                    ])
                                ),
                            ])
                        ),
                        (
                            "Uses",
                            obj([
                                ("type", s("object")), ("required", .array([s("uses")])),
                                (
                                    "properties",
                                    obj([
                                        (
                                            "uses",
                                            obj([
                                                ("type", s("array")),
                                                (
                                                    "items",
                                                    obj([
                                                        ("type", s("object")),
                                                        (
                                                            "properties",
                                                            obj([
                                                                ("use", obj([("type", s("string"))])),
                                                                ("decision", enumeration(Policy.Decision.allCases.map(\.rawValue))),
                                                                ("reason", obj([("type", s("string"))])),
                                                            ])
                                                        ),
                                                    ])
                                                ),
                                            ])
                                        )
                                    ])
                                ),
                            ])
                        ),
                        (
                            "Decisions",
                            obj([
                                ("type", s("object")),
                                ("required", .array(["decisions", "useReasonShown", "answerCodes", "rows", "headings"].map(s))),
                                (
                                    "properties",
                                    obj([
                                        (
                                            "namePlaceholder",
                                            obj([("type", s("string")), ("description", s("Stands for the tool's name in a reason's message."))])
                                        ),
                                        (
                                            "decisions",
                                            obj([
                                                ("type", s("array")), ("description", s("Every decision, least severe first.")),
                                                ("items", enumeration(Policy.Decision.allCases.map(\.rawValue))),
                                            ])
                                        ),
                                        (
                                            "useReasonShown",
                                            obj([
                                                ("type", s("array")), ("description", s("The decisions whose uses add their reason to the answer.")),
                                                ("items", enumeration(Policy.Decision.allCases.map(\.rawValue))),
                                            ])
                                        ),
                                        (
                                            "answerCodes",
                                            obj([
                                                ("type", s("array")),
                                                (
                                                    "description",
                                                    s(
                                                        "Codes of the reasons the answer adds itself; the tool's own reasons are its assessment's others."
                                                    )
                                                ), ("items", obj([("type", s("string"))])),
                                            ])
                                        ),
                                        (
                                            "rows",
                                            obj([
                                                ("type", s("array")),
                                                (
                                                    "items",
                                                    obj([
                                                        ("type", s("object")),
                                                        ("required", .array(["verdict", "uses", "decision", "nextStep", "reasons"].map(s))),
                                                        (
                                                            "properties",
                                                            obj([
                                                                ("verdict", enumeration(OverallVerdict.allCases.map(\.rawValue))),
                                                                (
                                                                    "uses",
                                                                    obj([
                                                                        (
                                                                            "description",
                                                                            s("The most severe decision among the uses asked (proceed when none is).")
                                                                        ), ("type", s("string")),
                                                                        ("enum", .array(Policy.Decision.allCases.map { s($0.rawValue) })),
                                                                    ])
                                                                ),
                                                                ("decision", enumeration(Policy.Decision.allCases.map(\.rawValue))),
                                                                ("nextStep", obj([("type", s("string"))])),
                                                                (
                                                                    "reasons",
                                                                    obj([
                                                                        ("type", s("array")),
                                                                        (
                                                                            "description",
                                                                            s(
                                                                                "In order: {from: tool} (the tool's own reasons), {from: uses} (each use asked, once, whose decision is in useReasonShown, with its reason), or {code, message} with namePlaceholder for the tool's name."
                                                                            )
                                                                        ),
                                                                        ("items", obj([("type", s("object"))])),
                                                                    ])
                                                                ),
                                                            ])
                                                        ),
                                                    ])
                                                ),
                                            ])
                                        ),
                                        ("headings", obj([("type", s("object")), ("description", s("The page's heading for each decision."))])),
                                    ])
                                ),
                            ])
                        ),
                        (
                            "Review",
                            obj([
                                ("type", s("object")), ("required", .array([s("counts"), s("items")])),
                                (
                                    "properties",
                                    obj([
                                        ("asOf", obj([("type", s("string"))])), ("policyVersion", obj([("type", s("string"))])),
                                        ("count", obj([("type", s("integer"))])),
                                        (
                                            "counts",
                                            obj([
                                                ("type", s("object")),
                                                (
                                                    "description",
                                                    s(
                                                        "Items per kind (kinds with none are left out): "
                                                            + ReviewItem.Kind.allCases.map(\.rawValue).joined(separator: ", ") + ".")
                                                ),
                                            ])
                                        ),
                                        ("items", obj([("type", s("array")), ("items", obj([("type", s("object"))]))])),
                                    ])
                                ),
                            ])
                        ),
                        ("Index", obj([("type", s("object"))])),
                    ])
                )
            ])
        ),
    ])
}
