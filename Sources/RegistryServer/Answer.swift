import NIOCore
public import RegistryJSON

/// One response of the lookup service, independent of the HTTP server: `serve` sends it, `publish`
/// writes it to a file. Same registry, same answer, same bytes.
public struct Answer: Sendable, Equatable {
    /// The HTTP status code.
    public var status: Int
    public let contentType: String
    public let body: [UInt8]
    public let cacheControl: String
    /// A strong validator: a hash of the body, so equal bodies share it whichever process made them.
    public let etag: String
    /// The body once as a buffer, shared (copy-on-write) by every response that sends it.
    let buffer: ByteBuffer

    public init(status: Int = 200, contentType: String, body: [UInt8], cacheControl: String) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.cacheControl = cacheControl
        self.etag = "\"" + FNV64.hex(body) + "\""
        self.buffer = ByteBuffer(bytes: body)
    }

    /// A JSON document written like the command line writes it (`--format json`).
    public static func json(_ value: JSONValue, status: Int = 200, cacheControl: String = CachePolicy.api) -> Answer {
        Answer(status: status, contentType: "application/json; charset=utf-8", body: JSONWriter.bytes(value), cacheControl: cacheControl)
    }

    /// The error body every failing API call returns: `{"error": {"code", "message", …}}`.
    public static func error(_ status: Int, _ code: String, _ message: String, extra: [JSONMember] = []) -> Answer {
        let object = JSONValue.object([JSONMember("code", .string(code)), JSONMember("message", .string(message))] + extra)
        return json(.object([JSONMember("error", object)]), status: status, cacheControl: CachePolicy.error)
    }
}

/// `Cache-Control` values: short enough that a registry change reaches clients within a minute, and
/// every reuse revalidates cheaply with the ETag.
public enum CachePolicy {
    /// API answers and the page: shared caches may keep them 30 s, then revalidate.
    public static let api = "public, max-age=30, must-revalidate"
    /// Script and style sheet.
    public static let asset = "public, max-age=300"
    /// Errors may be cached briefly (a 404 for a tool added a moment later must not stick).
    public static let error = "public, max-age=5"
    /// Health reflects this instant.
    public static let none = "no-store"
}
