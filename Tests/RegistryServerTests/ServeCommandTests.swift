import Foundation
import RegistryJSON
import TestSupport
import Testing

/// The `serve` and `publish` commands of the built binary.
@Suite(.timeLimit(.minutes(1)))
struct ServeCommandTests {
    @Test func serveAnswersLogsRequestsAndStopsOnSIGTERM() async throws {
        let registry = try sampleRegistry()
        let serve = try Spawned(CLIRunner.binary, ["serve", "--registry", registry.root, "--port", "0", "--as-of", "2026-11-21"])
        let started = try #require(try await serve.waitFor("on http://"), "serve did not start: \(serve.output)")
        let port = try #require(started.split(separator: ":").last.map { $0.prefix { $0.isNumber } })
        let client = ServiceClient(port: try #require(Int(port)))
        let verdict = try await client.get("/v1/tools/alpha-writer/verdict")
        #expect(verdict.status == 200)
        #expect(try verdict.json()["verdict"] == .string("compliant"))
        kill(serve.pid, SIGTERM)
        #expect(await serve.exitStatus(within: 15) == 0, "graceful shutdown on SIGTERM")
        let log = serve.output
        #expect(log.contains("method=GET"))
        #expect(log.contains("path=/v1/tools/alpha-writer/verdict"))
        #expect(log.contains("status=200"))
        #expect(log.contains("duration_ms="))
    }

    @Test(
        "--format json is refused by serve and publish rather than silently ignored",
        arguments: [
            ["serve", "--port", "0"], ["publish", NSTemporaryDirectory() + "publish-format-\(UUID().uuidString)"],
        ])
    func formatIsRefused(arguments: [String]) throws {
        let registry = try sampleRegistry()
        let result = try CLIRunner.run(arguments + ["--registry", registry.root, "--format", "json"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--format does not apply to \(arguments[0])"), "\(result.stderr)")
        if arguments[0] == "publish" { #expect(!FileManager.default.fileExists(atPath: arguments[1]), "nothing published") }
    }

    @Test func publishWritesTheSite() throws {
        let registry = try sampleRegistry()
        let out = NSTemporaryDirectory() + "publish-cli-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLIRunner.run(["publish", out, "--registry", registry.root])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("published 3 tools"))
        for file in ["index.html", "static/app.js", "v1/index.json", "v1/tools.json", "v1/tools/gamma-voice/assessment.json"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file)")
        }
    }
}
