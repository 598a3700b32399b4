import CCurl
import Foundation
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

/// An HTTP client for loopback tests, on libcurl like everything else that speaks HTTP here: one easy
/// handle a request, no cache, no redirects followed, every status as sent (the product's `CurlClient`
/// turns statuses into errors and retries, which is not what these tests look at).
struct TestClient: Sendable {
    let base: String

    func get(_ path: String, headers: [String: String] = [:], method: String = "GET") async throws -> HTTPResult {
        let url = base + path
        let lines = headers.map { "\($0.key): \($0.value)" }
        // curl_easy_perform blocks: on a thread of its own, so that the server's tasks keep the shared pool.
        return try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try Self.perform(url: url, method: method, headerLines: lines) }) }.start()
        }
    }

    private static func perform(url: String, method: String, headerLines: [String]) throws -> HTTPResult {
        guard let easy = curl_easy_init() else { throw TestFailure("curl_easy_init failed") }
        defer { curl_easy_cleanup(easy) }
        var list: UnsafeMutablePointer<curl_slist>?
        for line in headerLines { list = curl_slist_append(list, line) }
        defer { curl_slist_free_all(list) }
        let received = Received()
        let me = Unmanaged.passUnretained(received).toOpaque()
        let write: curl_write_callback = { data, size, count, userdata in
            guard let data, let userdata else { return 0 }
            let bytes = UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self)
            Unmanaged<Received>.fromOpaque(userdata).takeUnretainedValue().body.append(bytes, count: size * count)
            return size * count
        }
        let header: curl_write_callback = { data, size, count, userdata in
            guard let data, let userdata else { return 0 }
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size * count), as: UTF8.self)
            Unmanaged<Received>.fromOpaque(userdata).takeUnretainedValue().header(line)
            return size * count
        }
        let codes = [
            ccurl_easy_setopt_string(easy, CURLOPT_URL, url),
            ccurl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1),
            ccurl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, 10_000),
            method == "HEAD"
                ? ccurl_easy_setopt_long(easy, CURLOPT_NOBODY, 1) : ccurl_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method),
            ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list),
            ccurl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me),
            ccurl_easy_setopt_write_callback(easy, CURLOPT_WRITEFUNCTION, write),
            ccurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me),
            ccurl_easy_setopt_write_callback(easy, CURLOPT_HEADERFUNCTION, header),
        ]
        guard codes.allSatisfy({ $0 == CURLE_OK }) else { throw TestFailure("libcurl refused an option for \(url)") }
        let code = withExtendedLifetime(received) { curl_easy_perform(easy) }
        guard code == CURLE_OK else { throw TestFailure("\(method) \(url): \(String(cString: curl_easy_strerror(code)))") }
        var status = 0
        _ = ccurl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResult(status: status, headers: received.headers, body: received.body)
    }

    /// What the callbacks collect; only the performing thread touches it.
    private final class Received {
        var body = Data()
        var headers: [String: String] = [:]

        func header(_ line: String) {
            if line.hasPrefix("HTTP/") { headers = [:] }
            guard let colon = line.firstIndex(of: ":") else { return }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
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

/// Runs the real application on 127.0.0.1 with an OS-chosen port, gives `body` a client for it, and
/// stops the server (cancelling its service group) whatever `body` does.
func withLiveServer<T: Sendable>(_ configuration: ServerConfiguration, log: Locked<[String]>? = nil,
                                 _ body: @Sendable (TestClient) async throws -> T) async throws -> T {
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let app = await buildApplication(
        configuration: configuration, host: "127.0.0.1", port: 0,
        logger: Logger(label: "test", factory: { _ in log.map { CollectingLogHandler(lines: $0) as any LogHandler } ?? SwiftLogNoOpLogHandler() }),
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
