public import RegistryJSON

/// The documented JSON of `check`, `assess` and `list` (docs/json-output.md). Core keys are a contract:
/// add keys freely, rename none.
extension ToolVerdict {
    /// The verdict object of `check --format json`.
    public var json: JSONValue {
        var principleMembers: [JSONMember] = []
        for p in principles { principleMembers.append(JSONMember(p.principle.rawValue, p.json)) }
        return .object([
            JSONMember("tool", .string(tool)),
            JSONMember("name", .string(name)),
            JSONMember("vendor", .string(vendor)),
            JSONMember("vendorName", vendorName.map(JSONValue.string) ?? .null),
            JSONMember("tier", tier.map(JSONValue.string) ?? .null),
            JSONMember("categories", .array(categories.map { .string($0.rawValue) })),
            JSONMember("verdict", .string(verdict.rawValue)),
            JSONMember("principles", .object(principleMembers)),
            JSONMember("reasons", .array(reasons.map(\.json))),
            JSONMember("attestation", attestation.json),
            JSONMember("review", review.json),
            JSONMember("alternatives", .array(alternatives.map(JSONValue.string))),
            JSONMember("alternativesOnceConditionsMet", .array(alternativesOnceConditionsMet.map(JSONValue.string))),
            JSONMember("asOf", .string(asOf.description)),
            JSONMember("policyVersion", .string(policyVersion)),
            JSONMember("notes", notes.map(JSONValue.string) ?? .null),
            JSONMember("conditions", .array(conditions.map(\.json))),
            JSONMember("compliantOnceConditionsMet", .bool(compliantOnceConditionsMet)),
        ])
    }
}

extension ConditionStatus {
    var json: JSONValue {
        .object([
            JSONMember("principle", .string(condition.principle.rawValue)),
            JSONMember("action", .string(condition.action)),
            JSONMember("arrangement", .string(condition.arrangement.rawValue)),
            JSONMember("met", .bool(met)),
            JSONMember("evidence", .array(condition.evidence.map(\.json))),
        ])
    }
}

extension ToolVerdict {
    /// One row of `list --format json` (the lookup service's tool list adds display fields to it).
    public var summaryJSON: JSONValue {
        .object([
            JSONMember("tool", .string(tool)),
            JSONMember("name", .string(name)),
            JSONMember("vendor", .string(vendor)),
            JSONMember("categories", .array(categories.map { .string($0.rawValue) })),
            JSONMember("verdict", .string(verdict.rawValue)),
            JSONMember(
                "principles",
                .object(
                    principles.map { p in
                        JSONMember(
                            p.principle.rawValue,
                            .object([
                                JSONMember("status", .string(p.status.rawValue)),
                                JSONMember("reasons", .array(p.reasons.map { .string($0.code.rawValue) })),
                            ]))
                    })),
            JSONMember("review", .string(review.status)),
            JSONMember("compliantOnceConditionsMet", .bool(compliantOnceConditionsMet)),
        ])
    }
}

extension PrincipleResult {
    var json: JSONValue {
        .object([
            JSONMember("status", .string(status.rawValue)),
            JSONMember("required", .bool(required)),
            JSONMember("reasons", .array(reasons.map(\.json))),
            JSONMember("evidence", .array(evidence.map(\.json))),
        ])
    }
}

extension Reason {
    var json: JSONValue { .object([JSONMember("code", .string(code.rawValue)), JSONMember("message", .string(message))]) }
}

extension Evidence {
    var json: JSONValue {
        .object([
            JSONMember("about", .string(about.rawValue)),
            JSONMember("url", .string(url)),
            JSONMember("source", .string(source.rawValue)),
            JSONMember("published", .string(published)),
            JSONMember("retrieved", .string(retrieved.description)),
            JSONMember("summary", .string(summary)),
            JSONMember("quote", quote.map(JSONValue.string) ?? .null),
        ])
    }
}

extension AttestationSummary {
    var json: JSONValue {
        .object([
            JSONMember("status", .string(status)),
            JSONMember("version", version.map { .number(String($0)) } ?? .null),
            JSONMember("expires", expires.map { .string($0.description) } ?? .null),
            JSONMember("message", message.map(JSONValue.string) ?? .null),
        ])
    }
}

extension ReviewSummary {
    var json: JSONValue {
        .object([
            JSONMember("status", .string(status)),
            JSONMember("by", by.map(JSONValue.string) ?? .null),
            JSONMember("on", on.map { .string($0.description) } ?? .null),
            JSONMember("due", due.map { .string($0.description) } ?? .null),
        ])
    }
}

extension Assessment {
    /// The object of `assess --format json`.
    public var json: JSONValue {
        .object([
            JSONMember("tool", .string(tool)),
            JSONMember("decision", .string(decision.rawValue)),
            JSONMember("uses", .array(uses.map(JSONValue.string))),
            JSONMember("reasons", .array(reasons.map(\.json))),
            JSONMember("check", check.json),
            JSONMember("production", production.map(JSONValue.string) ?? .null),
            JSONMember("approval", approval.map { RecordCodec.jsonValue($0, schema: RegistrySchemas.approval) } ?? .null),
        ])
    }
}

extension Issue {
    /// One lint problem as JSON.
    public var json: JSONValue {
        .object([
            JSONMember("severity", .string(severity.rawValue)),
            JSONMember("code", .string(code.rawValue)),
            JSONMember("file", .string(file)),
            JSONMember("path", .string(path.description)),
            JSONMember("line", line.map { .number(String($0)) } ?? .null),
            JSONMember("message", .string(message)),
        ])
    }
}
