/// One GET request: what to fetch, optional validators for a conditional request, and limits.
public struct TransportRequest: Sendable, Equatable {
    /// The absolute URL, parsed by libcurl itself so that the check and the fetch cannot disagree.
    public var url: String
    /// An ETag from an earlier response; sent as `If-None-Match` so an unchanged document costs a 304.
    public var ifNoneMatch: String?
    /// A `Last-Modified` value from an earlier response, sent verbatim as `If-Modified-Since`.
    public var ifModifiedSince: String?
    /// Extra request headers as (name, value) pairs, in order.
    public var headers: [(name: String, value: String)]
    /// Limits for this request; `nil` uses the client's ``TransportConfiguration/defaultLimits``.
    public var limits: TransferLimits?

    /// Creates a request for `url`.
    public init(
        url: String,
        ifNoneMatch: String? = nil,
        ifModifiedSince: String? = nil,
        headers: [(name: String, value: String)] = [],
        limits: TransferLimits? = nil
    ) {
        self.url = url
        self.ifNoneMatch = ifNoneMatch
        self.ifModifiedSince = ifModifiedSince
        self.headers = headers
        self.limits = limits
    }

    /// Equal when URL, validators, headers (in order) and limits are equal.
    public static func == (lhs: TransportRequest, rhs: TransportRequest) -> Bool {
        lhs.url == rhs.url && lhs.ifNoneMatch == rhs.ifNoneMatch && lhs.ifModifiedSince == rhs.ifModifiedSince
            && lhs.headers.elementsEqual(rhs.headers, by: { $0.name == $1.name && $0.value == $1.value })
            && lhs.limits == rhs.limits
    }
}
