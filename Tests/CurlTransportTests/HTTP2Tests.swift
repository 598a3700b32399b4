import CurlTransport
import Foundation
import Glibc
import TestSupport
import Testing

private let nginxPath = "/usr/sbin/nginx"

/// HTTP/2 needs a real h2 server; Debian's nginx is the one the benchmark harness uses, so these tests run
/// wherever it is installed (`apt-get install nginx-light`) and are skipped, visibly, elsewhere.
@Suite("HTTP/2", .enabled(if: FileManager.default.isExecutableFile(atPath: nginxPath), "needs nginx (nginx-light)"))
struct HTTP2Tests {
    @Test("Over TLS, HTTP/2 is negotiated and many transfers share few connections at once")
    func multiplexed() async throws {
        let pki = try await TestPKI.make()
        defer { pki.remove() }
        let nginx = try await NginxServer.start(pki: pki)
        do {
            let client = try CurlClient(
                configuration: testConfiguration(
                    maxConnectionsPerHost: 2, maxConcurrentTransfers: 64, extraCABundlePath: pki.caCertificate,
                    allowPlainHTTP: false, limits: testLimits(totalTimeout: .seconds(10))))
            defer { client.shutdown() }
            let start = ContinuousClock.now
            let responses = try await withThrowingTaskGroup(of: TransportResponse.self) { group in
                for index in 0..<30 {
                    group.addTask { try await client.fetch(TransportRequest(url: nginx.url("/slow/doc.txt?\(index)"))) }
                }
                var responses: [TransportResponse] = []
                for try await response in group { responses.append(response) }
                return responses
            }
            let elapsed = seconds(since: start)
            #expect(responses.count == 30)
            #expect(responses.allSatisfy { $0.httpVersion == "2" && $0.body.count == 16 << 10 })
            let log = try String(contentsOfFile: nginx.accessLog, encoding: .utf8)
            let lines = log.split(separator: "\n").filter { $0.contains("/slow/doc.txt") }
            let connections = Set(lines.compactMap { $0.split(separator: " ").first })
            #expect(lines.count == 30)
            #expect(connections.count <= 2)
            #expect(lines.allSatisfy { $0.contains("HTTP/2.0") })
            // Each transfer is rate-limited to about 1 s. The first two run alone (until the host is known to
            // speak HTTP/2), then the other 28 share the connections at once: about 2 s in all, where one
            // transfer at a time per connection would take 15 s.
            #expect(elapsed < 7, "30 transfers took \(elapsed) s: not multiplexed")
        } catch {
            await nginx.stop()
            throw error
        }
        await nginx.stop()
    }
}

/// nginx in the foreground (no master process, so one SIGKILL ends it) with its own config and files.
private final class NginxServer: Sendable {
    let port: Int
    let directory: URL
    private let child: ChildProcess

    var accessLog: String { directory.appendingPathComponent("access.log").path }

    private init(port: Int, directory: URL, child: ChildProcess) {
        self.port = port
        self.directory = directory
        self.child = child
    }

    func url(_ path: String) -> String { "https://127.0.0.1:\(port)\(path)" }

    static func start(pki: TestPKI) async throws -> NginxServer {
        let directory = try makeTemporaryDirectory()
        let root = directory.appendingPathComponent("www")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("slow"), withIntermediateDirectories: true)
        try Data(repeating: UInt8(ascii: "n"), count: 16 << 10).write(to: root.appendingPathComponent("slow/doc.txt"))
        let port = try freePort()
        let dir = directory.path
        let config = """
            worker_processes 1;
            error_log \(dir)/error.log;
            pid \(dir)/nginx.pid;
            events { worker_connections 256; }
            http {
                log_format conn '$connection $server_protocol $status $request_uri';
                access_log \(dir)/access.log conn;
                client_body_temp_path \(dir)/body;
                server {
                    listen 127.0.0.1:\(port) ssl http2;
                    ssl_certificate \(pki.serverCertificate);
                    ssl_certificate_key \(pki.serverKey);
                    root \(root.path);
                    location /slow/ { limit_rate 16k; }
                }
            }
            """
        try config.write(to: directory.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
        let child = try ChildProcess(
            nginxPath, ["-p", dir, "-c", "\(dir)/nginx.conf", "-g", "daemon off; master_process off;"])
        let server = NginxServer(port: port, directory: directory, child: child)
        // Ready when it accepts a TCP connection (≤ 10 s).
        let start = ContinuousClock.now
        while !canConnect(port: port) {
            guard seconds(since: start) < 10 else {
                await server.stop()
                throw ToolError.timedOut("nginx on port \(port)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return server
    }

    func stop() async {
        await child.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// A port that was free a moment ago (nginx cannot report a port-0 choice back).
private func freePort() throws -> Int {
    let server = try TestHTTPServer(handler: { _, _ in })
    defer { server.stop() }
    return Int(server.port)
}

private func canConnect(port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    } == 0
}
