/// The refresh state read lazily: every tool's HTTP validators up front, each shard decoded only when a tool
/// in it needs its whole state (an answer other than 304).
///
/// Decoding all 256 shards (each tool's stored envelope included) was the largest cost of an all-304 refresh
/// after the fetches. The validators come from `Registry/.cache/refresh-validators`, trusted per shard only
/// while the shard file's size and modification time (ns) are those they were read from; any other shard is
/// decoded and its validators taken from it. The cache is derived data: losing it costs one slower run.
public struct StateShards: Sendable {
    /// What a conditional request and the rollback check need of a tool's last fetches.
    public struct Validators: Sendable, Equatable {
        /// Attestation: url, etag, lastModified, highestVersion and versionKey only.
        public var attestation: AttestationState?
        /// Watched documents by URL: etag, lastModified and sha256 (whose text must be on disk) only.
        public var documents: [String: DocumentState]
    }

    public let state: StateStore
    /// Validators by tool id.
    public private(set) var validators: [String: Validators] = [:]
    /// Shards that could not be read; their tools start afresh (the refresh rewrites them).
    public private(set) var unreadable: [String: StateStore.Failure] = [:]
    private var decoded: [String: [String: ToolState]] = [:]
    private var stamps: [String: FileIO.Stamp] = [:]
    private var cachePath: String?
    /// Whether the cache file already says all there is to say (nothing decoded, no shard gone).
    private var cacheIsCurrent = false

    /// Lists the shards, takes validators from the cache for unchanged ones, and decodes the others.
    public static func load(_ state: StateStore, registry: RegistryStore) -> StateShards {
        var shards = StateShards(state: state)
        shards.cachePath = RegistryCache.path("refresh-validators", for: registry)
        let listing: [(name: String, stamp: FileIO.Stamp)]
        do { listing = try FileIO.list(state.toolsDirectory, suffix: ".json", sorted: false) } catch {
            if !error.isNotFound {
                shards.unreadable[StateStore.allShards] = StateStore.Failure(path: state.toolsDirectory, message: error.description)
            }
            return shards
        }
        let cached = shards.cachePath.flatMap { try? FileIO.read($0) }.map(Cache.init(bytes:)) ?? Cache()
        var toDecode: [String] = []
        for (name, stamp) in listing {
            let shard = String(name.dropLast(5))
            shards.stamps[shard] = stamp
            if let entry = cached.shards[shard], entry.stamp == stamp {
                shards.validators.merge(entry.tools) { a, _ in a }
            } else {
                toDecode.append(shard)
            }
        }
        shards.cacheIsCurrent = toDecode.isEmpty && cached.shards.count == listing.count
        for (shard, result) in state.decodeShards(toDecode) {
            switch result {
            case .success(let tools):
                shards.decoded[shard] = tools
                for (id, s) in tools { shards.validators[id] = Validators(of: s) }
            case .failure(let failure):
                shards.unreadable[shard] = failure
                shards.decoded[shard] = [:]
            }
        }
        return shards
    }

    /// The whole state of `tool` (decoding its shard if needed); nil when none was recorded.
    public mutating func state(of tool: String) -> ToolState? {
        shard(StateStore.shard(for: tool))[tool]
    }

    /// The tool states of `shard` if it was already decoded (or found unreadable: then none), without reading it.
    public func decodedShard(_ shard: String) -> [String: ToolState]? {
        decoded[shard]
    }

    /// Every tool state in `shard`, decoded once.
    public mutating func shard(_ shard: String) -> [String: ToolState] {
        if let tools = decoded[shard] { return tools }
        let tools = (try? state.shard(shard)) ?? [:]
        decoded[shard] = tools
        return tools
    }

    /// Saves the validators of every shard not in `rewritten` (whose new files are read afresh next time).
    /// Writes nothing when the cache is already current (a run of 304s writes no file but its log line).
    public func saveCache(rewritten: Set<String>) {
        guard let cachePath, !(cacheIsCurrent && rewritten.isEmpty) else { return }
        var cache = Cache()
        for (shard, stamp) in stamps where !rewritten.contains(shard) && unreadable[shard] == nil {
            cache.shards[shard] = Cache.Shard(stamp: stamp, tools: [:])
        }
        for (id, v) in validators {
            let shard = StateStore.shard(for: id)
            cache.shards[shard]?.tools[id] = v
        }
        RegistryCache.write(cache.bytes, to: cachePath)
    }

    /// The cache file: a line per shard (its stamp) followed by a line per tool and per watched document.
    struct Cache {
        struct Shard {
            var stamp: FileIO.Stamp
            var tools: [String: Validators]
        }

        static let header = "genai-registry refresh validators v2"
        var shards: [String: Shard] = [:]

        init() {}

        /// Reads the cache; a shard whose section is malformed is left out (it is then decoded).
        init(bytes: [UInt8]) {
            var current: String?
            var broken = Set<String>()
            for f in RegistryCache.records(bytes, header: Self.header) ?? [] {
                if f.first == "S" {
                    current = nil
                    guard f.count == 4, let size = Int64(f[2]), let mtime = Int64(f[3]) else { continue }
                    current = f[1]
                    shards[f[1]] = Shard(stamp: FileIO.Stamp(size: size, modifiedNanoseconds: mtime), tools: [:])
                    continue
                }
                guard let shard = current else { continue }
                let values = f.dropFirst(2).map(Self.value)
                switch (f.first, f.count) {
                case ("N", 2):
                    shards[shard]?.tools[f[1]] = Validators(attestation: nil, documents: [:])
                case ("T", 7):
                    guard case .some(.some(let url)) = values[0], case .some(let etag) = values[1],
                        case .some(let lastModified) = values[2], case .some(let version) = values[3], case .some(let versionKey) = values[4]
                    else {
                        broken.insert(shard)
                        continue
                    }
                    var a = AttestationState(url: url)
                    a.etag = etag
                    a.lastModified = lastModified
                    a.highestVersion = version.flatMap { Int($0) }
                    a.versionKey = versionKey
                    shards[shard]?.tools[f[1]]?.attestation = a
                case ("D", 6):
                    guard case .some(.some(let url)) = values[0], case .some(let etag) = values[1], case .some(let lastModified) = values[2],
                        case .some(let sha256) = values[3]
                    else {
                        broken.insert(shard)
                        continue
                    }
                    var d = DocumentState()
                    d.etag = etag
                    d.lastModified = lastModified
                    d.sha256 = sha256
                    shards[shard]?.tools[f[1]]?.documents[url] = d
                default:
                    broken.insert(shard)
                }
            }
            for shard in broken { shards[shard] = nil }
        }

        var bytes: [UInt8] {
            var records: [[String]] = []
            for (shard, entry) in shards.sorted(by: { $0.key < $1.key }) {
                var section: [[String]] = [["S", shard, String(entry.stamp.size), String(entry.stamp.modifiedNanoseconds)]]
                for (id, v) in entry.tools.sorted(by: { $0.key < $1.key }) {
                    section.append(["N", id])
                    if let a = v.attestation {
                        section.append([
                            "T", id, Self.field(a.url), Self.field(a.etag), Self.field(a.lastModified), Self.field(a.highestVersion.map(String.init)),
                            Self.field(a.versionKey),
                        ])
                    }
                    for (url, d) in v.documents.sorted(by: { $0.key < $1.key }) {
                        section.append(["D", id, Self.field(url), Self.field(d.etag), Self.field(d.lastModified), Self.field(d.sha256)])
                    }
                }
                // A value the layout cannot hold leaves the whole shard out: it is then decoded every run.
                if section.allSatisfy(RegistryCache.canHold) { records += section }
            }
            return RegistryCache.text(header: Self.header, records: records)
        }

        /// An optional as a field: "-" for none, "=" followed by the value.
        static func field(_ value: String?) -> String { value.map { "=" + $0 } ?? "-" }

        /// The optional a field holds, or nil (the outer one) when the field is malformed.
        static func value(_ field: String) -> String?? {
            if field == "-" { return .some(nil) }
            return field.hasPrefix("=") ? .some(String(field.dropFirst())) : nil
        }
    }
}

extension StateShards.Validators {
    /// The validators held in a whole tool state.
    init(of s: ToolState) {
        attestation = s.attestation.map { a in
            var v = AttestationState(url: a.url)
            v.etag = a.etag
            v.lastModified = a.lastModified
            v.highestVersion = a.highestVersion
            v.versionKey = a.versionKey
            return v
        }
        documents = s.documents.mapValues { d in
            var v = DocumentState()
            v.etag = d.etag
            v.lastModified = d.lastModified
            v.sha256 = d.sha256
            return v
        }
    }
}
