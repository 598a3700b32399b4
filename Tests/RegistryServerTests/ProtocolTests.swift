import Foundation
import Glibc
import RegistryJSON
import RegistryServer
import TestSupport
import Testing

/// What the service answers at the edge of HTTP: other methods, preflights, CONNECT, encoded paths, idle
/// and slow connections — in process where the router answers, over real sockets on 127.0.0.1 where the
/// connection itself is what is tested (CONNECT, HTTP/1.0, keep-alive, idle and slow connections).
@Suite(.timeLimit(.minutes(2)))
struct ProtocolTests {
    /// A raw TCP connection to the test server, for what an HTTP library will not send.
    final class RawConnection: Sendable {
        let fd: Int32

        init(port: Int) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                close(fd)
                throw TestFailure("connect failed: \(errno)")
            }
            var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }

        deinit { close(fd) }

        func send(_ text: String) { _ = Array(text.utf8).withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } }

        /// Reads until the server closes (true, with what came) or `seconds` pass (false), on a thread of its
        /// own: recv blocks, and the server's tasks need the shared pool (two threads on a two-core machine).
        func readUntilClosed(within seconds: Double) async -> (closed: Bool, text: String) {
            await withCheckedContinuation { continuation in
                Thread { continuation.resume(returning: self.readBlocking(within: seconds)) }.start()
            }
        }

        private func readBlocking(within seconds: Double) -> (closed: Bool, text: String) {
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n == 0 { return (true, String(decoding: received, as: UTF8.self)) }
                if n > 0 {
                    received += buffer[..<n]
                } else if errno != EAGAIN && errno != EWOULDBLOCK {
                    return (true, String(decoding: received, as: UTF8.self))
                }
            }
            return (false, String(decoding: received, as: UTF8.self))
        }
    }

    func port(_ client: ServiceClient) -> Int { client.port ?? 0 }

    @Test func everyOtherMethodGets405WithAllow() async throws {
        let registry = try sampleRegistry()
        try await withServer(testConfiguration(registry)) { client in
            for method in ["POST", "PUT", "DELETE", "PATCH"] {
                for path in ["/v1/tools", "/v1/tools/alpha-writer/verdict", "/", "/no-such-page"] {
                    let r = try await client.get(path, method: method)
                    #expect(r.status == 405, "\(method) \(path)")
                    #expect(r.header("allow") == "GET, HEAD, OPTIONS", "\(method) \(path)")
                }
            }
        }
    }

    @Test func aCORSPreflightIsAnswered() async throws {
        let registry = try sampleRegistry()
        try await withServer(testConfiguration(registry)) { client in
            let r = try await client.get(
                "/v1/tools/alpha-writer/verdict",
                headers: [
                    "Origin": "https://studio.example", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "if-none-match",
                ], method: "OPTIONS")
            #expect(r.status == 204)
            #expect(r.header("access-control-allow-origin") == "*")
            #expect(r.header("access-control-allow-methods")?.contains("GET") == true)
            #expect(r.header("access-control-allow-headers")?.lowercased().contains("if-none-match") == true)
            #expect(r.header("allow") == "GET, HEAD, OPTIONS")
        }
    }

    @Test func connectDoesNotLeaveTheClientHanging() async throws {
        let registry = try sampleRegistry()
        try await withLiveServer(testConfiguration(registry)) { client in
            let connection = try RawConnection(port: port(client))
            connection.send("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n")
            let (closed, text) = await connection.readUntilClosed(within: 3)
            #expect(text.hasPrefix("HTTP/1.1 405"), "\(text)")
            #expect(closed, "the connection must be closed, not left open: \(text)")
        }
    }

    @Test func anHTTP10RequestWithoutKeepAliveIsAnsweredAndClosed() async throws {
        let registry = try sampleRegistry()
        try await withLiveServer(testConfiguration(registry)) { client in
            let plain = try RawConnection(port: port(client))
            plain.send("GET /v1/health HTTP/1.0\r\n\r\n")
            let (closed, text) = await plain.readUntilClosed(within: 3)
            #expect(text.contains(" 200 OK"), "\(text)")
            #expect(text.lowercased().contains("connection: close"), "\(text)")
            #expect(closed, "HTTP/1.0 without keep-alive: the connection ends with the answer")
            // HTTP/1.1 keeps it open by default (until the idle timeout), for the next request.
            let kept = try RawConnection(port: port(client))
            kept.send("GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
            let first = await kept.readUntilClosed(within: 0.5)
            #expect(!first.closed && first.text.contains(" 200 OK"), "\(first.text)")
        }
    }

    @Test func pathParametersArePercentDecoded() async throws {
        let registry = try sampleRegistry()
        try await withServer(testConfiguration(registry)) { client in
            let plain = try await client.get("/v1/tools/alpha-writer/verdict")
            for path in ["/v1/tools/alpha%2Dwriter/verdict", "/v1/tools/alpha%2dwriter/verdict.json", "/v1/tools/%61lpha-writer"] {
                let encoded = try await client.get(path)
                #expect(encoded.status == 200, "\(path)")
                if path.hasSuffix("verdict") { #expect(encoded.body == plain.body) }
            }
        }
    }

    @Test func idleAndSlowConnectionsAreClosed() async throws {
        let registry = try sampleRegistry()
        var configuration = testConfiguration(registry)
        configuration.idleTimeout = .seconds(1)
        try await withLiveServer(configuration) { client in
            // Connected, and nothing sent.
            let idle = try RawConnection(port: port(client))
            // A slowloris: a header line every 300 ms, never the blank line that ends them.
            let slow = try RawConnection(port: port(client))
            slow.send("GET /v1/health HTTP/1.1\r\nHost: x\r\n")
            let started = Date()
            var slowClosed = false
            while Date().timeIntervalSince(started) < 4, !slowClosed {
                slow.send("X-Drip: 1\r\n")
                slowClosed = await slow.readUntilClosed(within: 0.3).closed
            }
            #expect(slowClosed, "a request whose headers never end is closed")
            #expect(await idle.readUntilClosed(within: 2).closed, "an idle connection is closed")
            // A connection that keeps asking is served.
            #expect(try await client.get("/v1/health").status == 200)
        }
    }

    @Test func theServedOpenAPIListsThe400sAnd405s() async throws {
        let registry = try sampleRegistry()
        try await withServer(testConfiguration(registry)) { client in
            let document = try await client.get("/v1/openapi.json").json()
            guard case .object(let paths)? = document["paths"] else { throw TestFailure("no paths in the document") }
            #expect(!paths.isEmpty)
            for member in paths where member.key != "/v1/openapi.json" {
                let responses = member.value["get"]?["responses"]
                #expect(responses?["400"] != nil, "\(member.key) answers 400 to an unknown parameter")
                #expect(responses?["405"] != nil, "\(member.key)")
            }
            // And indeed it does.
            #expect(try await client.get("/v1/health?x=1").status == 400)
        }
    }

    @Test func anOverlongUnknownIdGetsNoDidYouMean() async throws {
        let registry = try sampleRegistry()
        try await withServer(testConfiguration(registry)) { client in
            // 2,000 characters: no id is that long, so no typo either; it is not compared with every name.
            for id in [String(repeating: "a", count: 2000), "alpha-writer-" + String(repeating: "x", count: 100)] {
                let r = try await client.get("/v1/tools/\(id)/verdict")
                #expect(r.status == 404)
                let error = try r.json()["error"]
                #expect(error?["suggestions"] == .array([]))
                #expect(error?["message"]?.stringValue?.contains("ids have at most 64 characters") == true, "\(r.text.prefix(300))")
            }
            // A typo still gets its suggestion.
            let typo = try await client.get("/v1/tools/alpha-writre/verdict").json()["error"]
            #expect(typo?["suggestions"]?.arrayValue?.first?["tool"] == .string("alpha-writer"))
        }
    }

    @Test func theBannerURLPutsAnIPv6AddressInBrackets() {
        #expect(serverURL(host: "127.0.0.1", port: 8080) == "http://127.0.0.1:8080/")
        #expect(serverURL(host: "::1", port: 8080) == "http://[::1]:8080/")
        #expect(serverURL(host: "localhost", port: 80) == "http://localhost:80/")
    }
}
