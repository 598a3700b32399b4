import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import RegistryDomain

/// Around every request: the request-size limit, errors as JSON under `/v1` (HTML elsewhere), the
/// security headers, and one structured log line (method, path, status, duration).
struct ServeMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let configuration: ServerConfiguration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = SystemClock.monotonicNanoseconds()
        let path = request.uri.path
        var response: Response
        if request.method == .options {
            // CORS preflight (and a plain OPTIONS): what may be asked. The API is public read-only data.
            response = Response(status: .noContent, headers: Self.baseFields)
            response.headers[.allow] = Self.allowed
            if path.hasPrefix("/v1") {
                response.headers[.accessControlAllowMethods] = Self.allowed
                response.headers[.accessControlAllowHeaders] = "If-None-Match"
                response.headers[.accessControlMaxAge] = "86400"
            }
        } else if request.method != .get && request.method != .head {
            // Read-only: every other method gets 405 naming what is answered, wherever it is sent. A CONNECT
            // turns the rest of the connection into a tunnel for the HTTP parser, so that connection is closed.
            response = Self.response(
                Answer.error(405, "method-not-allowed", "The service is read-only: only GET and HEAD are answered (and OPTIONS)."))
            response.headers[.allow] = Self.allowed
            if request.method == .connect {
                // The HTTP parser reads nothing more on a connection after a CONNECT, and the answer to one has no
                // length: without a close the client would wait for ever. Closed once the answer has gone out.
                response.headers[.connection] = "close"
                let channel = context.channel
                channel.eventLoop.scheduleTask(in: .milliseconds(200)) { channel.close(promise: nil) }
            }
        } else if request.uri.string.utf8.count > configuration.maxTargetBytes {
            response = Self.response(Answer.error(414, "uri-too-long", "The request target is longer than \(configuration.maxTargetBytes) bytes."))
        } else {
            do {
                response = try await next(request, context)
            } catch let error as any HTTPResponseError {
                response = Self.response(Self.answer(for: error.status, path: path))
            } catch {
                context.logger.error("request failed", metadata: ["path": .string(path), "error": .string("\(error)")])
                response = Self.response(Answer.error(500, "internal-error", "The server could not answer this request."))
            }
        }
        if path.hasPrefix("/v1") { response.headers[.accessControlAllowOrigin] = "*" }
        let elapsed = Double(SystemClock.monotonicNanoseconds() &- started) / 1_000_000
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "path": .string(String(path.prefix(200))),
                "status": .stringConvertible(response.status.code),
                "duration_ms": .string(String(Int(elapsed * 1000) / 1000) + "." + Self.thousandths(elapsed)),
            ])
        return response
    }

    private static func thousandths(_ ms: Double) -> String {
        let part = Int((ms - Double(Int(ms))) * 1000)
        return part < 10 ? "00\(part)" : part < 100 ? "0\(part)" : "\(part)"
    }

    /// The methods the service answers, for `Allow` and CORS preflights.
    static let allowed = "GET, HEAD, OPTIONS"

    /// The router's own errors (no route, wrong method) in the service's error format.
    static func answer(for status: HTTPResponse.Status, path: String) -> Answer {
        let isAPI = path.hasPrefix("/v1")
        switch status {
        case .notFound:
            return isAPI ? .error(404, "not-found", "No API endpoint at this path; see /v1/openapi.json.") : Site.notFoundPage(path)
        case .methodNotAllowed:
            return .error(405, "method-not-allowed", "The service is read-only: only GET and HEAD are answered.")
        default:
            return .error(Int(status.code), "http-\(status.code)", status.reasonPhrase)
        }
    }

    /// The security headers, built once; every response starts from a copy.
    static let baseFields: HTTPFields = {
        var fields = HTTPFields()
        for (name, value) in SecurityHeaders.all {
            if let name = HTTPField.Name(name) { fields[name] = value }
        }
        return fields
    }()

    /// An ``Answer`` as a Hummingbird response (no conditional handling).
    static func response(_ answer: Answer) -> Response {
        var headers = baseFields
        headers[.contentType] = answer.contentType
        headers[.cacheControl] = answer.cacheControl
        headers[.eTag] = answer.etag
        return Response(status: HTTPResponse.Status(code: answer.status), headers: headers, body: ResponseBody(byteBuffer: answer.buffer))
    }
}

/// `answer` for `request`: 304 without a body when `If-None-Match` names its ETag.
func respond(_ answer: Answer, to request: Request) -> Response {
    if answer.status == 200, let tags = request.headers[.ifNoneMatch], Self304.matches(tags, answer.etag) {
        var headers = ServeMiddleware.baseFields
        headers[.eTag] = answer.etag
        headers[.cacheControl] = answer.cacheControl
        return Response(status: .notModified, headers: headers)
    }
    return ServeMiddleware.response(answer)
}

/// 400 for a query string that is not valid percent-encoded UTF-8.
func badQuery(_ request: Request) -> Response {
    ServeMiddleware.response(.error(400, "bad-query", "The query string is not valid percent-encoded UTF-8."))
}

enum Self304 {
    /// Whether an `If-None-Match` value (`"a", W/"b"` or `*`) names `etag` (weak comparison, as RFC 9110 asks).
    static func matches(_ header: String, _ etag: String) -> Bool {
        for part in header.split(separator: ",") {
            var tag = part.trimmingWhitespace()
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag = String(tag.dropFirst(2)) }
            if tag == etag { return true }
        }
        return false
    }
}
