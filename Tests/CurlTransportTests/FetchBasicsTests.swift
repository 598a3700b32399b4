import CurlTransport
import Foundation
import TestSupport
import Testing

@Suite("Fetch basics")
struct FetchBasicsTests {
    @Test("GET 200 returns status, body, validators and metadata")
    func plainGet() async throws {
        try await withServerAndClient(handler: { request, connection in
            connection.respond(
                200,
                headers: [
                    ("ETag", "\"v1\""), ("Last-Modified", "Sat, 21 Nov 2026 10:00:00 GMT"),
                    ("X-Twice", "a"), ("X-Twice", "b"), ("X-Padded", " \t padded value\t "),
                ],
                text: "hello \(request.path)")
        }) { server, client in
            let response = try await client.fetch(TransportRequest(url: server.url("/doc")))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == "hello /doc")
            #expect(response.etag == "\"v1\"")
            #expect(response.lastModified == "Sat, 21 Nov 2026 10:00:00 GMT")
            #expect(response.header("x-twice") == "a, b")
            #expect(response.header("x-padded") == "padded value", "spaces and tabs around a value are not part of it")
            #expect(response.effectiveURL == server.url("/doc"))
            #expect(response.redirectCount == 0)
            #expect(response.httpVersion == "1.1")
            #expect(response.attempts == 1)
            #expect(!response.isNotModified)
            let sent = try #require(server.lastHeaders("/doc"))
            #expect(sent["user-agent"] == TransportConfiguration.defaultUserAgent)
            // Decoding is on, so the cap bounds decoded bytes (the gzip bomb test relies on it).
            #expect(sent["accept-encoding"]?.contains("gzip") == true)
        }
    }

    @Test("A conditional GET answered 304 costs no body and is reported as not modified")
    func conditionalGet() async throws {
        try await withServerAndClient(handler: { request, connection in
            if request.headers["if-none-match"] == "\"v7\"" {
                connection.respond(304, "Not Modified", headers: [("ETag", "\"v7\"")])
            } else {
                connection.respond(200, headers: [("ETag", "\"v7\"")], text: String(repeating: "x", count: 1000))
            }
        }) { server, client in
            let first = try await client.fetch(TransportRequest(url: server.url("/terms")))
            #expect(first.status == 200)
            #expect(first.body.count == 1000)
            let etag = try #require(first.etag)

            let second = try await client.fetch(TransportRequest(url: server.url("/terms"), ifNoneMatch: etag))
            #expect(second.isNotModified)
            #expect(second.status == 304)
            #expect(second.body.isEmpty)
            #expect(second.etag == "\"v7\"")
            #expect(server.lastHeaders("/terms")?["if-none-match"] == "\"v7\"")
            #expect(server.requests("/terms") == 2)
        }
    }

    @Test("A 304 to a request that sent no validator is an error, not 'not modified'")
    func notModifiedToAnUnconditionalRequest() async throws {
        try await withServerAndClient(handler: { _, connection in
            connection.respond(304, "Not Modified", headers: [("ETag", "\"v7\"")])
        }) { server, client in
            let error = try #require(await fetchError(client, TransportRequest(url: server.url("/terms"))))
            #expect(error.httpStatus == 304)
            #expect(!error.isTransient)
            #expect(error.message.contains("not conditional"), "\(error.message)")
            // A validator passed as an ordinary header makes the request conditional too.
            let viaHeader = try await client.fetch(TransportRequest(url: server.url("/terms"), headers: [("If-None-Match", "\"v7\"")]))
            #expect(viaHeader.isNotModified)
        }
    }

    @Test("A reused handle carries nothing of the transfer before it: headers, redirects, errors")
    func handleReuseStartsClean() async throws {
        var configuration = testConfiguration()
        configuration.maxConcurrentTransfers = 1  // one handle, reused for every fetch below
        configuration.retry.maxAttempts = 1
        try await withServerAndClient(
            configuration,
            handler: { request, connection in
                switch request.path {
                case "/moved": connection.respond(302, "Found", headers: [("Location", "/target")])
                case "/huge": connection.respond(200, text: String(repeating: "x", count: 4096))
                default: connection.respond(200, headers: [("ETag", "\"\(request.path)\"")], text: request.path)
                }
            }
        ) { server, client in
            _ = try await client.fetch(
                TransportRequest(url: server.url("/first"), ifNoneMatch: "\"old\"", ifModifiedSince: "Sat, 21 Nov 2026 10:00:00 GMT"))
            #expect(server.lastHeaders("/first")?["if-none-match"] == "\"old\"")
            let plain = try await client.fetch(TransportRequest(url: server.url("/second")))
            let sent = try #require(server.lastHeaders("/second"))
            #expect(sent["if-none-match"] == nil)
            #expect(sent["if-modified-since"] == nil)
            #expect(plain.etag == "\"/second\"")

            let moved = try await client.fetch(TransportRequest(url: server.url("/moved")))
            #expect(moved.redirectCount == 1)
            let after = try await client.fetch(TransportRequest(url: server.url("/third")))
            #expect(after.redirectCount == 0)
            #expect(after.effectiveURL == server.url("/third"))
            #expect(String(decoding: after.body, as: UTF8.self) == "/third")

            var limits = configuration.defaultLimits
            limits.maxBodyBytes = 1024
            let limited = TransportRequest(url: server.url("/huge"), limits: limits)
            await #expect(throws: TransportError.self) { _ = try await client.fetch(limited) }
            let last = try await client.fetch(TransportRequest(url: server.url("/fourth")))
            #expect(last.status == 200)
            #expect(String(decoding: last.body, as: UTF8.self) == "/fourth")
        }
    }

    @Test("If-Modified-Since is sent verbatim")
    func ifModifiedSince() async throws {
        let stamp = "Sat, 21 Nov 2026 10:00:00 GMT"
        try await withServerAndClient(handler: { request, connection in
            if request.headers["if-modified-since"] == stamp {
                connection.respond(304, "Not Modified")
            } else {
                connection.respond(200, text: "fresh")
            }
        }) { server, client in
            let response = try await client.fetch(TransportRequest(url: server.url("/doc"), ifModifiedSince: stamp))
            #expect(response.isNotModified)
            #expect(response.body.isEmpty)
        }
    }
}
