import CRegistrySystem
import Glibc
import RegistryJSON

/// Writes many files so that a crash at any moment leaves each of them either as it was or whole and new,
/// at the cost of two filesystem syncs in all rather than one fsync per file:
/// every file goes to a temporary sibling, one `syncfs` makes the data durable, each temporary is renamed
/// over its target (atomic), and a second `syncfs` makes the renames durable. Temporaries left by a killed
/// writer are removed by `removeTemporaries` under the refresh lock.
///
/// Files that others in the batch refer to (`addReferenced`: the document texts the state's shards name by
/// hash) are renamed into place and made durable first, with a sync of their own before any other file is
/// renamed: killed between two renames, a reference never points at a file that is not there. (Renamed in
/// one pass, a shard could land before the text it names; the text's temporary was then removed as debris,
/// and the text was lost for good, since later refreshes see an unchanged document.)
public struct BatchWriter {
    private var pending: [(path: String, bytes: [UInt8], referenced: Bool)] = []
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
        queue(bytes, to: path, referenced: false)
    }

    /// Queues `bytes` for `path`, a file other files of the batch refer to: it is in place and durable before
    /// any file queued with `add` is renamed.
    public mutating func addReferenced(_ bytes: [UInt8], to path: String) {
        queue(bytes, to: path, referenced: true)
    }

    private mutating func queue(_ bytes: [UInt8], to path: String, referenced: Bool) {
        if let index = positions[path] {
            pending[index].bytes = bytes
            pending[index].referenced = pending[index].referenced || referenced
        } else {
            positions[path] = pending.count
            pending.append((path, bytes, referenced))
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
        let written = Parallel.map(pending, minimumPerWorker: 16) { path, bytes, _ -> Result<String, FileIO.Failure> in
            let temporary = "\(path)\(Self.temporaryMarker)\(pid)"
            return Result { () throws(FileIO.Failure) in
                try FileIO.writeTemporary(bytes, to: temporary, replacing: path)
                return temporary
            }
        }
        var temporaries: [(temporary: String, path: String, referenced: Bool)] = []
        defer { for file in temporaries { unlink(file.temporary) } }
        var firstFailure: FileIO.Failure?
        for (result, file) in zip(written, pending) {
            switch result {
            case .success(let temporary): temporaries.append((temporary, file.path, file.referenced))
            case .failure(let failure): firstFailure = firstFailure ?? failure
            }
        }
        if let firstFailure { throw firstFailure }
        try Self.syncFilesystem(syncRoot)
        var renames = RenameCounter()
        let referenced = temporaries.filter(\.referenced), others = temporaries.filter { !$0.referenced }
        for file in referenced {
            guard rename(file.temporary, file.path) == 0 else { throw FileIO.Failure(path: file.path, operation: "replace", errno: errno) }
            renames.count()
        }
        if !referenced.isEmpty, !others.isEmpty { try Self.syncFilesystem(syncRoot) }
        temporaries = others
        for file in others {
            guard rename(file.temporary, file.path) == 0 else { throw FileIO.Failure(path: file.path, operation: "replace", errno: errno) }
            renames.count()
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

/// Counts the renames of a commit. In debug builds only, `GENAI_REGISTRY_TEST_STOP_AFTER_RENAMES=N` makes the
/// process stop itself (SIGSTOP) after its Nth rename, so a crash test can SIGKILL it at exactly that point.
struct RenameCounter {
    #if DEBUG
    private let stopAfter = getenv("GENAI_REGISTRY_TEST_STOP_AFTER_RENAMES").flatMap { Int(String(cString: $0)) }
    private var done = 0
    #endif

    mutating func count() {
        #if DEBUG
        done += 1
        if done == stopAfter { raise(SIGSTOP) }
        #endif
    }
}
