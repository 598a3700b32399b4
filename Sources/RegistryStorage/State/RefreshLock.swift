import Glibc

/// The lock one refresh holds on `state/.lock` (flock): a second refresh waits or says so.
/// The kernel releases it when the process dies, however it dies, so a killed refresh never blocks the next.
public final class RefreshLock: Sendable {
    private let fd: Int32

    /// Takes the lock; with `wait` false and another refresh running, throws `busy`.
    public init(path: String, wait: Bool) throws(LockError) {
        do { try FileIO.makeDirectory(FileIO.parentDirectory(of: path)) } catch { throw .io(error) }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(FileIO.Failure(path: path, operation: "open the lock file", errno: errno)) }
        while flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            if errno == EINTR { continue }
            let e = errno
            close(fd)
            if e == EWOULDBLOCK { throw .busy(path) }
            throw .io(FileIO.Failure(path: path, operation: "lock", errno: e))
        }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Why the lock was not taken.
    public enum LockError: Error, Sendable, CustomStringConvertible {
        case busy(String)
        case io(FileIO.Failure)

        public var description: String {
            switch self {
            case .busy(let path): "another refresh is running (it holds \(path)); wait for it, or pass --wait"
            case .io(let failure): failure.description
            }
        }
    }
}
