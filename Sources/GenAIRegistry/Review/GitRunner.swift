import Foundation

/// Runs `git` in a directory with a time limit, capturing output through files (so a large `git show`
/// cannot deadlock on a full pipe) and never through a shell.
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
        return path.split(separator: ":").map { "\($0)/git" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Standard output of `git ARGS`; a non-zero exit is a failure carrying git's own message.
    public func run(_ arguments: [String]) throws(Failure) -> [UInt8] {
        guard let git = Self.executable else { throw Failure(message: "git is not installed (no git on PATH)") }
        let scratch = NSTemporaryDirectory() + "genai-registry-git-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: scratch + ".out", contents: nil),
              FileManager.default.createFile(atPath: scratch + ".err", contents: nil),
              let out = FileHandle(forWritingAtPath: scratch + ".out"), let err = FileHandle(forWritingAtPath: scratch + ".err")
        else { throw Failure(message: "cannot create temporary files in \(NSTemporaryDirectory())") }
        defer {
            try? FileManager.default.removeItem(atPath: scratch + ".out")
            try? FileManager.default.removeItem(atPath: scratch + ".err")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: git)
        // No pager, no colour, no prompts, paths as they are: output meant for a program.
        process.arguments = ["-C", directory, "-c", "core.quotepath=off", "-c", "color.ui=never", "--no-pager"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C"
        process.environment = environment
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do { try process.run() } catch { throw Failure(message: "cannot run git: \(error.localizedDescription)") }
        if done.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            done.wait()
            throw Failure(message: "git \(arguments.first ?? "") took longer than \(Int(timeout)) s and was stopped")
        }
        try? out.close()
        try? err.close()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOfFile: scratch + ".err", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            throw Failure(message: message.isEmpty ? "git \(arguments.first ?? "") failed (exit \(process.terminationStatus))" : message)
        }
        return (try? Array(Data(contentsOf: URL(fileURLWithPath: scratch + ".out")))) ?? []
    }
}
