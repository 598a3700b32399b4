import Foundation
import TestSupport

/// A throwaway certificate authority and a server certificate for 127.0.0.1 (EC P-256), made with the
/// `openssl` CLI by each test that needs one.
struct TestPKI: Sendable {
    let directory: URL
    var caCertificate: String { directory.appendingPathComponent("ca.pem").path }
    var serverCertificate: String { directory.appendingPathComponent("server.pem").path }
    var serverKey: String { directory.appendingPathComponent("server.key").path }

    /// Deletes the key material; every test that makes a PKI removes it.
    func remove() { try? FileManager.default.removeItem(at: directory) }

    static func make() async throws -> TestPKI {
        let directory = try makeTemporaryDirectory()
        try "subjectAltName=IP:127.0.0.1\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n"
            .write(to: directory.appendingPathComponent("server.ext"), atomically: true, encoding: .utf8)
        let ec = ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]
        try await runTool("openssl", ["genpkey"] + ec + ["-out", "ca.key"], in: directory)
        try await runTool(
            "openssl",
            [
                "req", "-x509", "-new", "-key", "ca.key", "-sha256", "-days", "2", "-subj", "/CN=CurlTransport test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-out", "ca.pem",
            ],
            in: directory)
        try await runTool("openssl", ["genpkey"] + ec + ["-out", "server.key"], in: directory)
        try await runTool(
            "openssl", ["req", "-new", "-key", "server.key", "-subj", "/CN=127.0.0.1", "-out", "server.csr"],
            in: directory)
        try await runTool(
            "openssl",
            [
                "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-sha256", "-extfile", "server.ext", "-out", "server.pem",
            ],
            in: directory)
        return TestPKI(directory: directory)
    }
}

/// An HTTPS/1.1 server on 127.0.0.1 (a python3 child process) presenting the test PKI's certificate.
/// `/redirect?to=URL` answers 302 to URL; anything else answers 200 "secure hello".
final class TLSTestServer: Sendable {
    let port: Int
    private let child: ChildProcess
    private let directory: URL

    static let script = #"""
        import http.server, os, ssl, sys, threading, urllib.parse
        cert, key, portfile = sys.argv[1:4]
        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def do_GET(self):
                if self.path.startswith("/redirect?to="):
                    target = urllib.parse.unquote(self.path[len("/redirect?to="):])
                    self.send_response(302)
                    self.send_header("Location", target)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = b"secure hello"
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args):
                pass
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        # Exit when the test process goes away (stdin reaches EOF), or after 120 s whatever happens.
        def watchdog():
            sys.stdin.read()
            os._exit(0)
        threading.Thread(target=watchdog, daemon=True).start()
        threading.Timer(120, lambda: os._exit(0)).start()
        with open(portfile + ".tmp", "w") as f:
            f.write(str(server.server_address[1]))
        os.rename(portfile + ".tmp", portfile)
        server.serve_forever()
        """#

    private init(port: Int, child: ChildProcess, directory: URL) {
        self.port = port
        self.child = child
        self.directory = directory
    }

    static func start(pki: TestPKI) async throws -> TLSTestServer {
        let directory = try makeTemporaryDirectory()
        let scriptPath = directory.appendingPathComponent("server.py").path
        let portPath = directory.appendingPathComponent("port").path
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let child = try ChildProcess("python3", [scriptPath, pki.serverCertificate, pki.serverKey, portPath])
        do {
            let text = try await waitForFile(portPath)
            guard let port = Int(text) else { throw ToolError.failed("python3 TLS server: port \(text)", 1) }
            return TLSTestServer(port: port, child: child, directory: directory)
        } catch {
            await child.stop()
            throw error
        }
    }

    func url(_ path: String) -> String { "https://127.0.0.1:\(port)\(path)" }

    /// Kills the server process and waits until it has been reaped.
    func stop() async {
        await child.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}
