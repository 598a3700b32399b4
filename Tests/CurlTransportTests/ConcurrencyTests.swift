import CurlTransport
import Foundation
import TestSupport
import Testing

@Suite("Concurrency, cancellation and shutdown")
struct ConcurrencyTests {
    @Test("50 concurrent fetches to one host all succeed within the per-host connection limit")
    func manyConcurrent() async throws {
        let configuration = testConfiguration(maxConnectionsPerHost: 3, maxConcurrentTransfers: 64)
        try await withServerAndClient(
            configuration,
            handler: { request, connection in
                _ = connection.pause(0.02)
                connection.respond(200, text: "doc \(request.query)")
            }
        ) { server, client in
            let bodies = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for index in 0..<50 {
                    group.addTask {
                        let response = try await client.fetch(TransportRequest(url: server.url("/doc?\(index)")))
                        return (index, String(decoding: response.body, as: UTF8.self))
                    }
                }
                var bodies: [Int: String] = [:]
                for try await (index, body) in group { bodies[index] = body }
                return bodies
            }
            #expect(bodies.count == 50)
            #expect(bodies.allSatisfy { $0.value == "doc \($0.key)" })
            let stats = server.stats.withLock { $0 }
            #expect(stats.requestsByPath["/doc"] == 50)
            #expect(stats.maxOpenConnections <= 3)
            // …and the limit was used: transfers really ran side by side.
            #expect(stats.maxRequestsInFlight >= 2)
            // Keep-alive: connections were reused rather than one per request.
            #expect(stats.acceptedConnections <= 6)
        }
    }

    @Test("Transfers waiting for a per-host slot do not use up their time limit while they wait")
    func queuedTransfersKeepTheirTime() async throws {
        // 8 transfers of 0.3 s through one connection take 2.4 s in all, more than the 1 s limit of each.
        let configuration = testConfiguration(
            maxConnectionsPerHost: 1, maxConcurrentTransfers: 16, limits: testLimits(totalTimeout: .seconds(1)))
        try await withServerAndClient(
            configuration,
            handler: { _, connection in
                _ = connection.pause(0.3)
                connection.respond(200, text: "ok")
            }
        ) { server, client in
            let failures = await withTaskGroup(of: TransportError?.self) { group in
                for index in 0..<8 {
                    group.addTask { await fetchError(client, TransportRequest(url: server.url("/one?\(index)"))) }
                }
                var failures: [TransportError] = []
                for await error in group { if let error { failures.append(error) } }
                return failures
            }
            #expect(failures.isEmpty, "\(failures)")
            #expect(server.requests("/one") == 8)
            #expect(server.stats.withLock { $0.maxOpenConnections } == 1)
        }
    }

    @Test("The global limit caps transfers in flight; the rest wait in the queue")
    func globalLimit() async throws {
        let configuration = testConfiguration(maxConnectionsPerHost: 10, maxConcurrentTransfers: 2)
        try await withServerAndClient(
            configuration,
            handler: { _, connection in
                _ = connection.pause(0.05)
                connection.respond(200, text: "ok")
            }
        ) { server, client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<10 {
                    group.addTask { _ = try await client.fetch(TransportRequest(url: server.url("/q"))) }
                }
                try await group.waitForAll()
            }
            let stats = server.stats.withLock { $0 }
            #expect(stats.requestsByPath["/q"] == 10)
            #expect(stats.maxRequestsInFlight <= 2)
        }
    }

    @Test("Cancelling an in-flight fetch returns promptly with .cancelled")
    func cancelInFlight() async throws {
        let limits = testLimits(totalTimeout: .seconds(20))
        try await withServerAndClient(
            testConfiguration(maxAttempts: 3, limits: limits),
            handler: { _, connection in
                connection.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npart")
                _ = connection.pause(30)
            }
        ) { server, client in
            let task = Task { await fetchError(client, TransportRequest(url: server.url("/stall"))) }
            // Wait until the request is at the server, so the transfer is really running.
            let start = ContinuousClock.now
            while server.requests("/stall") == 0, seconds(since: start) < 5 {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(server.requests("/stall") == 1)
            let cancelledAt = ContinuousClock.now
            task.cancel()
            let error = await task.value
            #expect(error?.code == .cancelled)
            #expect(seconds(since: cancelledAt) < 1)
            #expect(server.requests("/stall") == 1)
        }
    }

    @Test("Cancelling a queued fetch returns promptly without ever reaching the server")
    func cancelQueued() async throws {
        let configuration = testConfiguration(maxConcurrentTransfers: 1, limits: testLimits(totalTimeout: .seconds(20)))
        try await withServerAndClient(
            configuration,
            handler: { _, connection in
                _ = connection.pause(30)
            }
        ) { server, client in
            let blocker = try await occupyTheOnlySlot(client, server)
            let queued = Task { await fetchError(client, TransportRequest(url: server.url("/queued"))) }
            try await Task.sleep(for: .milliseconds(100))
            let cancelledAt = ContinuousClock.now
            queued.cancel()
            let error = await queued.value
            #expect(error?.code == .cancelled)
            #expect(seconds(since: cancelledAt) < 1)
            #expect(server.requests("/queued") == 0)
            blocker.cancel()
            #expect(await blocker.value?.code == .cancelled)
        }
    }

    @Test("A fetch from an already-cancelled task fails at once, even behind a full queue")
    func alreadyCancelled() async throws {
        let configuration = testConfiguration(maxConcurrentTransfers: 1, limits: testLimits(totalTimeout: .seconds(20)))
        try await withServerAndClient(
            configuration,
            handler: { _, connection in
                _ = connection.pause(30)
            }
        ) { server, client in
            let blocker = try await occupyTheOnlySlot(client, server)
            let late = Task {
                // Cancelled before fetch starts: withTaskCancellationHandler runs onCancel first.
                withUnsafeCurrentTask { $0?.cancel() }
                return await fetchError(client, TransportRequest(url: server.url("/late")))
            }
            let lateStart = ContinuousClock.now
            #expect(await late.value?.code == .cancelled)
            #expect(seconds(since: lateStart) < 1)
            #expect(server.requests("/late") == 0)
            blocker.cancel()
            #expect(await blocker.value?.code == .cancelled)
        }
    }

    @Test("One hostile URL in a batch costs only that URL")
    func hostileInBatch() async throws {
        let limits = testLimits(totalTimeout: .seconds(2))
        try await withServerAndClient(
            testConfiguration(limits: limits),
            handler: { request, connection in
                switch request.path {
                case "/endless":
                    connection.keepAlive = false
                    connection.write("HTTP/1.1 200 OK\r\n\r\n")
                    let chunk = [UInt8](repeating: 0, count: 16 << 10)
                    while connection.write(chunk) {}
                case "/stall":
                    _ = connection.pause(30)
                default:
                    connection.respond(200, text: "good \(request.query)")
                }
            }
        ) { server, client in
            let paths = (0..<20).map { "/good?\($0)" } + ["/endless", "/stall"]
            let results = await withTaskGroup(of: (String, Result<TransportResponse, TransportError>).self) { group in
                for path in paths {
                    group.addTask {
                        do throws(TransportError) {
                            return (path, .success(try await client.fetch(TransportRequest(url: server.url(path)))))
                        } catch {
                            return (path, .failure(error))
                        }
                    }
                }
                var results: [String: Result<TransportResponse, TransportError>] = [:]
                for await (path, result) in group { results[path] = result }
                return results
            }
            for index in 0..<20 {
                let response = try #require(try? results["/good?\(index)"]?.get())
                #expect(String(decoding: response.body, as: UTF8.self) == "good \(index)")
            }
            #expect(throws: TransportError.self) { try results["/endless"]?.get() }
            if case .failure(let error) = results["/endless"] { #expect(error.code == .bodyTooLarge) }
            if case .failure(let error) = results["/stall"] { #expect(error.code == .timedOut) }
            #expect(throws: TransportError.self) { try results["/stall"]?.get() }
        }
    }

    @Test("shutdown() fails running fetches, and later fetches, with .clientShutDown")
    func shutdownFailsFetches() async throws {
        let server = try TestHTTPServer(handler: { _, connection in _ = connection.pause(30) })
        defer { server.stop() }
        let client = try CurlClient(configuration: testConfiguration(limits: testLimits(totalTimeout: .seconds(20))))
        let running = Task { await fetchError(client, TransportRequest(url: server.url("/slow"))) }
        let start = ContinuousClock.now
        while server.requests("/slow") == 0, seconds(since: start) < 5 {
            try await Task.sleep(for: .milliseconds(10))
        }
        client.shutdown()
        #expect(await running.value?.code == .clientShutDown)
        #expect(await fetchError(client, TransportRequest(url: server.url("/after")))?.code == .clientShutDown)
        #expect(server.requests("/after") == 0)
        client.shutdown()  // idempotent
    }

    /// Starts a fetch of `/blocker` (which the server never answers) and waits until it reached the server,
    /// so that it holds the client's only transfer slot.
    private func occupyTheOnlySlot(_ client: CurlClient, _ server: TestHTTPServer) async throws -> Task<TransportError?, Never> {
        let blocker = Task { await fetchError(client, TransportRequest(url: server.url("/blocker"))) }
        let start = ContinuousClock.now
        while server.requests("/blocker") == 0, seconds(since: start) < 5 {
            try await Task.sleep(for: .milliseconds(10))
        }
        return blocker
    }
}
