import Foundation

/// A cached map from every tool's id, name and aliases to the tool, so a lookup by name reads one
/// small file instead of every record.
///
/// The cache is checked against each tool file's size and modification time on every use (one
/// directory listing, no parsing); only files that changed are read again. It lives in
/// `REGISTRY/.cache/` (with a `.gitignore`), or in the user's cache folder when the registry is read-only.
struct NameIndex: Codable {
    struct Entry: Codable {
        var stamp: FileIO.Stamp
        /// Nil when the file could not be read as a tool (it is then reported by id only).
        var summary: ToolSummary?
    }

    static let formatVersion = 1
    var version = NameIndex.formatVersion
    var entries: [String: Entry] = [:]

    /// The index for `store`, refreshed for any file added, changed or removed since it was cached.
    static func load(for store: RegistryStore) throws(RegistryError) -> NameIndex {
        let listing: [(name: String, stamp: FileIO.Stamp)]
        do { listing = try FileIO.list(store.toolsDirectory, suffix: ".json") } catch { throw .io(error) }
        let cacheFile = cachePath(for: store)
        var index = NameIndex()
        if let cacheFile, let bytes = try? FileIO.read(cacheFile),
            let cached = try? JSONDecoder().decode(NameIndex.self, from: Data(bytes)), cached.version == formatVersion {
            index = cached
        }
        var changed = false
        var present = Set<String>()
        for (name, stamp) in listing {
            let id = String(name.dropLast(5))
            present.insert(id)
            if index.entries[id]?.stamp == stamp { continue }
            index.entries[id] = Entry(stamp: stamp, summary: summary(of: store.toolPath(id), id: id))
            changed = true
        }
        for id in index.entries.keys where !present.contains(id) {
            index.entries[id] = nil
            changed = true
        }
        if changed, let cacheFile { index.save(to: cacheFile) }
        return index
    }

    /// Just the lookup fields of a tool file, without the full schema check (the record itself is checked when used).
    private static func summary(of path: String, id: String) -> ToolSummary? {
        guard let bytes = try? FileIO.read(path), let parsed = try? JSONParser.parse(bytes) else { return nil }
        let v = parsed.value
        guard let name = v["name"]?.stringValue else { return nil }
        return ToolSummary(
            id: id, name: name,
            aliases: v["aliases"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            vendor: v["vendor"]?.stringValue ?? "",
            categories: v["categories"]?.arrayValue?.compactMap { $0.stringValue.flatMap(ToolCategory.init(rawValue:)) } ?? [])
    }

    private func save(to path: String) {
        guard let data = try? JSONEncoder().encode(self) else { return }
        let directory = FileIO.parentDirectory(of: path)
        // A cache is rebuilt when lost, so it is written without fsync; a failed write only costs speed.
        do {
            try FileIO.makeDirectory(directory)
            if !FileIO.isFile(directory + "/.gitignore") {
                try FileIO.writeAtomically(Array("# Cache of genai-registry; safe to delete.\n*\n".utf8), to: directory + "/.gitignore", sync: false)
            }
            try FileIO.writeAtomically(Array(data), to: path, sync: false)
        } catch {}
    }

    /// Where the cache for `store` lives: inside the registry when writable, else the user's cache folder.
    private static func cachePath(for store: RegistryStore) -> String? {
        let local = "\(store.root)/.cache"
        if access(FileIO.isDirectory(local) ? local : store.root, W_OK) == 0 { return local + "/lookup-index.json" }
        let env = ProcessInfo.processInfo.environment
        guard let base = env["XDG_CACHE_HOME"] ?? env["HOME"].map({ $0 + "/.cache" }) else { return nil }
        let absolute = URL(fileURLWithPath: store.root).standardizedFileURL.path
        let key = String(absolute.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }, radix: 16)
        return "\(base)/genai-registry/\(key)/lookup-index.json"
    }
}
