import CurlTransport
import Foundation
import TestSupport
import Testing

/// Each hostile behaviour costs exactly one error, of the right kind, within the configured bounds.
@Suite("Hostile servers and limits")
struct LimitsTests {
    @Test("An endless body without Content-Length is cut off at the cap")
    func endlessBody() async throws {
        try await withServerAndClient(handler: { _, connection in
            connection.keepAlive = false
            connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n")
            let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 16 << 10)
            // Until the client hangs up (or the server stops): the client must not wait for an end.
            while connection.write(chunk) {}
        }) { server, client in
            let error = try #require(await fetchError(client, TransportRequest(url: server.url("/endless"))))
            #expect(error.code == .bodyTooLarge)
            #expect(!error.isTransient)
            #expect(error.description.contains("more than 64 KiB"))
        }
    }

    @Test("An announced Content-Length over the cap is rejected before the body is read")
    func announcedTooLarge() async throws {
        try await withServerAndClient(handler: { _, connection in
            connection.keepAlive = false
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 10485760\r\n\r\n")
            // Send nothing more: only the announcement can make the client give up before its time limit.
            _ = connection.pause(10)
        }) { server, client in
            let error = try #require(await fetchError(client, TransportRequest(url: server.url("/big"))))
            #expect(error.code == .bodyTooLarge)
        }
    }

    @Test("A body of exactly the cap is accepted")
    func bodyAtCap() async throws {
        try await withServerAndClient(handler: { _, connection in
            connection.respond(200, body: [UInt8](repeating: 7, count: 64 << 10))
        }) { server, client in
            let response = try await client.fetch(TransportRequest(url: server.url("/exact")))
            #expect(response.body.count == 64 << 10)
        }
    }

    @Test("A slow drip (slowloris) is abandoned by the minimum-speed rule")
    func slowDrip() async throws {
        let limits = testLimits(totalTimeout: .seconds(8), lowSpeedLimit: 1000, lowSpeedTime: .seconds(1))
        try await withServerAndClient(
            testConfiguration(limits: limits),
            handler: { _, connection in
                connection.write("HTTP/1.1 200 OK\r\nContent-Length: 10000\r\n\r\n")
                while connection.pause(0.1), connection.write("x") {}
            }
        ) { server, client in
            let start = ContinuousClock.now
            let error = try #require(await fetchError(client, TransportRequest(url: server.url("/drip"))))
            #expect(error.code == .tooSlow)
            #expect(error.isTransient)
            // Well before the 8 s total timeout: it was the speed rule that fired.
            #expect(seconds(since: start) < 6)
        }
    }

    @Test("A stalled server is abandoned at the total timeout", arguments: ["/before-headers", "/mid-body"])
    func stalled(path: String) async throws {
        let limits = testLimits(totalTimeout: .seconds(1))
        try await withServerAndClient(
            testConfiguration(limits: limits),
            handler: { request, connection in
                if request.path == "/mid-body" {
                    connection.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nfirst bytes")
                }
                _ = connection.pause(30)
            }
        ) { server, client in
            let start = ContinuousClock.now
            let error = try #require(await fetchError(client, TransportRequest(url: server.url(path))))
            #expect(error.code == .timedOut)
            #expect(error.isTransient)
            let elapsed = seconds(since: start)
            #expect(elapsed >= 0.9 && elapsed < 5)
        }
    }

    @Test("Huge response headers are rejected", arguments: ["/many", "/one-giant-line"])
    func hugeHeaders(path: String) async throws {
        try await withServerAndClient(handler: { request, connection in
            if request.path == "/many" {
                let filler = String(repeating: "h", count: 200)
                connection.respond(200, headers: (0..<200).map { ("X-Filler-\($0)", filler) }, text: "body")
            } else {
                // One 1 MiB line: libcurl's own per-line limit (100 KB) fires before the line reaches us.
                connection.keepAlive = false
                connection.write("HTTP/1.1 200 OK\r\nX-Giant: ")
                let chunk = [UInt8](repeating: UInt8(ascii: "g"), count: 64 << 10)
                for _ in 0..<16 where connection.write(chunk) {}
            }
        }) { server, client in
            let error = try #require(await fetchError(client, TransportRequest(url: server.url(path))))
            #expect(error.code == .headersTooLarge, "\(error)")
            #expect(!error.isTransient)
        }
    }

    @Test("A redirect loop stops at the redirect limit")
    func redirectLoop() async throws {
        try await withServerAndClient(handler: { _, connection in
            connection.respond(302, "Found", headers: [("Location", "/loop")])
        }) { server, client in
            let error = try #require(await fetchError(client, TransportRequest(url: server.url("/loop"))))
            #expect(error.code == .tooManyRedirects)
            // The first request plus maxRedirects (3) hops, and not one more.
            #expect(server.requests("/loop") == 4)
        }
    }

    @Test("Same-scheme redirects are followed and only the final response's headers are kept")
    func redirectsFollowed() async throws {
        try await withServerAndClient(handler: { request, connection in
            switch request.path {
            case "/hop1": connection.respond(301, "Moved", headers: [("Location", "/hop2"), ("ETag", "\"hop1\"")])
            case "/hop2": connection.respond(302, "Found", headers: [("Location", "/final"), ("X-Hop", "2")])
            default: connection.respond(200, headers: [("ETag", "\"final\"")], text: "arrived")
            }
        }) { server, client in
            let response = try await client.fetch(TransportRequest(url: server.url("/hop1")))
            #expect(String(decoding: response.body, as: UTF8.self) == "arrived")
            #expect(response.redirectCount == 2)
            #expect(response.effectiveURL == server.url("/final"))
            #expect(response.etag == "\"final\"")
            #expect(response.header("x-hop") == nil)
        }
    }

    @Test(
        "A redirect to another scheme is refused",
        arguments: ["file:///etc/passwd", "ftp://127.0.0.1:1/pub/file", "gopher://127.0.0.1:1/x"])
    func redirectToForbiddenScheme(target: String) async throws {
        try await withServerAndClient(handler: { _, connection in
            connection.respond(302, "Found", headers: [("Location", target)])
        }) { server, client in
            let error = try #require(await fetchError(client, TransportRequest(url: server.url("/jump"))))
            #expect(error.code == .forbiddenScheme)
            #expect(!error.isTransient)
            #expect(error.message.contains(target))
        }
    }

    @Test("A gzip bomb is stopped by the cap on decoded bytes")
    func gzipBomb() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bomb.gz").path
        // 16 MiB of zeros compress to about 16 KiB: well under the 64 KiB cap before decoding, far over after.
        let script = "import gzip, sys; open(sys.argv[1], 'wb').write(gzip.compress(bytes(16 << 20), 9))"
        try await runTool("python3", ["-c", script, path])
        let bomb = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bomb.count < 64 << 10)
        try await withServerAndClient(handler: { _, connection in
            connection.respond(200, headers: [("Content-Encoding", "gzip")], body: bomb)
        }) { server, client in
            let error = try #require(await fetchError(client, TransportRequest(url: server.url("/bomb"))))
            #expect(error.code == .bodyTooLarge)
        }
    }

    @Test("A gzip body within the cap is decoded")
    func gzipDecoded() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("small.gz").path
        let script = "import gzip, sys; open(sys.argv[1], 'wb').write(gzip.compress(b'a' * 5000))"
        try await runTool("python3", ["-c", script, path])
        let gzipped = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        try await withServerAndClient(handler: { _, connection in
            connection.respond(200, headers: [("Content-Encoding", "gzip")], body: gzipped)
        }) { server, client in
            let response = try await client.fetch(TransportRequest(url: server.url("/small")))
            #expect(response.body == Data(repeating: UInt8(ascii: "a"), count: 5000))
        }
    }

    @Test("A body shorter than its Content-Length is reported as truncated")
    func truncatedBody() async throws {
        try await withServerAndClient(handler: { _, connection in
            connection.keepAlive = false
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly ten b")
        }) { server, client in
            let error = try #require(await fetchError(client, TransportRequest(url: server.url("/short"))))
            #expect(error.code == .truncatedBody)
            #expect(error.curlCode == 18)
        }
    }

    @Test("A connection reset in the middle of the body is reported as truncated too")
    func resetMidBody() async throws {
        try await withServerAndClient(handler: { request, connection in
            connection.resetOnClose()
            if request.path == "/mid-body" {
                connection.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly ten b")
                // Let the client read what was sent before the reset discards it.
                _ = connection.pause(0.1)
            }
        }) { server, client in
            let error = try #require(await fetchError(client, TransportRequest(url: server.url("/mid-body"))))
            #expect(error.code == .truncatedBody, "\(error)")
            #expect(error.message.contains("reset"), "\(error.message)")
            #expect(error.isTransient)
            // A reset before any response is not a truncated body: nothing of one arrived.
            let early = try #require(await fetchError(client, TransportRequest(url: server.url("/before-headers"))))
            #expect(early.code != .truncatedBody, "\(early)")
        }
    }
}
