import Procurement
import RegistryDomain
import RegistryJSON
import RegistryStorage

/// The read-only JSON API (`/v1`), as pure functions of one ``ServedRegistry``. The HTTP server and the
/// static publisher both answer through these, so their answers are the same bytes.
public struct Endpoints: Sendable {
    public let registry: ServedRegistry
    public let limits: ServerConfiguration

    public init(registry: ServedRegistry, limits: ServerConfiguration) {
        self.registry = registry
        self.limits = limits
    }

    /// `GET /v1`: what the API offers and every tool's paths.
    public func index() -> Answer {
        let endpoints: [(String, String)] = [
            ("tools", "v1/tools.json"), ("uses", "v1/uses.json"), ("decisions", "v1/decisions.json"), ("review", "v1/review.json"),
            ("health", "v1/health.json"), ("openapi", "v1/openapi.json"),
        ]
        let tools = registry.ids.map { id in
            JSONValue.object([
                JSONMember("tool", .string(id)),
                JSONMember("record", .string("v1/tools/\(id).json")),
                JSONMember("verdict", .string("v1/tools/\(id)/verdict.json")),
                JSONMember("assessment", .string("v1/tools/\(id)/assessment.json")),
            ])
        }
        return .json(
            .object([
                JSONMember("api", .string("genai-registry")),
                JSONMember("version", .string("v1")),
                JSONMember("policyVersion", registry.policy.map { .string($0.version) } ?? .null),
                JSONMember("endpoints", .object(endpoints.map { JSONMember($0.0, .string($0.1)) })),
                JSONMember("tools", .array(tools)),
            ]))
    }

    /// `GET /v1/health`: whether the registry is being served, and how fresh it is.
    public func health() -> Answer {
        let status = registry.problem != nil ? "unavailable" : (registry.errorCount > 0 || registry.heldBack != nil ? "degraded" : "ok")
        let held = registry.heldBack
        return .json(
            .object([
                JSONMember("status", .string(status)),
                // Set when an edit broke the files: the last good reading is served, as of this instant.
                JSONMember("servingAsOf", held.map { .string($0.servingAsOf.description) } ?? .null),
                JSONMember(
                    "heldBack",
                    held.map { h in
                        .object([
                            JSONMember("since", .string(h.since.description)),
                            JSONMember("problems", .array(h.problems.map(JSONValue.string))),
                        ])
                    } ?? .null),
                JSONMember("generation", .number(String(registry.generation))),
                JSONMember("evaluatedAt", .string(registry.evaluatedAt.description)),
                JSONMember("policyVersion", registry.policy.map { .string($0.version) } ?? .null),
                JSONMember("tools", .number(String(registry.ids.count))),
                JSONMember("invalidTools", .array(registry.invalidTools.map(JSONValue.string))),
                JSONMember("errors", .number(String(registry.errorCount))),
                JSONMember("warnings", .number(String(registry.warningCount))),
                JSONMember("problem", (held?.sentence ?? registry.problem).map(JSONValue.string) ?? .null),
            ]), status: registry.problem == nil ? 200 : 503, cacheControl: CachePolicy.none)
    }

    /// `GET /v1/tools?q=&vendor=&category=&verdict=`: matching tools with their verdicts, best match first.
    public func tools(q: String?, vendor: String?, category: String?, verdict: String?) -> Answer {
        if let unavailable { return unavailable }
        for (name, value) in [("q", q), ("vendor", vendor), ("category", category), ("verdict", verdict)] {
            if let value, value.utf8.count > limits.maxParameterBytes {
                return .error(400, "parameter-too-long", "\(name) is longer than \(limits.maxParameterBytes) bytes")
            }
        }
        var wantedVerdict: OverallVerdict?
        if let verdict {
            guard let v = OverallVerdict(rawValue: verdict) else {
                return .error(400, "unknown-verdict", "verdict must be one of: \(OverallVerdict.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            wantedVerdict = v
        }
        var wantedCategory: ToolCategory?
        if let category {
            guard let c = ToolCategory(rawValue: category) else {
                return .error(400, "unknown-category", "category must be one of: \(ToolCategory.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            wantedCategory = c
        }
        if let vendor, !Identifier.isValid(vendor) {
            return .error(400, "bad-vendor", "vendor must be a vendor id (lowercase letters, digits and hyphens)")
        }
        let ids = q.map { registry.search($0) } ?? registry.ids
        let rows = ids.compactMap { registry.verdicts[$0] }.filter { v in
            (vendor == nil || v.vendor == vendor) && (wantedCategory.map(v.categories.contains) ?? true)
                && (wantedVerdict == nil || v.verdict == wantedVerdict)
        }
        return .json(
            .object([
                JSONMember("count", .number(String(rows.count))),
                JSONMember("tools", .array(rows.map { summary($0) })),
                JSONMember("invalidTools", .array(registry.invalidTools.map(JSONValue.string))),
            ]))
    }

    /// `GET /v1/tools/{id}`: the record as the registry holds it (canonical form) and its verdict, as `show --format json`.
    public func record(_ id: String) -> Answer {
        if let ready = registry.precomputed["record/" + id] { return ready }
        if let unavailable { return unavailable }
        guard let record = registry.records[id], let verdict = registry.verdicts[id] else { return unknown(id) }
        let text = RecordCodec.canonicalText(record, schema: RegistrySchemas.tool)
        let recordJSON = (try? JSONParser.parse(Array(text.utf8)).value) ?? .null
        return .json(.object([JSONMember("record", recordJSON), JSONMember("verdict", verdict.json)]))
    }

    /// `GET /v1/tools/{id}/verdict`: exactly the object of `check ID --format json`.
    public func verdict(_ id: String) -> Answer {
        if let ready = registry.precomputed["verdict/" + id] { return ready }
        if let unavailable { return unavailable }
        guard let verdict = registry.verdicts[id] else { return unknown(id) }
        return .json(verdict.json)
    }

    /// `GET /v1/tools/{id}/assessment?use=a,b`: exactly the object of `assess ID --use a,b --format json`.
    public func assessment(_ id: String, uses raw: [String], production: String? = nil) -> Answer {
        if raw.isEmpty, production == nil, let ready = registry.precomputed["assessment/" + id] { return ready }
        if let unavailable { return unavailable }
        guard let policy = registry.policy, let verdict = registry.verdicts[id] else { return unknown(id) }
        let uses = raw.flatMap { $0.split(separator: ",") }.map { $0.trimmingWhitespace().lowercased() }.filter { !$0.isEmpty }
        if uses.count > limits.maxUses { return .error(400, "too-many-uses", "name at most \(limits.maxUses) uses") }
        if let long = uses.first(where: { $0.utf8.count > limits.maxParameterBytes }) {
            return .error(400, "parameter-too-long", "use \"\(long.prefix(40))…\" is longer than \(limits.maxParameterBytes) bytes")
        }
        let assessor = Assessor(policy: policy)
        let unknownUses = assessor.unknownUses(uses)
        if !unknownUses.isEmpty {
            return .error(
                400, "unknown-use",
                "unknown use \(unknownUses.map { "\"\($0)\"" }.joined(separator: ", ")); the policy defines: \(assessor.knownUses.joined(separator: ", "))",
                extra: [JSONMember("knownUses", .array(assessor.knownUses.map(JSONValue.string)))])
        }
        guard let production else { return .json(assessor.assess(verdict, uses: uses).json) }
        guard let show = registry.approvals.productions[production], let record = registry.records[id] else {
            return .error(
                404, "unknown-production", "No production has the id \"\(production.prefix(64))\"",
                extra: [JSONMember("productions", .array(registry.approvals.productions.keys.sorted().map(JSONValue.string)))])
        }
        let a = assessor.assess(verdict, uses: uses, production: show, book: registry.approvals, record: record, today: registry.evaluatedAt.day)
        guard case .object(var members) = a.json else { return .json(a.json) }
        if let text = Self.requestText(a, production: show, record: record, policy: policy, registry: registry) {
            members.append(JSONMember("requestText", .string(text)))
        }
        return .json(.object(members))
    }

    /// Where written approval is needed, the request as `approval request` would word it, ready to send
    /// (recording it stays a command and a pull request).
    static func requestText(_ a: Assessment, production: Production, record: ToolRecord, policy: Policy, registry: ServedRegistry) -> String? {
        guard a.decision == .writtenApprovalRequired else { return nil }
        let day = registry.evaluatedAt.day
        let draft = Approval(
            id: Approval.newID(production: production.id, tool: a.tool, kind: .approval, on: day, store: registry.store),
            kind: .approval, production: production.id, tool: a.tool, uses: a.uses,
            judged: .init(
                verdict: a.check.verdict, termsSHA256: ApprovalCoverage.termsFingerprint(record),
                policyVersion: policy.version, on: day),
            requested: .init(by: "(your name)", on: day))
        return ApprovalRequestText.markdown(a, approval: draft, production: production, policy: policy)
    }

    /// `GET /v1/uses`: the use flags the policy defines, with the decision each one leads to.
    public func uses() -> Answer {
        if let unavailable { return unavailable }
        guard let policy = registry.policy else { return unavailable ?? .error(503, "registry-unavailable", "no policy") }
        let rules = policy.assessment
        return .json(
            .object([
                JSONMember("policyVersion", .string(policy.version)),
                JSONMember("whenUndetermined", .string(rules.whenUndetermined.rawValue)),
                JSONMember("whenNoncompliant", .string(rules.whenNoncompliant.rawValue)),
                JSONMember(
                    "uses",
                    .array(
                        rules.uses.map { rule in
                            .object([
                                JSONMember("use", .string(rule.use)),
                                JSONMember("decision", .string(rule.decision.rawValue)),
                                JSONMember("reason", .string(rule.reason)),
                            ])
                        })),
            ]))
    }

    /// `GET /v1/decisions`: the assessor's rule as data (``DecisionTable``), with the page's heading for each
    /// decision: what the published page's script answers the use-case question from.
    public func decisions() -> Answer {
        if let unavailable { return unavailable }
        guard let policy = registry.policy else { return unavailable ?? .error(503, "registry-unavailable", "no policy") }
        guard case .object(var members) = DecisionTable(policy: policy).json else { return .error(500, "internal-error", "decision table") }
        members.append(JSONMember("headings", .object(Policy.Decision.allCases.map { JSONMember($0.rawValue, .string(PageWords.decision($0))) })))
        return .json(.object(members))
    }

    /// `GET /v1/review`: what needs procurement's attention, most urgent first: exactly `review --format json`.
    public func review() -> Answer {
        if let unavailable { return unavailable }
        return .json(registry.review)
    }

    /// 503 while the registry cannot be served at all (no readable policy, no folder).
    var unavailable: Answer? {
        registry.problem.map { .error(503, "registry-unavailable", "The registry cannot be served: \($0)") }
    }

    /// 404 for an id no valid record has; invalid records are named as such, never given a verdict.
    func unknown(_ id: String) -> Answer {
        if registry.invalidTools.contains(id) {
            return .error(
                503, "invalid-record",
                "The record \(id) has errors, so no verdict is given; `genai-registry lint` shows them. Nothing broken is treated as passing.")
        }
        let suggestions = registry.suggestions(for: id)
        let names = suggestions.map { s in registry.records[s].map { "\(s) (\($0.name))" } ?? s }
        let hint =
            id.utf8.count > 64
            ? " (ids have at most 64 characters)"
            : names.isEmpty ? "" : ": did you mean \(names.joined(separator: ", "))?"
        return .error(
            404, "unknown-tool", "No tool has the id \"\(id.prefix(64))\"\(hint)",
            extra: [
                JSONMember(
                    "suggestions",
                    .array(
                        suggestions.map { s in
                            .object([JSONMember("tool", .string(s)), JSONMember("name", registry.records[s].map { .string($0.name) } ?? .null)])
                        }))
            ])
    }

    /// One row of the tool list: the compact object of `list --format json`, plus display fields.
    func summary(_ v: ToolVerdict) -> JSONValue {
        guard case .object(var members) = v.summaryJSON else { return v.summaryJSON }
        let afterVendor = (members.firstIndex { $0.key == "vendor" } ?? members.count - 1) + 1
        members.insert(
            contentsOf: [
                JSONMember("vendorName", v.vendorName.map(JSONValue.string) ?? .null),
                JSONMember("tier", v.tier.map(JSONValue.string) ?? .null),
                JSONMember("aliases", .array((registry.records[v.tool]?.aliases ?? []).map(JSONValue.string))),
            ], at: afterVendor)
        members.append(JSONMember("attestation", .string(v.attestation.status)))
        return .object(members)
    }
}
