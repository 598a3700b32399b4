import RegistryDomain
import RegistryJSON

/// Which tools are compliant, or compliant once their conditions are met: a cache that lets alternatives skip
/// the thousands of tools in a category that could never be suggested.
///
/// Alternatives otherwise read every candidate of the asked tool's main category until three are found; in a
/// large registry with few compliant tools that is every record of the category. The hints list only the tools
/// worth reading. They are a hint, never an answer: a hinted tool is judged again from its record before it is
/// suggested, so a hint gone wrong can only leave a suggestion out — never suggest a tool that is not compliant.
///
/// Valid while the tools, vendors and refresh-state folders and the policy are as they were when the hints
/// were computed (a checkout, an edit saved by an editor or by this tool, a refresh, all replace files), and
/// until the first day a verdict can change by the date alone (a review falling due, an attestation expiring).
struct VerdictHints {
    /// Tool id → `c` (compliant) or `o` (compliant once its conditions are met).
    var classes: [String: Character]
    /// The hinted tools' categories (as fresh as the hints: the tools folder is part of their validity).
    var categories: [String: [ToolCategory]]

    static let header = "genai-registry verdict hints v2"

    /// Below this many candidates reading them is quicker than judging the whole registry once.
    static let worthBuilding = 256

    /// Above this many hinted tools, compliant ones are common enough that reading candidates in order finds
    /// three soon: the hints then only record that (`dense`), and reading them would cost more than it saves.
    static let sparseLimit = 512

    /// What the cache says for a day: the hints, or that compliant tools are common, or nothing valid.
    enum Cached {
        case sparse(VerdictHints)
        case dense
    }

    /// What the hints' validity rests on, as one line.
    static func stamps(for store: RegistryStore) -> String {
        func stamp(_ path: String) -> String {
            guard let s = try? FileIO.stamp(path) else { return "-" }
            return "\(s.size).\(s.modifiedNanoseconds)"
        }
        let state = StateStore(registry: store)
        return [store.toolsDirectory, store.vendorsDirectory, store.policyPath, state.toolsDirectory].map(stamp).joined(separator: " ")
    }

    /// The cached hints for `store` when they still hold on `today`.
    static func load(for store: RegistryStore, today: Day) -> Cached? {
        guard let path = RegistryCache.path("verdict-hints", for: store), let bytes = try? FileIO.read(path),
            let records = RegistryCache.records(bytes, header: header), let first = records.first, first.count == 4,
            first[0] == stamps(for: store), let from = Day(first[1]), let through = Day(first[2]),
            from <= today, today < through
        else { return nil }
        if first[3] == "dense" { return .dense }
        var classes: [String: Character] = [:]
        var categories: [String: [ToolCategory]] = [:]
        for record in records.dropFirst() where record.count == 3 {
            guard let c = record[1].first, c == "c" || c == "o" else { continue }
            classes[record[0]] = c
            categories[record[0]] = record[2].split(separator: ",").compactMap { ToolCategory(rawValue: String($0)) }
        }
        return .sparse(VerdictHints(classes: classes, categories: categories))
    }

    /// Judges every tool of `lookup`'s registry once and caches the hints (best effort: a registry that cannot
    /// be read gives none, and the caller reads its candidates one by one as before).
    static func build(_ lookup: Lookup) -> VerdictHints? {
        let store = lookup.store
        let stamps = stamps(for: store)
        guard let snapshot = try? RegistrySnapshot.load(store) else { return nil }
        let today = lookup.validator.today
        let tools = Array(snapshot.tools.values)
        let verdicts = Parallel.map(tools, minimumPerWorker: 64) { record in
            let vendor = snapshot.vendors[record.vendor]
            return lookup.validator.evaluate(record, vendor: vendor, context: lookup.context(record, vendor))
        }
        var classes: [String: Character] = [:]
        var categories: [String: [ToolCategory]] = [:]
        // The first later day on which a verdict can change without any file changing.
        var through = today.adding(days: 366)
        for v in verdicts {
            if v.verdict == .compliant { classes[v.tool] = "c" } else if v.compliantOnceConditionsMet { classes[v.tool] = "o" }
            if classes[v.tool] != nil { categories[v.tool] = v.categories }
            for day in [v.review.due, v.attestation.expires?.day].compactMap({ $0 }) where day > today && day < through { through = day }
        }
        let dense = classes.count > sparseLimit
        let records =
            [[stamps, today.description, through.description, dense ? "dense" : "sparse"]]
            + (dense
                ? []
                : classes.sorted(by: { $0.key < $1.key }).map { id, c in
                    [id, String(c), (categories[id] ?? []).map(\.rawValue).joined(separator: ",")]
                })
        if records.allSatisfy(RegistryCache.canHold), let path = RegistryCache.path("verdict-hints", for: store) {
            RegistryCache.write(RegistryCache.text(header: header, records: records), to: path)
        }
        return VerdictHints(classes: classes, categories: categories)
    }

    /// The hinted tools as candidates for `verdict` (see `AlternativeChoice`), best first.
    func candidates(for verdict: ToolVerdict) -> [AlternativeChoice.Candidate] {
        AlternativeChoice.candidates(for: verdict, among: categories.map { (id: $0.key, categories: $0.value) })
    }
}
