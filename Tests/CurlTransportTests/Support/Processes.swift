import Foundation
import Glibc
import TestSupport

enum ToolError: Error, CustomStringConvertible {
    case failed(String, Int32)
    case timedOut(String)
    var description: String {
        switch self {
        case .failed(let tool, let status): "\(tool) exited with status \(status)"
        case .timedOut(let what): "timed out waiting for \(what)"
        }
    }
}

/// Runs a command-line tool to completion without blocking a cooperative thread (no waitUntilExit:
/// waiting blocks a thread the test runner needs); throws unless it exits 0.
func runTool(_ tool: String, _ arguments: [String], in directory: URL? = nil) async throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    if let directory { process.currentDirectoryURL = directory }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
        do {
            try process.run()
        } catch {
            process.terminationHandler = nil
            continuation.resume(throwing: error)
        }
    }
    guard status == 0 else { throw ToolError.failed(([tool] + arguments).joined(separator: " "), status) }
}

/// A long-running helper process that is always killed with SIGKILL and reaped through its
/// terminationHandler: children spawned from Dispatch threads have SIGTERM blocked.
final class ChildProcess: Sendable {
    private let process: Process
    private let exited: AsyncStream<Void>

    init(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        // The child exits when this pipe reaches EOF, i.e. also when the test process dies without stop().
        process.standardInput = Pipe()
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        process.terminationHandler = { _ in
            continuation.yield()
            continuation.finish()
        }
        try process.run()
        self.process = process
        self.exited = stream
    }

    /// Kills the child and waits until it has been reaped.
    func stop() async {
        kill(process.processIdentifier, SIGKILL)
        for await _ in exited {}
    }
}

/// Polls for a file another process writes atomically (rename), e.g. a port number; ≤ `timeout` seconds.
func waitForFile(_ path: String, timeout: Double = 10) async throws -> String {
    let start = ContinuousClock.now
    while seconds(since: start) < timeout {
        if let text = try? String(contentsOfFile: path, encoding: .utf8), !text.isEmpty { return text }
        try await Task.sleep(for: .milliseconds(20))
    }
    throw ToolError.timedOut(path)
}

/// A fresh temporary directory for one test's files.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("curltransport-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
