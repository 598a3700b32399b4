import Foundation
import Glibc

/// A request as the test server parsed it.
public struct ServerRequest: Sendable {
    public let method: String
    /// The request target without the query, e.g. "/etag".
    public let path: String
    /// The raw query string after "?", or "".
    public let query: String
    /// Header names lowercased.
    public let headers: [String: String]
}

/// A plain-HTTP/1.1 server on 127.0.0.1 with a random port, driven by a handler that writes raw bytes,
/// so a test can script any misbehaviour (drip, stall, lie about lengths, never end).
///
/// One OS thread accepts, one OS thread serves each connection (keep-alive supported). `stop()` closes
/// every socket, wakes every paused handler and waits for all its threads; every test calls it.
public final class TestHTTPServer: Sendable {
    public typealias Handler = @Sendable (ServerRequest, ServerConnection) -> Void

    public struct Stats: Sendable {
        public var requestsByPath: [String: Int] = [:]
        public var lastHeadersByPath: [String: [String: String]] = [:]
        public var openConnections = 0
        public var maxOpenConnections = 0
        public var acceptedConnections = 0
        public var requestsInFlight = 0
        public var maxRequestsInFlight = 0
    }

    public let port: UInt16
    public let handler: Handler
    private let listenFD: Int32
    public let stats = Locked(Stats())
    /// Guards `stopping`, the open client sockets and the running-thread count; signalled on stop and exits.
    private let control = ServerControl()

    public init(handler: @escaping Handler) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError.socket(errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            let code = errno
            close(fd)
            throw ServerError.socket(code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = UInt16(bigEndian: address.sin_port)
        self.listenFD = fd
        self.handler = handler
        control.threadStarted()
        let thread = Thread { [self] in
            acceptLoop()
            control.threadEnded()
        }
        thread.start()
    }

    /// "http://127.0.0.1:PORT" + path.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    public func requests(_ path: String) -> Int { stats.withLock { $0.requestsByPath[path, default: 0] } }

    public func lastHeaders(_ path: String) -> [String: String]? { stats.withLock { $0.lastHeadersByPath[path] } }

    /// Closes the listener and every connection, wakes paused handlers, and waits (≤ 5 s) for all threads.
    public func stop() {
        control.beginStop()
        // shutdown() on a listening socket makes a blocked accept() return on Linux.
        shutdown(listenFD, Int32(SHUT_RDWR))
        control.waitForThreads(timeout: 5)
        close(listenFD)
    }

    public var isStopping: Bool { control.isStopping }

    /// Sleeps up to `seconds`; false when the server is stopping (handlers must then return).
    public func pause(_ seconds: Double) -> Bool { control.pause(seconds) }

    private func acceptLoop() {
        while true {
            let client = accept(listenFD, nil, nil)
            if client < 0 {
                if errno == EINTR, !control.isStopping { continue }
                return
            }
            guard control.register(client) else {
                close(client)
                return
            }
            stats.withLock {
                $0.openConnections += 1
                $0.acceptedConnections += 1
                $0.maxOpenConnections = max($0.maxOpenConnections, $0.openConnections)
            }
            control.threadStarted()
            let thread = Thread { [self] in
                serve(client)
                stats.withLock { $0.openConnections -= 1 }
                control.closeClient(client)
                control.threadEnded()
            }
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        var buffer: [UInt8] = []
        while !control.isStopping {
            guard let (request, rest) = readRequest(fd, buffer: buffer) else { return }
            buffer = rest
            stats.withLock {
                $0.requestsByPath[request.path, default: 0] += 1
                $0.lastHeadersByPath[request.path] = request.headers
                $0.requestsInFlight += 1
                $0.maxRequestsInFlight = max($0.maxRequestsInFlight, $0.requestsInFlight)
            }
            let connection = ServerConnection(fd: fd, server: self)
            handler(request, connection)
            stats.withLock { $0.requestsInFlight -= 1 }
            if !connection.keepAlive || request.headers["connection"]?.lowercased() == "close" { return }
        }
    }

    private func readRequest(_ fd: Int32, buffer: [UInt8]) -> (ServerRequest, [UInt8])? {
        var data = buffer
        let terminator: [UInt8] = Array("\r\n\r\n".utf8)
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = data.firstRange(of: terminator) {
                let head = String(decoding: data[..<end.lowerBound], as: UTF8.self)
                let rest = Array(data[end.upperBound...])
                var lines = head.components(separatedBy: "\r\n")
                let requestLine = lines.removeFirst().split(separator: " ")
                guard requestLine.count >= 2 else { return nil }
                var headers: [String: String] = [:]
                for line in lines {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    let name = line[..<colon].lowercased()
                    headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                let target = String(requestLine[1])
                let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
                let request = ServerRequest(
                    method: String(requestLine[0]), path: String(parts[0]),
                    query: parts.count > 1 ? String(parts[1]) : "", headers: headers)
                return (request, rest)
            }
            guard data.count < 64 << 10 else { return nil }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return nil }
            data.append(contentsOf: chunk[..<count])
        }
    }
}

/// The handler's view of one connection while it answers one request.
public final class ServerConnection: @unchecked Sendable {
    // @unchecked: used only by the one thread serving this connection.
    let fd: Int32
    let server: TestHTTPServer
    /// Set to false to close the connection after the handler returns (close-delimited bodies).
    public var keepAlive = true

    init(fd: Int32, server: TestHTTPServer) {
        self.fd = fd
        self.server = server
    }

    /// Writes all bytes; false once the peer has gone or the server is stopping.
    @discardableResult
    public func write(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            // MSG_NOSIGNAL: a peer that hung up must give EPIPE here, not kill the test process with SIGPIPE.
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    @discardableResult
    public func write(_ text: String) -> Bool { write(Array(text.utf8)) }

    /// Writes a complete response with Content-Length.
    public func respond(_ status: Int, _ reason: String = "OK", headers: [(String, String)] = [], body: [UInt8] = []) {
        var head = "HTTP/1.1 \(status) \(reason)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.count)\r\n\r\n"
        write(Array(head.utf8) + body)
    }

    public func respond(_ status: Int, _ reason: String = "OK", headers: [(String, String)] = [], text: String) {
        respond(status, reason, headers: headers, body: Array(text.utf8))
    }

    /// Sleeps up to `seconds`; false when the server is stopping.
    public func pause(_ seconds: Double) -> Bool { server.pause(seconds) }

    /// Makes the close after the handler returns a reset (RST, as a crashed peer or a middlebox sends) instead
    /// of an orderly FIN: SO_LINGER with a zero timeout.
    public func resetOnClose() {
        keepAlive = false
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    }
}

public enum ServerError: Error { case socket(Int32) }

/// Lock + condition for the server's lifecycle: stop flag, open sockets, live threads.
final class ServerControl: @unchecked Sendable {
    // @unchecked: all fields are read and written with `condition` locked.
    private let condition = NSCondition()
    private var stopping = false
    private var sockets: Set<Int32> = []
    private var threads = 0

    var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }

    func register(_ fd: Int32) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return false }
        sockets.insert(fd)
        return true
    }

    /// Closes under the lock so that `beginStop` never shuts down a descriptor number already reused.
    func closeClient(_ fd: Int32) {
        condition.lock()
        sockets.remove(fd)
        close(fd)
        condition.unlock()
    }

    func threadStarted() {
        condition.lock()
        threads += 1
        condition.unlock()
    }

    func threadEnded() {
        condition.lock()
        threads -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Marks stopping, wakes paused handlers, and shuts down every open client socket (so blocked reads
    /// and writes return).
    func beginStop() {
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        for fd in sockets { shutdown(fd, Int32(SHUT_RDWR)) }
        condition.broadcast()
    }

    func waitForThreads(timeout: Double) {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        while threads > 0, condition.wait(until: deadline) {}
        condition.unlock()
    }

    func pause(_ seconds: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while !stopping, condition.wait(until: deadline) {}
        return !stopping
    }
}
