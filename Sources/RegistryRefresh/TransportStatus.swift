import CurlTransport
import RegistryStorage

extension TransportError {
    /// The status of an item whose fetch failed this way, for reports and the state (`timed-out`, `http-404`, …).
    var status: RefreshStatus {
        if let http = httpStatus { return .http(http) }
        switch code {
        case .bodyTooLarge: return .tooLarge
        case .headersTooLarge: return .headersTooLarge
        case .timedOut: return .timedOut
        case .tooSlow: return .tooSlow
        case .tooManyRedirects: return .tooManyRedirects
        case .forbiddenScheme: return .forbiddenScheme
        case .plainHTTPNotAllowed: return .plainHTTPRefused
        case .couldNotResolve: return .dnsFailure
        case .couldNotConnect: return .connectFailed
        case .tlsFailure: return .tlsFailure
        case .truncatedBody: return .truncated
        case .invalidURL, .invalidRequest: return .invalidURL
        case .cancelled, .clientShutDown: return .cancelled
        default: return .transportError
        }
    }
}
