/// The HTTP validators (`ETag`, `Last-Modified`) a refresh keeps to make its next request conditional.
///
/// A validator is sent back verbatim as a request header, so one that cannot be sent must never be kept: a
/// server that answers `ETag: "ab\rX-Injected: 1"` once would otherwise leave a value in the state that the
/// transport refuses to send (it would inject a header line), and every later refresh of that item would fail
/// before sending anything, even after the server is fixed, since only a new body replaces a validator.
/// Such a value is dropped when it arrives, and a stored one (written before this check existed, or edited by
/// hand) is dropped when it would be sent: the request is then unconditional, which costs one body, not a failure.
enum HTTPValidator {
    /// Longer than any real ETag or HTTP date; a longer value costs a full fetch next time, nothing more.
    static let maxLength = 1024

    /// `value` when it can be sent back as a header value: not empty, at most `maxLength` bytes, and free of
    /// control characters (CR, LF, NUL, tab and the rest of C0, and DEL), which a field value may not carry
    /// (RFC 9110 §5.5) and an `entity-tag` never has (§8.8.3); nil otherwise.
    static func usable(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.utf8.count <= maxLength else { return nil }
        return value.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) ? nil : value
    }
}
