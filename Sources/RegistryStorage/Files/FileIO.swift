import Glibc

/// Small POSIX file helpers: whole-file reads, directory listings with stat data, and atomic writes.
public enum FileIO {
    /// Why a file could not be read or written, with the path and the system's reason.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var operation: String
        public var errno: Int32
        public var description: String { "\(path): cannot \(operation): \(String(cString: strerror(errno)))" }
        public var isNotFound: Bool { errno == ENOENT }
    }

    /// Size and modification time of a file, used to notice edits without reading the file.
    public struct Stamp: Sendable, Codable, Equatable {
        public var size: Int64
        public var modifiedNanoseconds: Int64
    }

    /// The whole file as bytes.
    public static func read(_ path: String) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(path: path, operation: "open", errno: errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw Failure(path: path, operation: "stat", errno: errno) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw Failure(path: path, operation: "read (it is a directory)", errno: EISDIR) }
        // Straight into the array: one copy, and no scratch buffer to clear for every small record.
        var failure: Int32 = 0
        let expected = max(0, Int(st.st_size))
        var bytes = [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, count in
            guard let base = buffer.baseAddress else { return }
            while count < buffer.count {
                let n = Glibc.read(fd, base + count, buffer.count - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 { return }
                count += n
            }
        }
        // The file grew since fstat (or is a pseudo-file): read the rest in chunks.
        while failure == 0, bytes.count > expected {
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
            } else if n == 0 {
                break
            } else {
                bytes.append(contentsOf: chunk[0..<n])
            }
        }
        if failure != 0 { throw Failure(path: path, operation: "read", errno: failure) }
        return bytes
    }

    /// Whether a regular file exists at `path`.
    public static func isFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// Size and modification time of one file or folder.
    public static func stamp(_ path: String) throws(Failure) -> Stamp {
        var st = stat()
        guard stat(path, &st) == 0 else { throw Failure(path: path, operation: "stat", errno: errno) }
        return Stamp(size: Int64(st.st_size), modifiedNanoseconds: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
    }

    /// Whether a directory exists at `path`.
    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// The names in a directory ending in `suffix` with their stamps, sorted by name unless `sorted` is false
    /// (a refresh does not need the order, so it does not pay for it). Hidden files are skipped.
    public static func list(_ directory: String, suffix: String, sorted: Bool = true) throws(Failure) -> [(name: String, stamp: Stamp)] {
        guard let dir = opendir(directory) else { throw Failure(path: directory, operation: "list", errno: errno) }
        defer { closedir(dir) }
        let dfd = dirfd(dir)
        var result: [(String, Stamp)] = []
        while let entry = readdir(dir) {
            let name = entryName(entry)
            guard !name.hasPrefix("."), name.hasSuffix(suffix) else { continue }
            var st = stat()
            guard fstatat(dfd, name, &st, 0) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            let ns = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
            result.append((name, Stamp(size: Int64(st.st_size), modifiedNanoseconds: ns)))
        }
        return sorted ? result.sorted { $0.0 < $1.0 } : result
    }

    /// The file name of a directory entry (`d_name` is a fixed-size, NUL-terminated C array).
    private static func entryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
        withUnsafeBytes(of: entry.pointee.d_name) { raw in String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self) }
    }

    /// Every name in a directory (hidden ones too), unsorted.
    public static func listAll(_ directory: String) throws(Failure) -> [String] {
        guard let dir = opendir(directory) else { throw Failure(path: directory, operation: "list", errno: errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = entryName(entry)
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// Appends `bytes` to `path` in one write (creating it), so a killed process never leaves half a line.
    public static func append(_ bytes: [UInt8], to path: String) throws(Failure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(path: path, operation: "open for append", errno: errno) }
        defer { close(fd) }
        let n = bytes.withUnsafeBytes { raw in raw.baseAddress.map { Glibc.write(fd, $0, raw.count) } ?? 0 }
        guard n == bytes.count else { throw Failure(path: path, operation: "append", errno: n < 0 ? errno : EIO) }
    }

    /// Creates `path` and its parents when missing.
    public static func makeDirectory(_ path: String) throws(Failure) {
        if isDirectory(path) { return }
        let parent = parentDirectory(of: path)
        if parent != path, !parent.isEmpty { try makeDirectory(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw Failure(path: path, operation: "create directory", errno: errno) }
    }

    /// Writes `bytes` so that a reader, or a crash at any moment, sees either the old file or the whole new one:
    /// a temporary file in the same directory, fsync, rename over the target, fsync of the directory.
    public static func writeAtomically(_ bytes: [UInt8], to path: String, sync: Bool = true) throws(Failure) {
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try writeTemporary(bytes, to: temporary, replacing: path, sync: sync)
        guard rename(temporary, path) == 0 else {
            let failure = Failure(path: path, operation: "replace", errno: errno)
            unlink(temporary)
            throw failure
        }
        if sync { syncDirectory(parentDirectory(of: path)) }
    }

    /// Writes `bytes` to a new file `temporary` (replacing a leftover one) for a later rename over `target`,
    /// fsynced when `sync`; refuses when `target` exists and is not a regular file (renaming over a device,
    /// FIFO or directory would replace it — as root, even /dev/null). Leaves no temporary when it throws.
    public static func writeTemporary(_ bytes: [UInt8], to temporary: String, replacing target: String, sync: Bool = false) throws(Failure) {
        var existing = stat()
        if lstat(target, &existing) == 0, (existing.st_mode & S_IFMT) != S_IFREG {
            throw Failure(path: target, operation: "replace (it exists and is not a regular file)", errno: EEXIST)
        }
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(path: temporary, operation: "create", errno: errno) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in raw.baseAddress.map { Glibc.write(fd, $0 + offset, raw.count - offset) } ?? 0 }
            if n < 0 {
                if errno == EINTR { continue }
                let failure = Failure(path: temporary, operation: "write", errno: errno)
                close(fd)
                unlink(temporary)
                throw failure
            }
            offset += n
        }
        if sync && fsync(fd) != 0 {
            let failure = Failure(path: temporary, operation: "sync", errno: errno)
            close(fd)
            unlink(temporary)
            throw failure
        }
        close(fd)
    }

    /// fsync on a directory makes a rename inside it durable.
    public static func syncDirectory(_ directory: String) {
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// `a/b/c.json` → `a/b`; `c.json` → `.`.
    public static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
