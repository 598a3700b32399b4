/// Hard limits applied to one transfer; a hostile or broken server can cost at most this much.
public struct TransferLimits: Sendable, Hashable {
    /// Largest body accepted, counted after content decoding, so it also bounds decompression bombs.
    public var maxBodyBytes: Int
    /// Largest sum of header bytes of one response (status line included).
    public var maxHeaderBytes: Int
    /// Time allowed for one attempt, from start to the last body byte, across its redirects.
    public var totalTimeout: Duration
    /// Time allowed to establish the TCP (and TLS) connection.
    public var connectTimeout: Duration
    /// Minimum average speed, in bytes per second, over `lowSpeedTime`; 0 disables the check.
    public var lowSpeedLimit: Int
    /// Window over which `lowSpeedLimit` is measured (whole seconds; libcurl's resolution).
    public var lowSpeedTime: Duration
    /// Most redirects followed before giving up.
    public var maxRedirects: Int

    /// Creates limits; the defaults suit small JSON and HTML documents fetched from the open internet.
    public init(
        maxBodyBytes: Int = 8 << 20,
        maxHeaderBytes: Int = 64 << 10,
        totalTimeout: Duration = .seconds(60),
        connectTimeout: Duration = .seconds(10),
        lowSpeedLimit: Int = 1024,
        lowSpeedTime: Duration = .seconds(20),
        maxRedirects: Int = 5
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.totalTimeout = totalTimeout
        self.connectTimeout = connectTimeout
        self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
        self.maxRedirects = maxRedirects
    }
}

/// When and how often a failed transfer is tried again.
public struct RetryPolicy: Sendable, Hashable {
    /// Total attempts including the first; 1 disables retries.
    public var maxAttempts: Int
    /// Upper bound of the first backoff; each later attempt doubles it ("full jitter": a random delay below it).
    public var baseDelay: Duration
    /// Ceiling of any computed backoff.
    public var maxDelay: Duration
    /// Longest `Retry-After` the client waits for; a server asking for more fails the transfer instead.
    public var maxRetryAfter: Duration

    /// Creates a policy; the defaults give up after three attempts within a few seconds.
    public init(
        maxAttempts: Int = 3,
        baseDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(10),
        maxRetryAfter: Duration = .seconds(30)
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }
}

/// Process-wide settings of a ``CurlClient``.
public struct TransportConfiguration: Sendable, Hashable {
    /// Transfers running at once across all hosts; further fetches wait in a queue (their timeouts not yet running).
    public var maxConcurrentTransfers: Int
    /// Connections opened to one host at once (`CURLMOPT_MAX_HOST_CONNECTIONS`); HTTP/2 multiplexes over them.
    public var maxConnectionsPerHost: Int
    /// Allows `http:` URLs; off by default (HTTPS only). Meant for loopback tests.
    public var allowPlainHTTP: Bool
    /// A PEM bundle trusted in addition to the system's CA directory (`CURLOPT_CAINFO`); verification stays on.
    public var extraCABundlePath: String?
    /// The `User-Agent` header sent with every request.
    public var userAgent: String
    /// Retry behaviour for transient failures.
    public var retry: RetryPolicy
    /// Limits used by requests that do not bring their own.
    public var defaultLimits: TransferLimits

    /// The default `User-Agent`: names the product and the HTTP stack so server operators know who calls.
    public static let defaultUserAgent = "genai-registry/0.1 (+libcurl)"

    /// Creates a configuration; the defaults are HTTPS only, 32 transfers, 4 connections per host.
    public init(
        maxConcurrentTransfers: Int = 32,
        maxConnectionsPerHost: Int = 4,
        allowPlainHTTP: Bool = false,
        extraCABundlePath: String? = nil,
        userAgent: String = TransportConfiguration.defaultUserAgent,
        retry: RetryPolicy = RetryPolicy(),
        defaultLimits: TransferLimits = TransferLimits()
    ) {
        self.maxConcurrentTransfers = maxConcurrentTransfers
        self.maxConnectionsPerHost = maxConnectionsPerHost
        self.allowPlainHTTP = allowPlainHTTP
        self.extraCABundlePath = extraCABundlePath
        self.userAgent = userAgent
        self.retry = retry
        self.defaultLimits = defaultLimits
    }
}
