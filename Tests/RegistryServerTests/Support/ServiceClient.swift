import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import RegistryDomain
import RegistryJSON
import RegistryServer
import ServiceLifecycle
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

/// A client of the lookup service under test: in process through its router (HummingbirdTesting's
/// `.router`), or over a real socket on 127.0.0.1 where the socket itself is under test. Every status comes
/// back as sent and no redirect is followed.
struct ServiceClient: Sendable {
    /// The port of a real server; nil in process.
    let port: Int?
    private let send: @Sendable (_ path: String, _ method: HTTPRequest.Method, _ headers: HTTPFields) async throws -> HTTPResult

    /// The server's address, for a browser or a raw socket (a real server only).
    var base: String { "http://127.0.0.1:\(port ?? 0)" }

    /// Through `client`, HummingbirdTesting's client of the application under test.
    init(_ client: any TestClientProtocol) {
        port = client.port
        send = { path, method, headers in
            HTTPResult(try await client.executeRequest(uri: path, method: method, headers: headers, body: nil))
        }
    }

    /// To a real server on 127.0.0.1:`port` (`serve`, a static server): one connection per request.
    init(port: Int) {
        self.port = port
        send = { path, method, headers in
            try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(10))) { client in
                let response = try await client.execute(.init(path, method: method, authority: "127.0.0.1:\(port)", headers: headers))
                return HTTPResult(status: response.head.status.code, head: response.head.headerFields, body: response.body ?? ByteBuffer())
            }
        }
    }

    func get(_ path: String, headers: [String: String] = [:], method: String = "GET") async throws -> HTTPResult {
        var fields = HTTPFields()
        for (name, value) in headers {
            guard let field = HTTPField.Name(name) else { throw TestFailure("bad header name \(name)") }
            fields[field] = value
        }
        guard let verb = HTTPRequest.Method(method) else { throw TestFailure("bad method \(method)") }
        return try await send(path, verb, fields)
    }
}

extension HTTPResult {
    init(_ response: TestResponse) {
        self.init(status: response.status.code, head: response.headers, body: response.body)
    }

    init(status: Int, head: HTTPFields, body: ByteBuffer) {
        var headers: [String: String] = [:]
        for field in head {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        self.init(status: status, headers: headers, body: Data(body.readableBytesView))
    }
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

/// Runs the application in process (HummingbirdTesting's `.router`: its router and its services, the registry
/// reloader among them, no socket) and gives `body` a client of it.
func withServer<T: Sendable>(
    _ configuration: ServerConfiguration, log: Locked<[String]>? = nil,
    _ body: @Sendable (ServiceClient) async throws -> T
) async throws -> T {
    let app = await buildApplication(configuration: configuration, host: "127.0.0.1", port: 0, logger: testLogger(log))
    return try await app.test(.router) { client in try await body(ServiceClient(client)) }
}

/// Runs the real application on 127.0.0.1 with an OS-chosen port, gives `body` a client for it, and
/// shuts the server down gracefully (as SIGTERM does) whatever `body` does: for what needs a real socket
/// (keep-alive, idle timeout, HTTP/1.0, CONNECT, a browser).
func withLiveServer<T: Sendable>(
    _ configuration: ServerConfiguration, log: Locked<[String]>? = nil,
    _ body: @Sendable (ServiceClient) async throws -> T
) async throws -> T {
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let logger = testLogger(log)
    let app = await buildApplication(
        configuration: configuration, host: "127.0.0.1", port: 0, logger: logger,
        onServerRunning: { port in
            continuation.yield(port)
            continuation.finish()
        })
    let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        do {
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw TestFailure("server did not start") }
            let result = try await body(ServiceClient(port: port))
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
    }
}

/// A logger that keeps notice-level lines in `log`, or drops everything.
func testLogger(_ log: Locked<[String]>?) -> Logger {
    Logger(label: "test", factory: { _ in log.map { CollectingLogHandler(lines: $0) as any LogHandler } ?? SwiftLogNoOpLogHandler() })
}

/// Polls `body` until it returns true, at most `seconds`: for what the reloader does shortly after a change.
func eventually(seconds: Double = 5, _ body: () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await body() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return false
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

/// Keeps every log message at notice level or above, as "LEVEL: message", for tests that look at the log.
struct CollectingLogHandler: LogHandler {
    let lines: Locked<[String]>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .notice

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.withLock { $0.append("\(event.level): \(event.message)") }
    }
}
