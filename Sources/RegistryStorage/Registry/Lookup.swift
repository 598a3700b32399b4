public import RegistryDomain
public import RegistryJSON

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
        let vendor: VendorRecord
        do {
            vendor = try store.vendor(id: record.vendor)
        } catch .invalid(let issues) where issues.contains(where: { $0.code == .missingFile }) {
            throw .invalid([
                Issue(
                    code: .danglingVendor, file: store.displayPath(store.toolPath(id)), path: JSONPath.root.appending("vendor"),
                    message: "vendor \"\(record.vendor)\" has no file vendors/\(record.vendor).json; add it or fix the id")
            ])
        }
        // Cited as the vendor's own page but on another site: broken data, as lint says, never a verdict.
        let mismatches = SourceChecks.vendorMismatches(record, vendor: vendor, file: store.displayPath(store.toolPath(id)))
        if !mismatches.isEmpty { throw .invalid(mismatches) }
        return (record, vendor)
    }

    /// The verdict for the tool with id `id`, without alternatives.
    public func verdict(id: String) throws(RegistryError) -> ToolVerdict {
        let (record, vendor) = try records(id: id)
        return validator.evaluate(record, vendor: vendor, context: context(record, vendor))
    }

    /// Resolves `query` and returns its verdict, with compliant alternatives when it is not compliant.
    public func check(_ query: String) throws(RegistryError) -> ToolVerdict {
        do {
            return try resolveAndCheck(query)
        } catch .unknownTool(let query, let suggestions, _) {
            throw .unknownTool(query: query, suggestions: suggestions, contact: policy.procurementContact)
        }
    }

    private func resolveAndCheck(_ query: String) throws(RegistryError) -> ToolVerdict {
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
        if verdict.verdict != .compliant { try fillAlternatives(&verdict, index: &index) }
        return verdict
    }

    /// The alternatives to `verdict` (see `AlternativeChoice`), with its two lists filled.
    public func withAlternatives(_ verdict: ToolVerdict) throws(RegistryError) -> ToolVerdict {
        var index: NameIndex?
        var filled = verdict
        try fillAlternatives(&filled, index: &index)
        return filled
    }

    /// Candidates are read one by one, best first, and reading stops as soon as both lists are full.
    func fillAlternatives(_ verdict: inout ToolVerdict, index: inout NameIndex?) throws(RegistryError) {
        guard let main = verdict.categories.first else { return }
        let mine = Set(verdict.categories)
        var candidates: [AlternativeChoice.Candidate]
        // In a large registry most candidates can never be suggested: valid hints name the ones worth reading.
        let cached = VerdictHints.load(for: store, today: validator.today)
        if case .sparse(let hints)? = cached {
            candidates = hints.candidates(for: verdict)
        } else if index == nil, let scan = NameIndex.Scan(for: store) {
            // Without an index loaded yet, only the cache is read, in place (see NameIndex.Scan).
            let doingMain = Set(scan.tools(sharing: [main]).map(\.id))
            candidates = AlternativeChoice.ordered(
                scan.tools(sharing: mine).filter { $0.id != verdict.tool && doingMain.contains($0.id) }
                    .map { AlternativeChoice.Candidate(id: $0.id, shared: $0.shared) })
        } else {
            let summaries = try ToolResolver(store: store).allSummaries(index: &index)
            candidates = AlternativeChoice.candidates(for: verdict, among: summaries.map { ($0.id, $0.categories) })
        }
        if cached == nil, candidates.count >= VerdictHints.worthBuilding, let hints = VerdictHints.build(self) {
            candidates = candidates.filter { hints.classes[$0.id] != nil }
        }
        let asked = verdict
        // A broken candidate is simply not suggested; lint reports it. The index may be a quick (folder-stamp)
        // load: the category is confirmed against the record itself.
        let judged = candidates.lazy.compactMap { candidate in try? self.verdict(id: candidate.id) }
            .filter { $0.categories.contains(main) && $0.tool != asked.tool }
        AlternativeChoice.fill(&verdict, from: judged)
    }
}
