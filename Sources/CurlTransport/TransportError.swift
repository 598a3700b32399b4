/// Why a fetch failed, for one URL, in words a person understands; keeps libcurl's code and the OS errno.
///
/// A struct rather than an enum so that new codes can be added without breaking callers' `switch`es;
/// compare ``code`` with the static members of ``Code``.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        enum Kind: Sendable, Hashable {
            case bodyTooLarge, headersTooLarge, timedOut, tooSlow, tooManyRedirects, forbiddenScheme
            case plainHTTPNotAllowed, couldNotResolve, couldNotConnect, tlsFailure, truncatedBody, invalidURL
            case invalidRequest
            case cancelled, clientShutDown
            case httpStatus(Int)
            case other(Int32)
        }

        let kind: Kind

        /// The body exceeded ``TransferLimits/maxBodyBytes`` (announced, streamed, or after decompression).
        public static let bodyTooLarge = Code(kind: .bodyTooLarge)
        /// The response headers exceeded ``TransferLimits/maxHeaderBytes``.
        public static let headersTooLarge = Code(kind: .headersTooLarge)
        /// The attempt took longer than ``TransferLimits/totalTimeout`` or the connect timeout.
        public static let timedOut = Code(kind: .timedOut)
        /// The server sent slower than ``TransferLimits/lowSpeedLimit`` for ``TransferLimits/lowSpeedTime``.
        public static let tooSlow = Code(kind: .tooSlow)
        /// More redirects than ``TransferLimits/maxRedirects``.
        public static let tooManyRedirects = Code(kind: .tooManyRedirects)
        /// A URL or redirect to a scheme that is never fetched (`file:`, `ftp:`, a change of scheme, …).
        public static let forbiddenScheme = Code(kind: .forbiddenScheme)
        /// An `http:` URL while ``TransportConfiguration/allowPlainHTTP`` is off.
        public static let plainHTTPNotAllowed = Code(kind: .plainHTTPNotAllowed)
        /// The host name could not be resolved.
        public static let couldNotResolve = Code(kind: .couldNotResolve)
        /// No connection could be made to the server.
        public static let couldNotConnect = Code(kind: .couldNotConnect)
        /// The TLS handshake failed on the server's certificate (untrusted, expired, wrong name, …).
        public static let tlsFailure = Code(kind: .tlsFailure)
        /// The connection ended (closed or reset) before the announced body was complete.
        public static let truncatedBody = Code(kind: .truncatedBody)
        /// The URL could not be parsed.
        public static let invalidURL = Code(kind: .invalidURL)
        /// The request itself is unusable, e.g. a header value containing a line break.
        public static let invalidRequest = Code(kind: .invalidRequest)
        /// The calling task was cancelled.
        public static let cancelled = Code(kind: .cancelled)
        /// The client was shut down before the transfer finished.
        public static let clientShutDown = Code(kind: .clientShutDown)
        /// The server answered with a status that is not a success (after any retries).
        public static func httpStatus(_ status: Int) -> Code { Code(kind: .httpStatus(status)) }
        /// Any other libcurl failure, by its `CURLcode`.
        public static func other(_ curlCode: Int32) -> Code { Code(kind: .other(curlCode)) }

        /// A short stable name, e.g. `bodyTooLarge` or `httpStatus(404)`, for logs and JSON.
        public var description: String {
            switch kind {
            case .httpStatus(let status): "httpStatus(\(status))"
            case .other(let code): "other(\(code))"
            default: "\(kind)"
            }
        }
    }

    /// The kind of failure.
    public let code: Code
    /// The URL that was requested.
    public let url: String
    /// What went wrong, for a person, without the URL.
    public let message: String
    /// libcurl's `CURLcode`, when libcurl reported the failure.
    public let curlCode: Int32?
    /// The OS errno libcurl saw (`CURLINFO_OS_ERRNO`), when nonzero.
    public let osErrno: Int32?
    /// Attempts made before giving up.
    public internal(set) var attempts: Int
    /// Seconds a server asked to wait (`Retry-After`), used by the retry loop.
    var retryAfter: Duration?

    init(
        _ code: Code, url: String, message: String, curlCode: Int32? = nil, osErrno: Int32? = nil,
        attempts: Int = 1, retryAfter: Duration? = nil
    ) {
        self.code = code
        self.url = url
        self.message = message
        self.curlCode = curlCode
        self.osErrno = osErrno
        self.attempts = attempts
        self.retryAfter = retryAfter
    }

    /// The HTTP status when ``code`` is ``Code/httpStatus(_:)``.
    public var httpStatus: Int? {
        if case .httpStatus(let status) = code.kind { status } else { nil }
    }

    /// True when trying again later may succeed: connection failures, timeouts, 5xx, 408 and 429.
    public var isTransient: Bool {
        switch code.kind {
        case .couldNotResolve, .couldNotConnect, .timedOut, .tooSlow, .truncatedBody:
            true
        case .httpStatus(let status):
            status >= 500 || status == 429 || status == 408
        case .other(let curlCode):
            // Connection-level failures where the peer went away mid-exchange: empty reply, send/receive
            // errors, HTTP/2 framing errors, TLS handshake resets.
            [52, 55, 56, 16, 92, 35].contains(curlCode)
        case .bodyTooLarge, .headersTooLarge, .tooManyRedirects, .forbiddenScheme, .plainHTTPNotAllowed,
            .tlsFailure, .invalidURL, .invalidRequest, .cancelled, .clientShutDown:
            false
        }
    }

    /// "URL: message", plus the attempt count when retried.
    public var description: String {
        attempts > 1 ? "\(url): \(message) (gave up after \(attempts) attempts)" : "\(url): \(message)"
    }

    /// Equal when every public property is equal.
    public static func == (lhs: TransportError, rhs: TransportError) -> Bool {
        lhs.code == rhs.code && lhs.url == rhs.url && lhs.message == rhs.message && lhs.curlCode == rhs.curlCode
            && lhs.osErrno == rhs.osErrno && lhs.attempts == rhs.attempts
    }
}
