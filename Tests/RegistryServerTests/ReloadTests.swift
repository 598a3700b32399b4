import Foundation
import RegistryDomain
import RegistryJSON
import RegistryServer
import RegistryStorage
import ServiceLifecycle
import TestSupport
import Testing

/// Registry changes are served without a restart, and only whole.
@Suite(.timeLimit(.minutes(2)))
struct ReloadTests {
    /// The reloader is a service of its own: it swaps a change in with no request asking, and it ends when its
    /// service group shuts down gracefully (as `serve` does on SIGTERM).
    @Test func theReloaderSwapsWithoutRequestsAndStopsOnGracefulShutdown() async throws {
        let registry = try sampleRegistry()
        let store = registry.store
        let holder = await RegistryHolder.load(testConfiguration(registry, recheck: .milliseconds(50)))
        let group = ServiceGroup(configuration: .init(services: [RegistryReloader(holder: holder)], logger: testLogger(nil)))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            #expect(holder.current().generation == 1)
            var changed = try store.tool(id: "alpha-writer")
            changed.terms.training = Training(inputs: .always, outputs: .always)
            try store.write(changed, schema: RegistrySchemas.tool, to: store.toolPath("alpha-writer"))
            #expect(try await eventually { holder.current().verdicts["alpha-writer"]?.verdict == .noncompliant })
            #expect(holder.current().generation == 2)
            await group.triggerGracefulShutdown()
            // The group's run returns once the reloader has ended (the suite's time limit bounds the wait).
            try await tasks.waitForAll()
        }
    }

    @Test func aChangedRecordIsServedWithoutRestart() async throws {
        let registry = try sampleRegistry()
        let store = registry.store
        try await withServer(testConfiguration(registry, recheck: .milliseconds(100))) { client in
            #expect(try await client.get("/v1/tools/alpha-writer/verdict").json()["verdict"] == .string("compliant"))
            // A refresh or a pull makes the tool train on content: it must become noncompliant.
            var changed = try store.tool(id: "alpha-writer")
            changed.terms.training = Training(inputs: .always, outputs: .always)
            try store.write(changed, schema: RegistrySchemas.tool, to: store.toolPath("alpha-writer"))
            let seen = try await eventually {
                try await client.get("/v1/tools/alpha-writer/verdict").json()["verdict"] == .string("noncompliant")
            }
            #expect(seen)
            let health = try await client.get("/v1/health").json()
            #expect(health["generation"] == .number("2"))
            // Beta's alternatives no longer include the now noncompliant tool: the whole registry was re-evaluated.
            #expect(try await client.get("/v1/tools/beta-chat/verdict").json()["alternatives"] == .array([]))

            // A new tool appears; a removed one goes.
            var added = Fixture.compliant(id: "delta-new")
            added.name = "Delta New"
            try store.write(added, schema: RegistrySchemas.tool, to: store.toolPath("delta-new"))
            try FileManager.default.removeItem(atPath: store.toolPath("gamma-voice"))
            #expect(try await eventually { try await client.get("/v1/tools/delta-new/verdict").status == 200 })
            #expect(try await client.get("/v1/tools/gamma-voice/verdict").status == 404)
        }
    }

    /// An edit that breaks the registry is not served: the last good reading stays, the health answer and the
    /// page say so, the log says so once; the next good edit is served as usual.
    @Test(arguments: ["policy.json", "tools/alpha-writer.json"])
    func aBrokenEditKeepsTheLastGoodRegistry(_ file: String) async throws {
        let registry = try sampleRegistry()
        let original = try registry.text(file)
        let path = registry.root + "/" + file
        let log = Locked<[String]>([])
        try await withServer(testConfiguration(registry, recheck: .milliseconds(50)), log: log) { client in
            #expect(try await client.get("/v1/tools/alpha-writer/verdict").json()["verdict"] == .string("compliant"))
            // A stray comma, as a hand edit leaves it.
            let broken = original.replacingOccurrences(of: "{", with: "{,", options: [], range: original.range(of: "{"))
            try FileIO.writeAtomically(Array(broken.utf8), to: path, sync: false)
            #expect(try await eventually { try await client.get("/v1/health").json()["heldBack"] != .null })
            let health = try await client.get("/v1/health")
            #expect(health.status == 200)
            let json = try health.json()
            #expect(json["status"] == .string("degraded"))
            #expect(json["servingAsOf"] == .string(testNow.description))
            let problem = json["problem"]?.stringValue ?? ""
            #expect(problem.hasPrefix("serving the registry as of \(testNow)"), "\(problem)")
            #expect(problem.contains("\(file) is invalid: "), "\(problem)")
            // Every endpoint still answers from the last good registry.
            #expect(try await client.get("/v1/tools/alpha-writer/verdict").json()["verdict"] == .string("compliant"))
            #expect(try await client.get("/v1/tools").json()["count"] == .number("3"))
            let page = try await client.get("/").text
            #expect(page.contains("serving the registry as of"), "the page says so")
            #expect(page.contains("\(file) is invalid"))
            // Logged once, however many requests came since.
            let errors = log.withLock { $0 }.filter { $0.contains("registry change not served") }
            #expect(errors.count == 1, "\(log.withLock { $0 })")
            #expect(errors.first?.contains("\(file) is invalid") == true)

            // Fixed: served again, and the health answer is clear.
            try FileIO.writeAtomically(Array(original.utf8), to: path, sync: false)
            #expect(try await eventually { try await client.get("/v1/health").json()["heldBack"] == .null })
            #expect(try await client.get("/v1/health").json()["status"] == .string("ok"))
            #expect(log.withLock { $0 }.contains { $0.contains("valid again") })
        }
    }

    /// A writer keeps flipping two records together (like a pull touching two files, 20 ms apart): in one
    /// state alpha is compliant and beta is not, in the other the reverse. Concurrent readers of the tool
    /// list must always see exactly one compliant — never one file old and the other new — and must see
    /// both states, so swaps really happened under load.
    @Test func concurrentReadersNeverSeeAMixedRegistry() async throws {
        let registry = try sampleRegistry()
        let store = registry.store
        @Sendable func write(state: Int) throws {
            for (id, trains) in [("alpha-writer", state % 2 == 1), ("beta-chat", state % 2 == 0)] {
                var record = try store.tool(id: id)
                record.terms.training = trains ? Training(inputs: .always, outputs: .always) : Training(inputs: .never, outputs: .never)
                // No fsync: the two files land about 20 ms apart, like a pull writing them (an fsync can take
                // longer than the server's quiet period on a loaded disk, which is a different scenario).
                let text = RecordCodec.canonicalText(record, schema: RegistrySchemas.tool)
                try FileIO.writeAtomically(Array(text.utf8), to: store.toolPath(id), sync: false)
                usleep(20_000)
            }
        }
        try write(state: 0)
        let seen = Locked<Set<String>>([])
        let mixed = Locked<[String]>([])
        let reads = Locked(0)
        var configuration = testConfiguration(registry, recheck: .milliseconds(20))
        // A wide margin over the 20 ms between the two files, so a loaded machine (tests run in parallel)
        // cannot stretch the gap past it.
        configuration.quietPeriod = .milliseconds(400)
        try await withServer(configuration) { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                let stop = Date().addingTimeInterval(4)
                group.addTask {
                    var state = 1
                    while Date() < stop {
                        try write(state: state)
                        state += 1
                        try await Task.sleep(for: .milliseconds(700))
                    }
                }
                // Four readers: enough to overlap swaps, without starving timing tests running beside this one.
                for _ in 0..<4 {
                    group.addTask {
                        while Date() < stop {
                            let list = try await client.get("/v1/tools").json()
                            var verdicts: [String: String] = [:]
                            for row in list["tools"]?.arrayValue ?? [] {
                                if let id = row["tool"]?.stringValue { verdicts[id] = row["verdict"]?.stringValue }
                            }
                            let pair = "\(verdicts["alpha-writer"] ?? "?")/\(verdicts["beta-chat"] ?? "?")"
                            if pair != "compliant/noncompliant" && pair != "noncompliant/compliant" {
                                let files =
                                    (try? ["alpha-writer", "beta-chat"].map { try store.tool(id: $0).terms.training.inputs?.rawValue ?? "nil" }) ?? []
                                mixed.withLock { $0.append(pair + " files now: \(files)") }
                            }
                            seen.withLock { _ = $0.insert(pair) }
                            reads.withLock { $0 += 1 }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        #expect(mixed.withLock { $0 }.isEmpty, "mixed states served: \(mixed.withLock { Set($0) })")
        #expect(seen.withLock { $0 }.count >= 2, "the registry never swapped during the test")
        #expect(reads.withLock { $0 } > 50)
    }
}
