import CurlTransport
import Foundation
import RegistryRefresh
import TestSupport

@testable import RegistryDomain
@testable import RegistryJSON
@testable import RegistryStorage

/// A vendor with a signing key, a registry of tools whose attestations a loopback server serves, and a
/// switchboard that says, per path, what the server does — so each test scripts one behaviour.
final class RefreshHarness: @unchecked Sendable {
    // @unchecked: mutable routes live in a Locked box; everything else is immutable.
    typealias Route = @Sendable (ServerRequest, ServerConnection) -> Void

    let key = AttestationSigner.generateKey(.ed25519)
    let keyid = "test-key-1"
    let now = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
    let routes = Locked<[String: Route]>([:])
    let server: TestHTTPServer
    let registry: TestRegistry

    init(tools: [String] = ["good-tool", "bad-tool"]) throws {
        let routes = self.routes
        server = try TestHTTPServer { request, connection in
            if let route = routes.withLock({ $0[request.path] }) {
                route(request, connection)
            } else {
                connection.respond(404, "Not Found", text: "no route")
            }
        }
        var vendor = Fixture.vendor("acme")
        vendor.keys = [key.signingKey(keyid: keyid, validFrom: now.adding(seconds: -86_400 * 30))]
        var records: [ToolRecord] = []
        for id in tools {
            var record = Fixture.compliant(id: id, vendor: "acme")
            // Loopback is plain http: allowed in a record (lint warns) and fetched only with allowPlainHTTP.
            record.attestationURL = server.url("/att/\(id)")
            record.watch = []  // a test that watches documents adds them (the fixture's vendor.example does not resolve)
            records.append(record)
        }
        registry = try TestRegistry(tools: records, vendors: [vendor])
    }

    deinit { server.stop() }

    /// The payload the vendor would sign for `tool`.
    func payload(
        tool: String, vendor: String = "acme", version: Int = 1, issued: Timestamp? = nil, expires: Timestamp? = nil,
        terms: Terms? = nil
    ) -> AttestationPayload {
        AttestationPayload(
            vendor: vendor, tool: tool, version: version, issued: issued ?? now.adding(seconds: -3600),
            expires: expires ?? now.adding(seconds: 86_400 * 30), terms: terms ?? Fixture.compliant().terms,
            documents: [AttestedDocument(url: "https://vendor.example/terms")])
    }

    /// A signed envelope file for `payload`, by `key` (default: the pinned one).
    func envelope(_ payload: AttestationPayload, key: AttestationPrivateKey? = nil, keyid: String? = nil) throws -> [UInt8] {
        let bytes = Array(RecordCodec.canonicalText(payload, schema: RegistrySchemas.attestationPayload).utf8)
        return try AttestationSigner.sign(bytes, with: key ?? self.key, keyid: keyid ?? self.keyid).encoded()
    }

    /// Serves `body` at /att/TOOL with an ETag, answering 304 to a matching If-None-Match.
    func serve(_ tool: String, _ body: [UInt8], etag: String = "\"v1\"") {
        routes.withLock {
            $0["/att/\(tool)"] = { request, connection in
                if request.headers["if-none-match"] == etag {
                    connection.respond(304, "Not Modified", headers: [("ETag", etag)])
                } else {
                    connection.respond(200, headers: [("ETag", etag), ("Content-Type", "application/json")], body: body)
                }
            }
        }
    }

    func route(_ path: String, _ route: @escaping Route) { routes.withLock { $0[path] = route } }

    /// Small limits and quick retries so every hostile case ends within a couple of seconds.
    func options(tools: [String] = [], retries: Int = 1, concurrency: Int = 8) -> RefreshOptions {
        var transport = TransportConfiguration()
        transport.allowPlainHTTP = true
        transport.retry = RetryPolicy(maxAttempts: retries, baseDelay: .milliseconds(20), maxDelay: .milliseconds(100), maxRetryAfter: .seconds(3))
        transport.defaultLimits = TransferLimits(
            maxBodyBytes: 64 << 10, maxHeaderBytes: 16 << 10, totalTimeout: .seconds(2),
            connectTimeout: .seconds(2), lowSpeedLimit: 100, lowSpeedTime: .seconds(1), maxRedirects: 3)
        return RefreshOptions(concurrency: concurrency, transport: transport, tools: tools)
    }

    func refresh(tools: [String] = [], retries: Int = 1, concurrency: Int = 8) async throws -> RefreshReport {
        try await Refresher(store: registry.store, options: options(tools: tools, retries: retries, concurrency: concurrency), now: now).run()
    }

    func state(_ tool: String) throws -> ToolState? { try StateStore(registry: registry.store).toolState(id: tool) }

    func item(_ report: RefreshReport, _ tool: String) -> RefreshItem? { report.items.first { $0.tool == tool && $0.kind == .attestation } }
}
