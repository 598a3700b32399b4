import CurlTransport
import Foundation
import TestSupport
import Testing

@Suite("TLS")
struct TLSTests {
    /// Runs `body` against a fresh HTTPS server and always stops the server.
    private func withTLSServer(_ body: (TLSTestServer, TestPKI) async throws -> Void) async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        let server = try await TLSTestServer.start(pki: pki)
        do {
            try await body(server, pki)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test("A certificate from an unknown CA is rejected; the same server is accepted with that CA configured")
    func untrustedThenTrusted() async throws {
        try await withTLSServer { server, pki in
            let strict = try CurlClient(configuration: testConfiguration(allowPlainHTTP: false))
            defer { strict.shutdown() }
            let error = try #require(await fetchError(strict, TransportRequest(url: server.url("/ok"))))
            #expect(error.code == .tlsFailure)
            #expect(!error.isTransient)
            #expect(error.message.contains("certificate"))

            let trusting = try CurlClient(
                configuration: testConfiguration(extraCABundlePath: pki.caCertificate, allowPlainHTTP: false))
            defer { trusting.shutdown() }
            let response = try await trusting.fetch(TransportRequest(url: server.url("/ok")))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == "secure hello")
        }
    }

    @Test("An https→http redirect is refused even when plain http is allowed")
    func downgradeRefused() async throws {
        let plain = try TestHTTPServer(handler: { _, connection in connection.respond(200, text: "downgraded") })
        defer { plain.stop() }
        try await withTLSServer { server, pki in
            let client = try CurlClient(
                configuration: testConfiguration(extraCABundlePath: pki.caCertificate, allowPlainHTTP: true))
            defer { client.shutdown() }
            let target = plain.url("/landing")
            let escaped = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? target
            let redirect = TransportRequest(url: server.url("/redirect?to=\(escaped)"))
            let error = try #require(await fetchError(client, redirect))
            #expect(error.code == .forbiddenScheme)
            #expect(error.message.contains("downgrade"))
            #expect(plain.requests("/landing") == 0)

            // The same redirect within https is followed.
            let secureTarget = server.url("/landing")
            let secureEscaped =
                secureTarget.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? secureTarget
            let response = try await client.fetch(TransportRequest(url: server.url("/redirect?to=\(secureEscaped)")))
            #expect(response.redirectCount == 1)
            #expect(response.effectiveURL == secureTarget)
        }
    }
}
