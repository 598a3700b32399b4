public import RegistryDomain

/// What one item of a refresh (an attestation or a watched document) came to. The raw value is the word the
/// refresh report, its JSON and the refresh log use (docs/refresh.md lists them all); whether it is a
/// failure follows from the case, so a status and its failedness cannot disagree.
public enum RefreshStatus: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
    // Not failures.
    /// A new attestation verified and is now in force.
    case verified
    /// The same attestation version again, or a watched document whose terms text did not change.
    case unchanged
    /// The server answered 304 to a conditional request: nothing new.
    case notModified
    /// A watched document's terms text changed.
    case changed
    /// A watched document fetched for the first time.
    case firstSeen
    /// A document the attestation pins by SHA-256 has other terms text now: news for procurement, not a failed fetch.
    case attestedDigestDiffers

    // Failures.
    /// The tool's record (or its vendor's) has errors, so it was not refreshed.
    case invalidRecord
    /// The attestation was fetched but not accepted, for this reason.
    case rejected(AttestationRejection.Code)
    /// The server answered with this HTTP status, not a success (`http-404`; `http-304` to an unconditional request).
    case http(Int)
    /// The body was larger than the limit.
    case tooLarge
    /// The response headers were larger than the limit.
    case headersTooLarge
    /// The fetch took longer than the time limit.
    case timedOut
    /// The server sent slower than the speed limit.
    case tooSlow
    /// More redirects than the limit.
    case tooManyRedirects
    /// A URL or redirect to a scheme that is never fetched.
    case forbiddenScheme
    /// An `http:` URL while plain HTTP is not allowed.
    case plainHTTPRefused
    /// The host name could not be resolved.
    case dnsFailure
    /// No connection could be made.
    case connectFailed
    /// The TLS handshake failed on the server's certificate.
    case tlsFailure
    /// The connection ended before the body was complete.
    case truncated
    /// The URL (or the request made of it) is unusable.
    case invalidURL
    /// The fetch was cancelled.
    case cancelled
    /// Any other transfer failure.
    case transportError
    /// A watched page is an error, "not found", access-denied or bot-challenge page served with status 200.
    case errorPage
    /// A watched page is a shell its scripts fill in: no terms text without a browser.
    case scriptShell
    /// A `select` selector of the watched document matched nothing with visible words.
    case selectorMatchedNothing
    /// A selector of the watched document does not parse.
    case invalidSelector
    /// A watched page, or its main content, has no visible words.
    case noTermsText

    /// Every status with a fixed word: all but `http(_)`, whose number varies. A new case goes here too (the
    /// refresh log reads only the words of these, and the docs test compares docs/refresh.md with them).
    public static let all: [RefreshStatus] =
        [
            .verified, .unchanged, .notModified, .changed, .firstSeen, .attestedDigestDiffers,
            .invalidRecord,
        ] + AttestationRejection.Code.allCases.map(RefreshStatus.rejected) + [
            .tooLarge, .headersTooLarge, .timedOut, .tooSlow, .tooManyRedirects, .forbiddenScheme, .plainHTTPRefused,
            .dnsFailure, .connectFailed, .tlsFailure, .truncated, .invalidURL, .cancelled, .transportError,
            .errorPage, .scriptShell, .selectorMatchedNothing, .invalidSelector, .noTermsText,
        ]

    /// True when the item failed: the run exits 1 and `review` lists it.
    public var failed: Bool {
        // Every case named, so a new status cannot be added without deciding whether it is a failure.
        switch self {
        case .verified, .unchanged, .notModified, .changed, .firstSeen, .attestedDigestDiffers: false
        case .invalidRecord, .rejected, .http: true
        case .tooLarge, .headersTooLarge, .timedOut, .tooSlow, .tooManyRedirects, .forbiddenScheme, .plainHTTPRefused,
            .dnsFailure, .connectFailed, .tlsFailure, .truncated, .invalidURL, .cancelled, .transportError:
            true
        case .errorPage, .scriptShell, .selectorMatchedNothing, .invalidSelector, .noTermsText: true
        }
    }

    public var rawValue: String {
        switch self {
        case .verified: "verified"
        case .unchanged: "unchanged"
        case .notModified: "not-modified"
        case .changed: "changed"
        case .firstSeen: "first-seen"
        case .attestedDigestDiffers: "attested-digest-differs"
        case .invalidRecord: "invalid-record"
        case .rejected(let code): code.rawValue
        case .http(let status): "http-\(status)"
        case .tooLarge: "too-large"
        case .headersTooLarge: "headers-too-large"
        case .timedOut: "timed-out"
        case .tooSlow: "too-slow"
        case .tooManyRedirects: "too-many-redirects"
        case .forbiddenScheme: "forbidden-scheme"
        case .plainHTTPRefused: "plain-http-refused"
        case .dnsFailure: "dns-failure"
        case .connectFailed: "connect-failed"
        case .tlsFailure: "tls-failure"
        case .truncated: "truncated"
        case .invalidURL: "invalid-url"
        case .cancelled: "cancelled"
        case .transportError: "transport-error"
        case .errorPage: "error-page"
        case .scriptShell: "script-shell"
        case .selectorMatchedNothing: "selector-matched-nothing"
        case .invalidSelector: "invalid-selector"
        case .noTermsText: "no-terms-text"
        }
    }

    /// The status a word names, as reports and logs wrote it; nil for a word that is none.
    public init?(rawValue: String) {
        if let status = Self.byWord[rawValue] {
            self = status
        } else if rawValue.hasPrefix("http-"), let status = Int(rawValue.dropFirst(5)), status >= 0, "http-\(status)" == rawValue {
            self = .http(status)
        } else {
            return nil
        }
    }

    private static let byWord = Dictionary(all.map { ($0.rawValue, $0) }, uniquingKeysWith: { first, _ in first })

    public var description: String { rawValue }
}
