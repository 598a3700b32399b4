import CurlTransport

extension TransportError {
    /// A stable, kebab-case status for reports and the state (`timed-out`, `http-404`, …).
    var status: String {
        if let http = httpStatus { return "http-\(http)" }
        switch code {
        case .bodyTooLarge: return "too-large"
        case .headersTooLarge: return "headers-too-large"
        case .timedOut: return "timed-out"
        case .tooSlow: return "too-slow"
        case .tooManyRedirects: return "too-many-redirects"
        case .forbiddenScheme: return "forbidden-scheme"
        case .plainHTTPNotAllowed: return "plain-http-refused"
        case .couldNotResolve: return "dns-failure"
        case .couldNotConnect: return "connect-failed"
        case .tlsFailure: return "tls-failure"
        case .truncatedBody: return "truncated"
        case .invalidURL, .invalidRequest: return "invalid-url"
        case .cancelled, .clientShutDown: return "cancelled"
        default: return "transport-error"
        }
    }
}
