/// Answers questions about single tools while reading only the files they need: the tool, its vendor
/// and, for alternatives, the tools that share a category with it.
public struct Lookup: Sendable {
    public let store: RegistryStore
    public let policy: Policy
    public let validator: Validator
    /// What the refresh job recorded about a tool (attestation, changed terms); empty until it has run.
    public let context: @Sendable (ToolRecord, VendorRecord?) -> EvaluationContext

    public init(
        store: RegistryStore, policy: Policy, today: Day,
        context: @escaping @Sendable (ToolRecord, VendorRecord?) -> EvaluationContext = { _, _ in .init() }
    ) {
        self.store = store
        self.policy = policy
        self.validator = Validator(policy: policy, today: today)
        self.context = context
    }

    /// The record and vendor of `id`, both fully checked; a dangling vendor is invalid data.
    public func records(id: String) throws(RegistryError) -> (ToolRecord, VendorRecord) {
        let record = try store.tool(id: id)
        do {
            return (record, try store.vendor(id: record.vendor))
        } catch .invalid(let issues) where issues.contains(where: { $0.code == "missing-file" }) {
            throw .invalid([Issue(code: "dangling-vendor", file: store.displayPath(store.toolPath(id)), path: JSONPath.root.appending("vendor"),
                                  message: "vendor \"\(record.vendor)\" has no file vendors/\(record.vendor).json; add it or fix the id")])
        }
    }

    /// The verdict for the tool with id `id`, without alternatives.
    public func verdict(id: String) throws(RegistryError) -> ToolVerdict {
        let (record, vendor) = try records(id: id)
        return validator.evaluate(record, vendor: vendor, context: context(record, vendor))
    }

    /// Resolves `query` and returns its verdict, with compliant alternatives when it is not compliant.
    public func check(_ query: String, alternatives limit: Int = 3) throws(RegistryError) -> ToolVerdict {
        var index: NameIndex?
        let resolver = ToolResolver(store: store)
        let (id, unconfirmed) = try resolver.locate(query, index: &index)
        var verdict: ToolVerdict
        if let key = unconfirmed {
            // Found in the cache: the record read for the verdict confirms it, so the file is read once.
            if let (record, vendor) = try? records(id: id), ToolResolver.answers(id: id, name: record.name, aliases: record.aliases, to: key) {
                verdict = validator.evaluate(record, vendor: vendor, context: context(record, vendor))
            } else {
                verdict = try self.verdict(id: try resolver.confirm(id, key: key, query: query, index: &index))
            }
        } else {
            verdict = try self.verdict(id: id)
        }
        if verdict.verdict != .compliant { verdict.alternatives = try alternatives(to: verdict, limit: limit, index: &index) }
        return verdict
    }

    /// Up to `limit` compliant tools sharing a category with `verdict`'s tool, most shared categories first.
    /// Candidates are read one by one and reading stops as soon as enough are found.
    public func alternatives(to verdict: ToolVerdict, limit: Int) throws(RegistryError) -> [String] {
        var index: NameIndex?
        return try alternatives(to: verdict, limit: limit, index: &index)
    }

    func alternatives(to verdict: ToolVerdict, limit: Int, index: inout NameIndex?) throws(RegistryError) -> [String] {
        let mine = Set(verdict.categories)
        var candidates: [(id: String, shared: Int)]
        // Without an index loaded yet, only the cache is read, in place (see NameIndex.Scan).
        if index == nil, let scanned = NameIndex.Scan(for: store)?.tools(sharing: mine) {
            candidates = scanned.filter { $0.id != verdict.tool }
        } else {
            candidates = []
            for summary in try ToolResolver(store: store).allSummaries(index: &index) where summary.id != verdict.tool {
                let shared = Set(summary.categories).intersection(mine).count
                if shared > 0 { candidates.append((summary.id, shared)) }
            }
        }
        candidates.sort { $0.shared != $1.shared ? $0.shared > $1.shared : $0.id < $1.id }
        var found: [String] = []
        for candidate in candidates where found.count < limit {
            // A broken candidate is simply not suggested; lint reports it.
            guard let other = try? self.verdict(id: candidate.id) else { continue }
            // The index may be a quick (folder-stamp) load: confirm the category against the record itself.
            if other.verdict == OverallVerdict.compliant, !mine.isDisjoint(with: other.categories) { found.append(candidate.id) }
        }
        return found
    }
}
