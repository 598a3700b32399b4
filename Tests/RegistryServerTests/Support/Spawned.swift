import Foundation
import TestSupport

/// A helper process (python's static server, the browser driver, the CLI) whose output is collected as it
/// comes; stopped with SIGKILL and awaited through its termination handler, never with `waitUntilExit`.
final class Spawned: Sendable {
    private let process: Process
    private let collected = Locked("")
    private let exited: AsyncStream<Int32>

    init(_ executable: String, _ arguments: [String], directory: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let sink = collected
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                return
            }
            sink.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { p in
            continuation.yield(p.terminationStatus)
            continuation.finish()
        }
        self.exited = stream
        self.process = process
        try process.run()
    }

    /// Everything printed so far.
    var output: String { collected.withLock { $0 } }

    var pid: Int32 { process.processIdentifier }

    /// Waits (at most `seconds`) until the output contains `text`; the output then, or nil.
    func waitFor(_ text: String, seconds: Double = 20) async throws -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let now = output
            if now.contains(text) { return now }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// The exit status, waiting at most `seconds` before killing it.
    func exitStatus(within seconds: Double) async -> Int32 {
        let stream = exited
        return await withTaskGroup(of: Int32?.self) { group in
            group.addTask {
                for await status in stream { return status }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return nil
            }
            var result: Int32 = -1
            if let first = await group.next(), let status = first {
                result = status
            } else {
                kill(self.pid, SIGKILL)
            }
            group.cancelAll()
            return result
        }
    }

    /// SIGKILL, then wait for the termination handler (bounded).
    func stop() async {
        kill(process.processIdentifier, SIGKILL)
        _ = await exitStatus(within: 10)
    }
}
