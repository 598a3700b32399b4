public import FoundationEssentials

/// The final response of a successful fetch (2xx, or 304 for a conditional request).
public struct TransportResponse: Sendable, Hashable {
    /// The HTTP status code of the final response.
    public var status: Int
    /// Headers of the final response only, names lowercased; repeated headers are joined with ", ".
    public var headers: [String: String]
    /// The decoded body (empty for a 304).
    public var body: Data
    /// The URL of the final response, after redirects.
    public var effectiveURL: String
    /// Redirects followed to get here.
    public var redirectCount: Int
    /// The HTTP version spoken, e.g. "1.1" or "2".
    public var httpVersion: String
    /// Attempts made, 1 when the first one succeeded.
    public var attempts: Int

    /// The response's `ETag`, to send back as ``TransportRequest/ifNoneMatch`` next time.
    public var etag: String? { headers["etag"] }
    /// The response's `Last-Modified`, to send back as ``TransportRequest/ifModifiedSince`` next time.
    public var lastModified: String? { headers["last-modified"] }
    /// True for 304 Not Modified: the document is unchanged and no body was transferred.
    public var isNotModified: Bool { status == 304 }

    /// The value of header `name` (case-insensitive) in the final response.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}
