import FoundationEssentials
import Glibc
import RegistryDomain
import RegistryStorage

/// Runs `git` in a directory with a time limit, capturing output through files (so a large `git show`
/// cannot deadlock on a full pipe) and never through a shell.
///
/// Spawned with `posix_spawn` rather than Foundation's `Process`: the `genai-registry` binary stays on
/// FoundationEssentials, which keeps every lookup's start-up free of libFoundation and ICU.
public struct GitRunner: Sendable {
    /// Why git gave no answer: not installed, not a repository, timed out, or failed.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public let directory: String
    public let timeout: Double

    public init(directory: String, timeout: Double = 20) {
        self.directory = directory
        self.timeout = timeout
    }

    /// The git executable on PATH, if any.
    static var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/git" }.first { access($0, X_OK) == 0 && FileIO.isFile($0) }
    }

    /// Standard output of `git ARGS`; a non-zero exit is a failure carrying git's own message.
    public func run(_ arguments: [String]) throws(Failure) -> [UInt8] {
        guard let git = Self.executable else { throw Failure(message: "git is not installed (no git on PATH)") }
        let scratch = ScratchFiles()
        guard let scratch else { throw Failure(message: "cannot create temporary files in \(ScratchFiles.directory)") }
        defer { scratch.remove() }
        // No pager, no colour, no prompts, paths as they are: output meant for a program.
        let argv = [git, "-C", directory, "-c", "core.quotepath=off", "-c", "color.ui=never", "--no-pager"] + arguments
        var variables = ProcessInfo.processInfo.environment
        variables["GIT_TERMINAL_PROMPT"] = "0"
        variables["LC_ALL"] = "C"
        let environment = variables.map { "\($0.key)=\($0.value)" }
        let pid: pid_t
        do { pid = try Spawn.start(argv, environment: environment, stdout: scratch.out, stderr: scratch.err) } catch {
            throw Failure(message: "cannot run git: \(error)")
        }
        guard let status = Spawn.wait(pid, timeout: timeout) else {
            throw Failure(message: "git \(arguments.first ?? "") took longer than \(Int(timeout)) s and was stopped")
        }
        guard status == 0 else {
            let message = String(decoding: (try? FileIO.read(scratch.err)) ?? [], as: UTF8.self).trimmingWhitespace()
            throw Failure(message: message.isEmpty ? "git \(arguments.first ?? "") failed (exit \(status))" : message)
        }
        return (try? FileIO.read(scratch.out)) ?? []
    }
}

/// Two fresh, private temporary files for a child's output.
private struct ScratchFiles {
    static var directory: String { ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp" }
    let out: String
    let err: String

    init?() {
        guard let out = Self.make(), let err = Self.make() else { return nil }
        self.out = out
        self.err = err
    }

    func remove() {
        unlink(out)
        unlink(err)
    }

    private static func make() -> String? {
        var template = Array("\(directory)/genai-registry-git-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        close(fd)
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
