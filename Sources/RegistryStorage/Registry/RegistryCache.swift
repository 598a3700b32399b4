import FoundationEssentials
import Glibc

/// The derived files kept to make commands fast (the lookup index, the refresh's targets and validators):
/// where they live, how they are written, and their shared text layout — a header line naming the format,
/// then one record a line, fields split by ASCII unit separators. Losing one only costs time.
enum RegistryCache {
    /// Between the fields of a record.
    static let field: UInt8 = 0x1F
    /// Between the items of a list inside one field.
    static let item: UInt8 = 0x1D
    static let newline: UInt8 = 0x0A

    /// Where the cache file `name` for `store` lives: `REGISTRY/.cache/` when the registry is writable, else
    /// the user's cache folder; nil when there is neither.
    static func path(_ name: String, for store: RegistryStore) -> String? {
        let local = "\(store.root)/.cache"
        if access(FileIO.isDirectory(local) ? local : store.root, W_OK) == 0 { return "\(local)/\(name)" }
        let env = ProcessInfo.processInfo.environment
        guard let base = env["XDG_CACHE_HOME"] ?? env["HOME"].map({ $0 + "/.cache" }) else { return nil }
        let absolute = URL(fileURLWithPath: store.root).standardizedFileURL.path
        let key = String(absolute.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }, radix: 16)
        return "\(base)/genai-registry/\(key)/\(name)"
    }

    /// Writes a cache file (and a `.gitignore` beside it) without fsync: a lost cache is only rebuilt, and a
    /// failed write only costs speed.
    static func write(_ bytes: [UInt8], to path: String) {
        let directory = FileIO.parentDirectory(of: path)
        do {
            try FileIO.makeDirectory(directory)
            if !FileIO.isFile(directory + "/.gitignore") {
                try FileIO.writeAtomically(Array("# Cache of genai-registry; safe to delete.\n*\n".utf8), to: directory + "/.gitignore", sync: false)
            }
            try FileIO.writeAtomically(bytes, to: path, sync: false)
        } catch {}
    }

    /// The records of a cache file, each split into its fields; nil when the file is not of format `header`.
    ///
    /// One pass over the bytes, each field decoded straight from them rather than splitting into lines, then
    /// fields, then strings, which allocates three times a line. Empty lines are skipped.
    static func records(_ bytes: [UInt8], header: String) -> [[String]]? {
        bytes.withUnsafeBufferPointer { buffer -> [[String]]? in
            let headerEnd = buffer.firstIndex(of: newline) ?? buffer.count
            guard buffer[..<headerEnd].elementsEqual(header.utf8) else { return nil }
            var records: [[String]] = []
            var fields: [String] = []
            var lineStart = headerEnd + 1
            var fieldStart = lineStart
            var index = lineStart
            while index <= buffer.count {
                let byte = index < buffer.count ? buffer[index] : newline
                if byte == field || byte == newline {
                    if byte == newline, index == lineStart {
                        // An empty line (or the end after a final newline): no record.
                    } else {
                        fields.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[fieldStart..<index]), as: UTF8.self))
                        if byte == newline {
                            records.append(fields)
                            fields.removeAll(keepingCapacity: true)
                        }
                    }
                    if byte == newline { lineStart = index + 1 }
                    fieldStart = index + 1
                }
                index += 1
            }
            return records
        }
    }

    /// Whether a record can be written: no field holds a field separator or a line break.
    static func canHold(_ record: [String]) -> Bool {
        !record.contains { $0.utf8.contains { $0 == field || $0 == newline || $0 == 0x0D } }
    }

    /// A cache file of format `header` holding `records` (each must pass `canHold`).
    static func text(header: String, records: [[String]]) -> [UInt8] {
        var out = header + "\n"
        for record in records { out += record.joined(separator: "\u{1F}") + "\n" }
        return Array(out.utf8)
    }
}
