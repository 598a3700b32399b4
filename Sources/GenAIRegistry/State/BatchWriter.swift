import CRegistrySystem
#if canImport(Glibc)
import Glibc
#endif

/// Writes many files so that a crash at any moment leaves each of them either as it was or whole and new,
/// at the cost of two filesystem syncs in all rather than one fsync per file:
/// every file goes to a temporary sibling, one `syncfs` makes the data durable, each temporary is renamed
/// over its target (atomic), and a second `syncfs` makes the renames durable. Temporaries left by a killed
/// writer are removed by `removeTemporaries` under the refresh lock.
public struct BatchWriter {
    private var pending: [(path: String, bytes: [UInt8])] = []
    /// Where each queued path is in `pending`: a first refresh watching thousands of documents queues a
    /// snapshot each, and looking for an earlier entry by scanning made queueing quadratic.
    private var positions: [String: Int] = [:]

    public init() {}

    /// Whether nothing is waiting to be written.
    public var isEmpty: Bool { pending.isEmpty }

    /// How many files wait to be written.
    public var count: Int { pending.count }

    /// Queues `bytes` for `path` (a later add for the same path wins).
    public mutating func add(_ bytes: [UInt8], to path: String) {
        if let index = positions[path] {
            pending[index].bytes = bytes
        } else {
            positions[path] = pending.count
            pending.append((path, bytes))
        }
    }

    static let temporaryMarker = ".tmp-"

    /// Writes everything queued; `syncRoot` is any path on the filesystem to sync.
    ///
    /// The temporaries are written on every core (a refresh of 10,000 tools writes 256 shards of ~16 KB).
    public func commit(syncRoot: String) throws(FileIO.Failure) {
        guard !pending.isEmpty else { return }
        for directory in Set(pending.map { FileIO.parentDirectory(of: $0.path) }).sorted() {
            try FileIO.makeDirectory(directory)
        }
        let pid = getpid()
        let written = Parallel.map(pending, minimumPerWorker: 16) { path, bytes -> Result<String, FileIO.Failure> in
            let temporary = "\(path)\(Self.temporaryMarker)\(pid)"
            return Result { () throws(FileIO.Failure) in
                try FileIO.writeTemporary(bytes, to: temporary, replacing: path)
                return temporary
            }
        }
        var temporaries: [(String, String)] = []
        defer { for (temporary, _) in temporaries { unlink(temporary) } }
        var firstFailure: FileIO.Failure?
        for (result, file) in zip(written, pending) {
            switch result {
            case .success(let temporary): temporaries.append((temporary, file.path))
            case .failure(let failure): firstFailure = firstFailure ?? failure
            }
        }
        if let firstFailure { throw firstFailure }
        try Self.syncFilesystem(syncRoot)
        for (temporary, path) in temporaries {
            guard rename(temporary, path) == 0 else { throw FileIO.Failure(path: path, operation: "replace", errno: errno) }
        }
        temporaries.removeAll()
        try Self.syncFilesystem(syncRoot)
    }

    /// One `syncfs(2)` for the filesystem holding `path`.
    public static func syncFilesystem(_ path: String) throws(FileIO.Failure) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileIO.Failure(path: path, operation: "open for sync", errno: errno) }
        defer { close(fd) }
        guard cregistry_syncfs(fd) == 0 else { throw FileIO.Failure(path: path, operation: "sync", errno: errno) }
    }

    /// Deletes temporaries a killed writer left in `directories` (call only while holding the refresh lock).
    public static func removeTemporaries(in directories: [String]) {
        for directory in directories {
            guard let names = try? FileIO.listAll(directory) else { continue }
            for name in names where name.contains(temporaryMarker) { unlink("\(directory)/\(name)") }
        }
    }
}
