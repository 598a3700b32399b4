import Procurement
public import RegistryDomain
public import RegistryJSON
public import RegistryStorage

/// One immutable, fully evaluated registry. Every response is computed from exactly one of these, so a
/// request never mixes an old registry with a new one; a change builds a new one and swaps it in whole.
public struct ServedRegistry: Sendable {
    /// Counts up by one with every reload; part of `/v1/health`.
    public let generation: Int
    let fingerprint: RegistryFingerprint
    public let store: RegistryStore
    /// Nil when `policy.json` is missing or invalid: then no verdict is given at all.
    public let policy: Policy?
    /// Why the registry could not be served (missing folder, invalid policy), or nil.
    public let problem: String?
    /// The instant verdicts were evaluated at.
    public let evaluatedAt: Timestamp
    /// Valid tool ids, sorted.
    public let ids: [String]
    public let records: [String: ToolRecord]
    public let vendors: [String: VendorRecord]
    /// Each valid tool's verdict exactly as `check` gives it, alternatives included.
    public let verdicts: [String: ToolVerdict]
    /// Tool files with errors: named, never given a verdict.
    public let invalidTools: [String]
    public let errorCount: Int
    public let warningCount: Int
    /// After this instant the verdicts may differ (a new day, an attestation expiring): rebuild.
    let validUntil: Timestamp
    /// Normalised id, name and alias keys per tool, for search and "did you mean".
    let searchKeys: [String: [String]]
    /// The same keys, each with its tool, sorted: built once per reading, not once per unknown id.
    let suggestionKeys: [(key: String, id: String)]
    /// The `review --format json` object for this reading of the registry.
    let review: JSONValue
    /// The productions and their approvals, for use-case answers on a production (`?production=`).
    var approvals = ApprovalBook(productions: [:], approvals: [], issues: [])
    /// The answers most asked for (each tool's verdict, record and plain assessment), written once per
    /// reading instead of once per request.
    private(set) var precomputed: [String: Answer] = [:]
    /// Each error in the files as read, as "tools/x.json is invalid: $.path: message" (at most 20).
    public let errors: [String]
    /// Set when the files now on disk are broken and this, the last good reading, is served instead.
    public internal(set) var heldBack: HeldBack?

    /// Why the registry served is not the files on disk: an edit broke them, so the last good reading stays.
    public struct HeldBack: Sendable {
        /// When the registry served was read.
        public let servingAsOf: Timestamp
        /// When the broken files were first seen.
        public let since: Timestamp
        /// What is wrong with the files on disk (see ``ServedRegistry/errors``).
        public let problems: [String]
        /// The broken files' fingerprint: unchanged, they are not read again.
        let fingerprint: RegistryFingerprint

        /// "serving the registry as of …; tools/x.json is invalid: …", for the health answer, the page and the log.
        public var sentence: String {
            "serving the registry as of \(servingAsOf); "
                + (problems.isEmpty ? "the registry files now have errors" : problems.joined(separator: "; "))
                + " (run `genai-registry lint`)"
        }
    }

    /// Why `candidate`, a new reading of the files, must not replace this one: it breaks what this one serves
    /// (the policy, or a tool or vendor file that was valid). Nil when it may be served.
    func breakage(in candidate: ServedRegistry) -> [String]? {
        let broken = (candidate.problem != nil && problem == nil) || !Set(candidate.invalidTools).subtracting(invalidTools).isEmpty
        guard broken else { return nil }
        let known = Set(errors)
        let new = candidate.errors.filter { !known.contains($0) }
        return new.isEmpty ? candidate.errors : new
    }

    /// The errors among `issues`, each as "FILE is invalid: PATH: MESSAGE" with FILE relative to the registry.
    static func describe(_ issues: [Issue]) -> [String] {
        issues.filter { $0.severity == .error }.prefix(20).map { issue in
            let parts = issue.file.split(separator: "/")
            let file =
                parts.count >= 2 && ["tools", "vendors"].contains(parts[parts.count - 2])
                ? parts.suffix(2).joined(separator: "/") : String(parts.last ?? "")
            return "\(file) is invalid: \(issue.path): \(issue.message)"
        }
    }

    /// Reads the whole registry and evaluates every tool as of `now` (blocking file IO: see ``RegistryHolder``).
    static func build(_ store: RegistryStore, now: Timestamp, generation: Int, fingerprint: RegistryFingerprint) -> ServedRegistry {
        let snapshot: RegistrySnapshot
        do {
            snapshot = try RegistrySnapshot.load(store)
        } catch {
            return ServedRegistry(
                empty: store, now: now, generation: generation, fingerprint: fingerprint, problem: error.description,
                errors: [error.description])
        }
        guard let policy = snapshot.policy, !snapshot.issues.contains(where: { $0.severity == .error && $0.file.hasSuffix("policy.json") }) else {
            return ServedRegistry(
                empty: store, now: now, generation: generation, fingerprint: fingerprint,
                problem: "policy.json is missing or invalid; run `genai-registry lint`",
                errors: describe(snapshot.issues.filter { $0.file.hasSuffix("policy.json") }))
        }
        let validator = Validator(policy: policy, today: now.day)
        let state = StateContext.wholeRegistry(store: store, policy: policy, now: now)
        let tools = Array(snapshot.tools)
        var verdicts: [String: ToolVerdict] = [:]
        for ((id, _), evaluated) in zip(tools, state.evaluate(tools.map(\.value), vendors: snapshot.vendors, with: validator)) {
            verdicts[id] = evaluated.verdict
        }
        // Alternatives exactly as `Lookup.check` picks them (one rule: AlternativeChoice).
        let evaluated = verdicts
        let everyTool = evaluated.values.map { (id: $0.tool, categories: $0.categories) }
        for (id, verdict) in evaluated where verdict.verdict != .compliant {
            let judged = AlternativeChoice.candidates(for: verdict, among: everyTool).lazy.compactMap { evaluated[$0.id] }
            AlternativeChoice.fill(&verdicts[id, default: verdict], from: judged)
        }
        // Next midnight, or an earlier expiry of a verified attestation, changes verdicts without any file changing.
        var validUntil = Timestamp(secondsSinceEpoch: Int64(now.day.daysSinceEpoch + 1) * 86_400)
        for verdict in verdicts.values {
            if let expires = verdict.attestation.expires, expires > now, expires < validUntil { validUntil = expires }
        }
        var keys: [String: [String]] = [:]
        for (id, record) in snapshot.tools {
            // Vendor id and name too, so "openai" finds every OpenAI tool (the page's filter reads the same words).
            let words: [String] = [record.id, record.name] + record.aliases + [record.vendor, snapshot.vendors[record.vendor]?.name ?? ""]
            keys[id] = words.map(SearchText.normalise).filter { !$0.isEmpty }
        }
        // The review queue reads state only (the ledger it computes is not written: serving changes nothing).
        let review = ReviewQueue.build(store: store, snapshot: snapshot, policy: policy, today: now.day, now: now).json
        var served = ServedRegistry(
            generation: generation, fingerprint: fingerprint, store: store, policy: policy, problem: nil, evaluatedAt: now,
            ids: snapshot.tools.keys.sorted(), records: snapshot.tools, vendors: snapshot.vendors, verdicts: verdicts,
            invalidTools: snapshot.invalidTools.sorted(),
            errorCount: snapshot.issues.filter { $0.severity == .error }.count,
            warningCount: snapshot.issues.filter { $0.severity == .warning }.count,
            validUntil: validUntil, searchKeys: keys, review: review, errors: describe(snapshot.issues))
        let endpoints = Endpoints(registry: served, limits: ServerConfiguration(store: store))
        var answers: [String: Answer] = [:]
        for id in served.ids {
            answers["verdict/" + id] = endpoints.verdict(id)
            answers["record/" + id] = endpoints.record(id)
            answers["assessment/" + id] = endpoints.assessment(id, uses: [])
        }
        served.approvals = snapshot.approvals
        served.precomputed = answers
        return served
    }

    private init(
        generation: Int, fingerprint: RegistryFingerprint, store: RegistryStore, policy: Policy?, problem: String?,
        evaluatedAt: Timestamp, ids: [String], records: [String: ToolRecord], vendors: [String: VendorRecord],
        verdicts: [String: ToolVerdict], invalidTools: [String], errorCount: Int, warningCount: Int,
        validUntil: Timestamp, searchKeys: [String: [String]], review: JSONValue, errors: [String]
    ) {
        self.generation = generation
        self.fingerprint = fingerprint
        self.store = store
        self.policy = policy
        self.problem = problem
        self.evaluatedAt = evaluatedAt
        self.ids = ids
        self.records = records
        self.vendors = vendors
        self.verdicts = verdicts
        self.invalidTools = invalidTools
        self.errorCount = errorCount
        self.warningCount = warningCount
        self.validUntil = validUntil
        self.searchKeys = searchKeys
        self.suggestionKeys = Self.suggestionKeys(ids: ids, searchKeys: searchKeys)
        self.review = review
        self.errors = errors
    }

    private init(empty store: RegistryStore, now: Timestamp, generation: Int, fingerprint: RegistryFingerprint, problem: String, errors: [String]) {
        self.init(
            generation: generation, fingerprint: fingerprint, store: store, policy: nil, problem: problem, evaluatedAt: now,
            ids: [], records: [:], vendors: [:], verdicts: [:], invalidTools: [], errorCount: 1, warningCount: 0,
            validUntil: Timestamp(secondsSinceEpoch: Int64(now.day.daysSinceEpoch + 1) * 86_400), searchKeys: [:], review: .null, errors: errors)
    }

    /// The tools matching `q` (every typed word starts a word of the id, name or an alias), best first.
    func search(_ q: String) -> [String] {
        let words = SearchText.normalise(q).split(separator: " ")
        guard !words.isEmpty else { return ids }
        let key = SearchText.normalise(q)
        var exact: [String] = []
        var partial: [String] = []
        // The typed words run together also match a name run together: "chat gpt" finds "ChatGPT" (as the page's script does).
        let joined = words.joined()
        for id in ids {
            let keys = searchKeys[id] ?? []
            if keys.contains(key) {
                exact.append(id)
            } else if keys.contains(where: { k in
                let kw = k.split(separator: " ")
                return words.allSatisfy { w in kw.contains { $0.hasPrefix(w) } } || kw.joined().hasPrefix(joined)
            }) {
                partial.append(id)
            }
        }
        // "Veo 3": the product's records answer for its versions (as `check` does, and the page's script).
        if exact.isEmpty, partial.isEmpty, let product = ToolResolver.withoutVersion(q) { return search(product) }
        return exact + partial
    }

    /// The longest text a "did you mean" is looked for: an id has at most 64 characters, and a name typed as
    /// an id is not much longer. Anything longer is no typo, and comparing it with every key would let one
    /// request with a very long id cost the server far more than a thousand ordinary answers.
    static let maxSuggestionQuery = 96

    /// Up to five tools whose id, name or alias is close to `query`, for a 404's "did you mean"; none for a
    /// query longer than ``maxSuggestionQuery``.
    func suggestions(for query: String) -> [String] {
        guard query.utf8.count <= Self.maxSuggestionQuery else { return [] }
        let found = search(query)
        if !found.isEmpty { return Array(found.prefix(5)) }
        let typed = SearchText.normalise(query)
        // Only keys within reach: an edit distance is at least the difference in length, so a key much longer or
        // shorter than the query cannot be within the one-typo-in-four threshold (unless the query starts it).
        let near = suggestionKeys.filter { key, _ in
            abs(key.count - typed.count) <= max(1, min(key.count, typed.count) / 4) || (typed.count >= 3 && key.hasPrefix(typed))
        }
        let owner = Dictionary(near.map { ($0.key, $0.id) }, uniquingKeysWith: { first, _ in first })
        var result: [String] = []
        for k in Suggest.ranked(typed, near.map(\.key), limit: 10) {
            if let id = owner[k], !result.contains(id) { result.append(id) }
            if result.count == 5 { break }
        }
        return result
    }

    /// Every search key with the tool it belongs to (the first tool in id order for a shared key), sorted.
    static func suggestionKeys(ids: [String], searchKeys: [String: [String]]) -> [(key: String, id: String)] {
        var byKey: [String: String] = [:]
        for id in ids { for k in searchKeys[id] ?? [] where byKey[k] == nil { byKey[k] = id } }
        return byKey.map { ($0.key, $0.value) }.sorted { $0.key < $1.key }
    }
}

/// Search normal form, the same as the command line's name lookup: "Claude-for-Work!" → "claude for work".
enum SearchText {
    static func normalise(_ text: String) -> String {
        String(Identifier.slug(text).map { $0 == "-" ? " " : $0 })
    }
}
