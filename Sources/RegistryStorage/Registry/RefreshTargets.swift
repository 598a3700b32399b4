public import RegistryDomain
import RegistryJSON

/// What a refresh needs of the registry — the policy, the vendors, and each refreshable tool's URLs — with
/// the tool files that did not change since the last run taken from a small cache instead of checked again.
///
/// Most refreshes (a nightly cron job) change no record, and checking every record again would be a large
/// part of a refresh where nothing changed. A tool file is trusted from the cache only when its size and modification time
/// (nanoseconds) are those it had when it was last checked and found valid; any other file is checked in
/// full, as `RegistrySnapshot` does. The policy and the vendors are always read.
public struct RefreshTargets: Sendable {
    /// One tool to refresh.
    public struct Tool: Sendable, Equatable {
        public var id: String
        public var vendor: String
        public var attestationURL: String?
        /// The URLs of its watched documents.
        public var watch: [String]
        /// The selectors of those of its watched documents that name any, by URL (the others: the main content).
        public var selectors: [String: DocumentSelectors] = [:]
    }

    public var policy: Policy
    /// Vendors whose files are valid.
    public var vendors: [String: VendorRecord]
    /// Tools that are valid and whose vendor is valid.
    public var tools: [String: Tool]
    /// Tool files with errors, or whose vendor file is missing or has errors (run lint).
    public var invalidTools: Set<String>

    /// Reads the policy and the vendors, and every tool file that changed since it was cached.
    public static func load(_ store: RegistryStore) throws(RegistryError) -> RefreshTargets {
        let (loaded, found) = try store.load(Policy.self, at: store.policyPath, schema: RegistrySchemas.policy)
        guard let policy = loaded else { throw .invalid(found.filter { $0.severity == .error }) }

        var vendors: [String: VendorRecord] = [:]
        for (name, _) in (try? FileIO.list(store.vendorsDirectory, suffix: ".json")) ?? [] {
            let id = String(name.dropLast(5))
            guard Identifier.isValid(id) else { continue }
            let (record, issues) = RegistrySnapshot.decodeVendor(id, store: store)
            if let record, !issues.contains(where: { $0.severity == .error }) { vendors[id] = record }
        }

        // Listing the tool files (a stat each) and reading the cache of 10,000 lines are independent: one core each.
        let cachePath = RegistryCache.path("refresh-targets", for: store)
        let (listed, cached) = Parallel.both(
            { Result { () throws(FileIO.Failure) in try FileIO.list(store.toolsDirectory, suffix: ".json", sorted: false) } },
            { cachePath.flatMap { try? FileIO.read($0) }.map(Cache.init(bytes:)) ?? Cache() })
        let listing: [(name: String, stamp: FileIO.Stamp)]
        switch listed {
        case .success(let files): listing = files
        case .failure(let error):
            if error.isNotFound { return RefreshTargets(policy: policy, vendors: vendors, tools: [:], invalidTools: []) }
            throw .io(error)
        }

        var toCheck: [(id: String, stamp: FileIO.Stamp)] = []
        var unchanged = 0
        for (name, stamp) in listing {
            let id = String(name.dropLast(5))
            guard Identifier.isValid(id) else { continue }  // badly named files are lint's to report, never read
            if cached.stamps[id] == stamp {
                unchanged += 1
            } else {
                toCheck.append((id, stamp))
            }
        }
        // Usually every file is as cached: the cache is then the answer as it is, not copied entry by entry.
        var fresh = cached
        if unchanged != cached.stamps.count {
            // Keep only entries whose file is still there with the stamp it had (the others are checked again).
            var stamps: [String: FileIO.Stamp] = [:]
            for (name, stamp) in listing { stamps[String(name.dropLast(5))] = stamp }
            fresh.stamps = cached.stamps.filter { id, stamp in stamps[id] == stamp }
            fresh.tools = cached.tools.filter { fresh.stamps[$0.key] != nil }
        }
        let checked = Parallel.map(toCheck, minimumPerWorker: 64) { file -> (String, FileIO.Stamp, ToolRecord?) in
            let (record, issues) = RegistrySnapshot.decodeTool(file.id, store: store)
            return (file.id, file.stamp, issues.contains { $0.severity == .error } ? nil : record)
        }
        var invalid = Set<String>()
        var checkedVendors = Set<String>()
        for (id, stamp, record) in checked {
            guard let record else {
                invalid.insert(id)
                continue
            }
            fresh.stamps[id] = stamp
            var selectors: [String: DocumentSelectors] = [:]
            for w in record.watch where w.select != nil || !(w.remove ?? []).isEmpty {
                selectors[w.url] = DocumentSelectors(select: w.select, remove: w.remove ?? [])
            }
            fresh.tools[id] = Tool(
                id: id, vendor: record.vendor, attestationURL: record.attestationURL, watch: record.watch.map(\.url),
                selectors: selectors)
            checkedVendors.insert(record.vendor)
        }
        var tools = fresh.tools
        // A tool whose vendor file is missing or invalid is not refreshed. Usually every vendor the tools name
        // is valid, and asking that of the few vendors named spares a lookup per tool.
        if !cached.vendorIDs.union(checkedVendors).allSatisfy({ vendors[$0] != nil }) {
            for (id, tool) in fresh.tools where vendors[tool.vendor] == nil {
                invalid.insert(id)
                tools[id] = nil
            }
        }
        // Every file whose stamp differs was checked again, and a file gone leaves a smaller cache: comparing
        // 10,000 entries would say no more.
        if let cachePath, !toCheck.isEmpty || fresh.stamps.count != cached.stamps.count { RegistryCache.write(fresh.bytes, to: cachePath) }
        return RefreshTargets(policy: policy, vendors: vendors, tools: tools, invalidTools: invalid)
    }

    /// The cache: one valid tool file a line, fields split by ASCII unit separators (as the lookup index).
    struct Cache: Sendable {
        static let header = "genai-registry refresh targets v2"
        /// Each cached tool file's stamp when it was checked, and what it holds (the same ids in both).
        var stamps: [String: FileIO.Stamp] = [:]
        var tools: [String: Tool] = [:]
        /// Every vendor the cached tools name (a superset of those of `tools` once entries are dropped).
        var vendorIDs = Set<String>()

        init() {}

        /// Reads the cache; a line that is not well formed is skipped (its file is then checked again).
        init(bytes: [UInt8]) {
            let records = RegistryCache.records(bytes, header: Self.header) ?? []
            stamps.reserveCapacity(records.count)
            tools.reserveCapacity(records.count)
            var lastVendor: String?
            for f in records {
                guard f.count == 7, let size = Int64(f[1]), let mtime = Int64(f[2]), let selectors = DocumentSelectors.decode(f[6]) else { continue }
                let watch = f[5].isEmpty ? [] : f[5].split(separator: "\u{1D}", omittingEmptySubsequences: false).map(String.init)
                stamps[f[0]] = FileIO.Stamp(size: size, modifiedNanoseconds: mtime)
                tools[f[0]] = Tool(id: f[0], vendor: f[3], attestationURL: f[4].isEmpty ? nil : f[4], watch: watch, selectors: selectors)
                // Lines are sorted by tool id, so a vendor's tools mostly come together: a set insert per vendor change.
                if f[3] != lastVendor {
                    vendorIDs.insert(f[3])
                    lastVendor = f[3]
                }
            }
        }

        var bytes: [UInt8] {
            let records = tools.sorted(by: { $0.key < $1.key }).compactMap { id, tool -> [String]? in
                guard let stamp = stamps[id] else { return nil }
                guard let selectors = DocumentSelectors.encode(tool.selectors) else { return nil }
                let record = [
                    id, String(stamp.size), String(stamp.modifiedNanoseconds), tool.vendor, tool.attestationURL ?? "",
                    tool.watch.joined(separator: "\u{1D}"), selectors,
                ]
                // A value the layout cannot hold leaves the tool out: it is then only checked every run.
                guard RegistryCache.canHold(record), !tool.watch.contains(where: { $0.isEmpty || $0.utf8.contains(RegistryCache.item) }),
                    tool.attestationURL != ""
                else { return nil }
                return record
            }
            return RegistryCache.text(header: Self.header, records: records)
        }
    }
}
