import CurlTransport
import Foundation
import TestSupport
import Testing

@Suite("URL and scheme policy")
struct SchemeTests {
    @Test("Plain http is refused unless explicitly allowed, and nothing is sent")
    func plainHTTPRefused() async throws {
        try await withServerAndClient(
            testConfiguration(allowPlainHTTP: false),
            handler: { _, connection in
                connection.respond(200, text: "should not be fetched")
            }
        ) { server, client in
            let error = try #require(await fetchError(client, TransportRequest(url: server.url("/doc"))))
            #expect(error.code == .plainHTTPNotAllowed)
            #expect(!error.isTransient)
            #expect(server.requests("/doc") == 0)
        }
    }

    @Test(
        "Non-HTTP URLs are never fetched",
        arguments: ["file:///etc/passwd", "FILE:///etc/passwd", "ftp://127.0.0.1/x", "dict://127.0.0.1/x"])
    func forbiddenSchemes(url: String) async throws {
        let client = try CurlClient(configuration: testConfiguration())
        defer { client.shutdown() }
        let error = try #require(await fetchError(client, TransportRequest(url: url)))
        #expect(error.code == .forbiddenScheme)
        #expect(error.url == url)
    }

    @Test("Malformed URLs are reported as invalid", arguments: ["not a url", "", "https://"])
    func invalidURLs(url: String) async throws {
        let client = try CurlClient(configuration: testConfiguration())
        defer { client.shutdown() }
        let error = try #require(await fetchError(client, TransportRequest(url: url)))
        #expect(error.code == .invalidURL)
    }

    @Test("A malformed URL on a host already fetched from is still reported as invalid, and nothing is sent")
    func malformedPathOnAKnownHost() async throws {
        try await withServerAndClient(handler: { _, connection in
            connection.respond(200, text: "ok")
        }) { server, client in
            // The first fetch has the client remember the host's scheme and key without parsing the next URL whole.
            _ = try await client.fetch(TransportRequest(url: server.url("/doc")))
            for bad in [server.url("/a b"), server.url("/x\u{7F}y")] {
                let error = try #require(await fetchError(client, TransportRequest(url: bad)), "\(bad)")
                #expect(error.code == .invalidURL, "\(bad)")
                #expect(!error.isTransient)
            }
            #expect(server.requests("/doc") == 1)
        }
    }

    @Test("A header value with a line break is refused instead of injecting headers")
    func headerInjection() async throws {
        try await withServerAndClient(handler: { _, connection in
            connection.respond(200, text: "ok")
        }) { server, client in
            let request = TransportRequest(url: server.url("/doc"), ifNoneMatch: "\"v1\"\r\nX-Injected: yes")
            let error = try #require(await fetchError(client, request))
            #expect(error.code == .invalidRequest)
            #expect(server.requests("/doc") == 0)
        }
    }

    @Test("A closed port is a transient connection failure")
    func connectionRefused() async throws {
        // Bind a port, then stop the server so nothing listens there.
        let server = try TestHTTPServer(handler: { _, _ in })
        let url = server.url("/gone")
        server.stop()
        let client = try CurlClient(configuration: testConfiguration())
        defer { client.shutdown() }
        let error = try #require(await fetchError(client, TransportRequest(url: url)))
        #expect(error.code == .couldNotConnect)
        #expect(error.isTransient)
        #expect(error.osErrno == ECONNREFUSED)
    }
}
