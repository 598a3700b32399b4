import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GenAIRegistry
import Hummingbird
import Logging
import RegistryServer
import TestSupport

/// One HTTP response as a test sees it.
struct HTTPResult: Sendable {
    var status: Int
    /// Header names lowercased.
    var headers: [String: String]
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }

    func json() throws -> JSONValue { try JSONParser.parse(Array(body)).value }
    func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// An HTTP client for loopback tests (URLSession without any cache, so 304s come through as sent).
struct TestClient: Sendable {
    let base: String

    func get(_ path: String, headers: [String: String] = [:], method: String = "GET") async throws -> HTTPResult {
        guard let url = URL(string: base + path) else { throw TestFailure("bad URL \(base + path)") }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData, timeoutInterval: 10)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await Self.session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw TestFailure("not an HTTP response") }
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return HTTPResult(status: http.statusCode, headers: fields, body: data)
    }

    private static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.httpMaximumConnectionsPerHost = 16
        return URLSession(configuration: configuration)
    }()
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The instant the test registries are evaluated at: noon of `Fixture.today`.
let testNow = Timestamp(secondsSinceEpoch: Int64(Fixture.today.daysSinceEpoch) * 86_400 + 43_200)

/// A server configuration over `registry` with the test clock (and a short recheck interval for reload tests).
func testConfiguration(_ registry: TestRegistry, recheck: Duration = .milliseconds(250)) -> ServerConfiguration {
    ServerConfiguration(store: registry.store, clock: { testNow }, recheckInterval: recheck)
}

/// Runs the real application on 127.0.0.1 with an OS-chosen port, gives `body` a client for it, and
/// stops the server (cancelling its service group) whatever `body` does.
func withLiveServer<T: Sendable>(_ configuration: ServerConfiguration, _ body: @Sendable (TestClient) async throws -> T) async throws -> T {
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let app = await buildApplication(
        configuration: configuration, host: "127.0.0.1", port: 0,
        logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
        onServerRunning: { port in
            continuation.yield(port)
            continuation.finish()
        })
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await app.runService(gracefulShutdownSignals: []) }
        defer { group.cancelAll() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw TestFailure("server did not start") }
        let result = try await body(TestClient(base: "http://127.0.0.1:\(port)"))
        group.cancelAll()
        return result
    }
}

/// The bytes the command line prints for `value` (`--format json`).
func cliBytes(_ value: JSONValue) -> Data { Data(JSONWriter.write(value).utf8) }

/// A registry with one compliant, one noncompliant and one undetermined tool, all text tools.
func sampleRegistry(extra: [ToolRecord] = []) throws -> TestRegistry {
    var compliant = Fixture.compliant(id: "alpha-writer")
    compliant.name = "Alpha Writer"
    compliant.aliases = ["alpha"]
    var noncompliant = Fixture.compliant(id: "beta-chat")
    noncompliant.name = "Beta Chat"
    noncompliant.terms.training = Training(inputs: .optOut, outputs: .optOut)
    var undetermined = Fixture.compliant(id: "gamma-voice", categories: [.voice, .text])
    undetermined.name = "Gamma Voice"
    undetermined.review = nil
    return try TestRegistry(tools: [compliant, noncompliant, undetermined] + extra)
}
