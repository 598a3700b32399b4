public import Foundation

/// Runs the built `genai-registry` binary the way a user or a cron job does, and captures what it prints.
public enum CLIRunner {
    /// What one run printed and how it exited.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The binary next to the test bundle (the test target depends on the executable, so it is built).
    public static var binary: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // On macOS the test binary sits inside an .xctest bundle.
        while dir.path.contains(".xctest") { dir.deleteLastPathComponent() }
        return dir.appendingPathComponent("genai-registry").path
    }

    /// A `genai-registry` process started in the background, to be killed or waited for.
    public final class Running: @unchecked Sendable {
        // @unchecked: `process` is only touched through its thread-safe API; `done` is a semaphore.
        let process: Process
        let done: DispatchSemaphore
        let scratch: String

        init(process: Process, done: DispatchSemaphore, scratch: String) {
            self.process = process
            self.done = done
            self.scratch = scratch
        }

        /// The process id (the same after `genai-registry` execs its sibling).
        public var pid: Int32 { process.processIdentifier }

        /// Waits (at most `timeout` seconds) until the process has stopped itself (SIGSTOP); false if it did not.
        public func waitUntilStopped(timeout: TimeInterval = 60) -> Bool {
            let deadline = Date(timeIntervalSinceNow: timeout)
            while Date() < deadline {
                // /proc/PID/stat: "pid (comm) S …"; the state follows the last ')'.
                guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                    let close = stat.lastIndex(of: ")")
                else { return false }
                let state = stat[stat.index(after: close)...].drop(while: { $0 == " " }).first
                if state == "T" || state == "t" { return true }
                if state == "Z" || state == "X" { return false }
                usleep(2_000)
            }
            return false
        }

        /// SIGKILL — what a crash, the OOM killer or `kill -9` does.
        public func kill() { Foundation.kill(process.processIdentifier, SIGKILL) }

        /// Waits (at most `timeout` seconds, then SIGKILL) and returns what it printed and how it exited.
        public func wait(timeout: TimeInterval = 60) -> Result {
            if done.wait(timeout: .now() + timeout) == .timedOut {
                kill()
                done.wait()
            }
            defer {
                try? FileManager.default.removeItem(atPath: scratch + ".out")
                try? FileManager.default.removeItem(atPath: scratch + ".err")
            }
            return Result(
                status: process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus,
                stdout: (try? String(contentsOfFile: scratch + ".out", encoding: .utf8)) ?? "",
                stderr: (try? String(contentsOfFile: scratch + ".err", encoding: .utf8)) ?? "")
        }
    }

    /// Starts `genai-registry ARGS` without waiting for it.
    public static func start(_ arguments: [String], environment: [String: String] = [:], in directory: String? = nil) throws -> Running {
        let scratch = NSTemporaryDirectory() + "cli-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: scratch + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: scratch + ".err", contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        // An inherited NO_COLOR would hide whether the CLI itself keeps colour off a pipe.
        env["NO_COLOR"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".err"))
        process.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        return Running(process: process, done: done, scratch: scratch)
    }

    /// Runs `genai-registry ARGS` with `environment` added, in `directory`; output goes through files, so
    /// nothing can deadlock on a full pipe, and a run is bounded to `timeout` seconds.
    public static func run(_ arguments: [String], environment: [String: String] = [:], in directory: String? = nil, timeout: TimeInterval = 60) throws
        -> Result
    {
        try start(arguments, environment: environment, in: directory).wait(timeout: timeout)
    }
}
