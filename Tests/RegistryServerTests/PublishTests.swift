import Foundation
import RegistryServer
import TestSupport
import Testing

/// `publish` writes the same answers `serve` gives, and a plain static server serves them unchanged.
@Suite(.timeLimit(.minutes(2)))
struct PublishTests {
    func scratch() -> String { NSTemporaryDirectory() + "publish-test-\(UUID().uuidString)" }

    @Test func aStaticServerOfThePublishedFolderAnswersLikeServe() async throws {
        let registry = try sampleRegistry()
        let configuration = testConfiguration(registry)
        let parent = scratch()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let out = parent + "/site"
        let served = await RegistryHolder.load(configuration).current()
        let publisher = Publisher(site: Site(registry: served, configuration: configuration))
        let count = try publisher.publish(to: out)
        let paths = publisher.files().map(\.path)
        #expect(count == paths.count)
        #expect(paths.contains("v1/tools/beta-chat/verdict.json"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["site"], "no staging folder left behind")

        let python = try Spawned("/usr/bin/env", ["python3", "-u", "-m", "http.server", "--bind", "127.0.0.1", "--directory", out, "0"])
        do {
            try await compare(paths, staticServer: python, configuration: configuration)
        } catch {
            await python.stop()
            throw error
        }
        await python.stop()
    }

    /// Every published path from the static server against `serve`'s answer at the same path.
    func compare(_ paths: [String], staticServer python: Spawned, configuration: ServerConfiguration) async throws {
        let banner = try #require(try await python.waitFor(") ..."), "python's static server did not start: \(python.output)")
        let port = try #require(banner.split(separator: " ").firstIndex(of: "port").map { banner.split(separator: " ")[$0 + 1] })
        let staticClient = ServiceClient(port: try #require(Int(port)))

        try await withServer(configuration) { client in
            for path in paths {
                let fromStatic = try await staticClient.get("/" + path)
                #expect(fromStatic.status == 200, "\(path) from the static server")
                if path == "index.html" {
                    // The only difference: who answers the use-case form (the script, from the JSON files).
                    let page = try await client.get("/")
                    let expected = page.text.replacingOccurrences(of: "data-mode=\"server\"", with: "data-mode=\"published\"")
                    #expect(fromStatic.text == expected)
                } else {
                    let fromServe = try await client.get("/" + path)
                    #expect(fromServe.status == 200, "\(path) from serve")
                    #expect(fromStatic.body == fromServe.body, "\(path) differs between publish and serve")
                }
            }
        }
    }

    @Test func publishingReplacesOnlyAnEarlierPublication() async throws {
        let registry = try sampleRegistry()
        let configuration = testConfiguration(registry)
        let served = await RegistryHolder.load(configuration).current()
        let publisher = Publisher(site: Site(registry: served, configuration: configuration))
        let parent = scratch()
        defer { try? FileManager.default.removeItem(atPath: parent) }

        // Republishing replaces the old copy whole (a file only the old one had is gone).
        try publisher.publish(to: parent + "/site")
        try "stale".write(toFile: parent + "/site/v1/tools/old-tool.json", atomically: true, encoding: .utf8)
        try publisher.publish(to: parent + "/site")
        #expect(!FileManager.default.fileExists(atPath: parent + "/site/v1/tools/old-tool.json"))
        #expect(FileManager.default.fileExists(atPath: parent + "/site/v1/tools/alpha-writer/verdict.json"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).sorted() == ["site"])

        // A folder that holds something else is never replaced.
        try FileManager.default.createDirectory(atPath: parent + "/precious", withIntermediateDirectories: true)
        try "keep me".write(toFile: parent + "/precious/notes.txt", atomically: true, encoding: .utf8)
        #expect(throws: Publisher.Failure.self) { try publisher.publish(to: parent + "/precious") }
        #expect(try String(contentsOfFile: parent + "/precious/notes.txt", encoding: .utf8) == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).sorted() == ["precious", "site"])
    }
}
