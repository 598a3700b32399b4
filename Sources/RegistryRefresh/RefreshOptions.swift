public import CurlTransport

/// How a refresh runs.
public struct RefreshOptions: Sendable {
    /// Transfers in flight at once.
    public var concurrency: Int
    /// Transport settings: limits, retries, plain HTTP (loopback tests only), extra CA bundle.
    public var transport: TransportConfiguration
    /// Wait for another refresh to finish instead of exiting at once.
    public var waitForLock: Bool
    /// Only these tools (ids); all when empty.
    public var tools: [String]

    public init(concurrency: Int = 32, transport: TransportConfiguration = .init(), waitForLock: Bool = false, tools: [String] = []) {
        self.concurrency = concurrency
        self.transport = transport
        self.waitForLock = waitForLock
        self.tools = tools
    }
}
