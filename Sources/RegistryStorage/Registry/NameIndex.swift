import RegistryDomain
import RegistryJSON

/// A cached map from every tool's id, name and aliases to the tool, so a lookup by name reads one
/// small file instead of every record.
///
/// The cache is checked against each tool file's size and modification time on every use (one
/// directory listing, no parsing); only files that changed are read again. It lives in
/// `REGISTRY/.cache/` (with a `.gitignore`), or in the user's cache folder when the registry is read-only.
struct NameIndex {
    struct Entry {
        var stamp: FileIO.Stamp
        /// Nil when the file could not be read as a tool (it is then reported by id only).
        var summary: ToolSummary?
        /// The normalised id, name and aliases (see `ToolResolver.normalise`), computed once when the file changes.
        var keys: [String]

        init(stamp: FileIO.Stamp, summary: ToolSummary?) {
            self.stamp = stamp
            self.summary = summary
            self.keys = summary.map { NameIndex.keys(id: $0.id, name: $0.name, aliases: $0.aliases) } ?? []
        }

        init(stamp: FileIO.Stamp, summary: ToolSummary?, keys: [String]) {
            self.stamp = stamp
            self.summary = summary
            self.keys = keys
        }
    }

    /// First line of the cache file; a different one means another format, so the cache is rebuilt.
    static let header = "genai-registry lookup index v7"
    var entries: [String: Entry] = [:]
    /// The `tools/` folder's modification time when the entries were last checked file by file.
    var folderStamp: Int64 = -1
    /// Whether every file's stamp was compared in this load (not only the folder's).
    private(set) var isThorough = false

    /// The keys a tool answers to: its id, name and aliases normalised (`ToolResolver.normalise`), each also with
    /// its spaces removed, so that "chat gpt", "ChatGPT" and "chat-gpt" meet.
    static func keys(id: String, name: String, aliases: [String]) -> [String] {
        var keys: [String] = []
        for text in [id, name] + aliases {
            let key = ToolResolver.normalise(text)
            for k in [key, compact(key)] where !k.isEmpty && !keys.contains(k) { keys.append(k) }
        }
        return keys
    }

    /// A normalised key without its spaces.
    static func compact(_ key: String) -> String { String(key.filter { $0 != " " }) }

    /// The index for `store`, refreshed for any file added, changed or removed since it was cached.
    ///
    /// `thorough: false` trusts the cache while the `tools/` folder's own modification time is unchanged (one
    /// `stat` instead of one per record: adding, removing or renaming a file — and every write by git or this
    /// tool, which replace files — changes it). Callers confirm what they take from a quick load against the
    /// record itself and fall back to a thorough load, so an edit made in place is never trusted stale.
    static func load(for store: RegistryStore, thorough: Bool) throws(RegistryError) -> NameIndex {
        let folder: FileIO.Stamp
        do { folder = try FileIO.stamp(store.toolsDirectory) } catch { throw .io(error) }
        let cacheFile = cachePath(for: store)
        var index = NameIndex()
        if let cacheFile, let bytes = try? FileIO.read(cacheFile) {
            index = NameIndex(cacheBytes: bytes)
        }
        if !thorough, index.folderStamp == folder.modifiedNanoseconds, !index.entries.isEmpty { return index }

        let listing: [(name: String, stamp: FileIO.Stamp)]
        do { listing = try FileIO.list(store.toolsDirectory, suffix: ".json") } catch { throw .io(error) }
        var changed = index.folderStamp != folder.modifiedNanoseconds
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
        // The folder's time from before the listing: a change made meanwhile shows up as a mismatch next time.
        index.folderStamp = folder.modifiedNanoseconds
        index.isThorough = true
        if changed, let cacheFile { index.save(to: cacheFile) }
        return index
    }

    /// Just the lookup fields of a tool file, without the full schema check (the record itself is checked when used).
    static func summary(of path: String, id: String) -> ToolSummary? {
        guard let bytes = try? FileIO.read(path), let parsed = try? JSONParser.parse(bytes) else { return nil }
        let v = parsed.value
        guard let name = v["name"]?.stringValue else { return nil }
        return ToolSummary(
            id: id, name: name,
            aliases: v["aliases"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            vendor: v["vendor"]?.stringValue ?? "",
            categories: v["categories"]?.arrayValue?.compactMap { $0.stringValue.flatMap(ToolCategory.init(rawValue:)) } ?? [])
    }

    // The cache is a flat text file, one tool a line, fields split by ASCII unit separators: it is read
    // on every name lookup, and splitting bytes is many times faster than decoding JSON.
    static let field = RegistryCache.field
    static let item = RegistryCache.item
    static let newline = RegistryCache.newline
    /// First byte of the lines, right after the folder stamp, that list each category's tools: alternatives
    /// read those few lines instead of every tool's.
    static let categoryLine: UInt8 = 0x1E

    init() {}

    /// Reads the cache; anything malformed is skipped (and then re-read from the record).
    init(cacheBytes bytes: [UInt8]) {
        guard let (stamp, lines) = Self.lines(of: bytes) else { return }
        folderStamp = stamp
        for line in lines {
            guard let (id, entry) = Self.entry(line) else { continue }
            entries[id] = entry
        }
    }

    /// The folder stamp and the tool lines of a cache file, or nil when it is not one of this format.
    static func lines(of bytes: [UInt8]) -> (stamp: Int64, lines: ArraySlice<ArraySlice<UInt8>>)? {
        let lines = bytes.split(separator: Self.newline, omittingEmptySubsequences: true)[...]
        guard let first = lines.first, first.elementsEqual(Self.header.utf8), lines.count >= 2,
            let stamp = Int64(String(decoding: lines[lines.startIndex + 1], as: UTF8.self))
        else { return nil }
        return (stamp, lines.dropFirst(2).drop { $0.first == Self.categoryLine })
    }

    /// One tool line of the cache as an entry, or nil when malformed.
    static func entry(_ line: ArraySlice<UInt8>) -> (id: String, entry: Entry)? {
        func text(_ s: ArraySlice<UInt8>) -> String { String(decoding: s, as: UTF8.self) }
        func list(_ s: ArraySlice<UInt8>) -> [String] {
            s.isEmpty ? [] : s.split(separator: Self.item, omittingEmptySubsequences: false).map(text)
        }
        let f = line.split(separator: Self.field, omittingEmptySubsequences: false)
        guard f.count == 9, let size = Int64(text(f[1])), let mtime = Int64(text(f[2])) else { return nil }
        let id = text(f[0])
        let stamp = FileIO.Stamp(size: size, modifiedNanoseconds: mtime)
        guard f[3].first == UInt8(ascii: "1") else { return (id, Entry(stamp: stamp, summary: nil, keys: [])) }
        let summary = ToolSummary(
            id: id, name: text(f[4]), aliases: list(f[7]), vendor: text(f[5]),
            categories: list(f[6]).compactMap(ToolCategory.init(rawValue:)))
        return (id, Entry(stamp: stamp, summary: summary, keys: list(f[8])))
    }

    /// The cache file's bytes.
    var cacheBytes: [UInt8] {
        func clean(_ s: String) -> [UInt8] {
            s.utf8.map { $0 == Self.field || $0 == Self.item || $0 == Self.newline || $0 == 0x0D ? UInt8(ascii: " ") : $0 }
        }
        func join(_ parts: [[UInt8]], _ separator: UInt8) -> [UInt8] { Array(parts.joined(separator: [separator])) }
        var out = Array((Self.header + "\n" + String(folderStamp) + "\n").utf8)
        var byCategory: [ToolCategory: [String]] = [:]
        for (id, entry) in entries.sorted(by: { $0.key < $1.key }) {
            for category in Set(entry.summary?.categories ?? []) { byCategory[category, default: []].append(id) }
        }
        for (category, ids) in byCategory.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            out.append(Self.categoryLine)
            out += Array(category.rawValue.utf8) + [Self.field] + join(ids.map(clean), Self.item)
            out.append(Self.newline)
        }
        for (id, entry) in entries.sorted(by: { $0.key < $1.key }) {
            var fields: [[UInt8]] = [clean(id), Array(String(entry.stamp.size).utf8), Array(String(entry.stamp.modifiedNanoseconds).utf8)]
            if let s = entry.summary {
                fields += [
                    [UInt8(ascii: "1")], clean(s.name), clean(s.vendor), join(s.categories.map { Array($0.rawValue.utf8) }, Self.item),
                    join(s.aliases.map(clean), Self.item), join(entry.keys.map(clean), Self.item),
                ]
            } else {
                fields += [[UInt8(ascii: "0")], [], [], [], [], []]
            }
            out += join(fields, Self.field)
            out.append(Self.newline)
        }
        return out
    }

    private func save(to path: String) {
        RegistryCache.write(cacheBytes, to: path)
    }

    /// Where the lookup index of `store` lives (see `RegistryCache.path`).
    static func cachePath(for store: RegistryStore) -> String? {
        RegistryCache.path("lookup-index.json", for: store)
    }
}
