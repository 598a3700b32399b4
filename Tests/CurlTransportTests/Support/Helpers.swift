import CurlTransport
import Foundation
import TestSupport

/// Configuration for loopback tests: plain HTTP allowed, small limits and fast, bounded retries.
func testConfiguration(
    maxAttempts: Int = 1,
    maxConnectionsPerHost: Int = 4,
    maxConcurrentTransfers: Int = 16,
    extraCABundlePath: String? = nil,
    allowPlainHTTP: Bool = true,
    limits: TransferLimits = testLimits()
) -> TransportConfiguration {
    TransportConfiguration(
        maxConcurrentTransfers: maxConcurrentTransfers,
        maxConnectionsPerHost: maxConnectionsPerHost,
        allowPlainHTTP: allowPlainHTTP,
        extraCABundlePath: extraCABundlePath,
        retry: RetryPolicy(
            maxAttempts: maxAttempts, baseDelay: .milliseconds(20), maxDelay: .milliseconds(100),
            maxRetryAfter: .seconds(3)),
        defaultLimits: limits)
}

/// Small limits so every hostile case ends within about two seconds.
func testLimits(
    maxBodyBytes: Int = 64 << 10,
    maxHeaderBytes: Int = 16 << 10,
    totalTimeout: Duration = .seconds(3),
    lowSpeedLimit: Int = 0,
    lowSpeedTime: Duration = .seconds(1),
    maxRedirects: Int = 3
) -> TransferLimits {
    TransferLimits(
        maxBodyBytes: maxBodyBytes, maxHeaderBytes: maxHeaderBytes, totalTimeout: totalTimeout,
        connectTimeout: .seconds(2), lowSpeedLimit: lowSpeedLimit, lowSpeedTime: lowSpeedTime,
        maxRedirects: maxRedirects)
}

/// Runs `body` with a server and a client, and always stops both (the server after the client).
func withServerAndClient<Result>(
    _ configuration: TransportConfiguration = testConfiguration(),
    handler: @escaping TestHTTPServer.Handler,
    _ body: (TestHTTPServer, CurlClient) async throws -> Result
) async throws -> Result {
    let server = try TestHTTPServer(handler: handler)
    defer { server.stop() }
    let client = try CurlClient(configuration: configuration)
    defer { client.shutdown() }
    return try await body(server, client)
}

/// The TransportError a fetch threw, or nil when it succeeded (the caller then fails the test).
func fetchError(_ client: CurlClient, _ request: TransportRequest) async -> TransportError? {
    do {
        _ = try await client.fetch(request)
        return nil
    } catch {
        return error
    }
}

/// Monotonic seconds since `start`.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}
