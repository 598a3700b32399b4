import Glibc

/// Writes a private key file: created new (never over an existing key), readable by its owner only.
public enum PrivateKeyFile {
    /// Creates `path` with mode 0600 and writes `bytes`; fails with EEXIST when the file is already there.
    public static func create(_ bytes: [UInt8], at path: String) throws(FileIO.Failure) {
        // O_EXCL makes "refuse to overwrite" race-free; the mode is set at creation, so the key is never
        // readable by others, not even for a moment.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileIO.Failure(path: path, operation: "create", errno: errno) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in raw.baseAddress.map { write(fd, $0 + offset, raw.count - offset) } ?? 0 }
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno
                close(fd)
                unlink(path)
                throw FileIO.Failure(path: path, operation: "write", errno: e)
            }
            offset += n
        }
        if fsync(fd) != 0 {
            let e = errno
            close(fd)
            unlink(path)
            throw FileIO.Failure(path: path, operation: "sync", errno: e)
        }
        close(fd)
        FileIO.syncDirectory(FileIO.parentDirectory(of: path))
    }
}
