import CCurl
import FoundationEssentials
import Glibc

/// Everything the curl thread needs to run one attempt; built and validated on the caller's side.
struct AttemptPlan: Sendable {
    let url: String
    /// "https", or "http" when plain HTTP is allowed; redirects must keep it.
    let scheme: String
    /// "scheme://host:port", the key of the per-host limit.
    let hostKey: String
    let headerLines: [String]
    /// Whether the request carries a validator, so that a 304 answers it.
    let isConditional: Bool
    let limits: TransferLimits
    let allowPlainHTTP: Bool
    let caBundlePath: String?
    let userAgent: String
}

/// What one attempt produced when libcurl reported success; the status may still be an error status.
struct RawResponse: Sendable {
    let status: Int
    let headers: [String: String]
    let body: Data
    let effectiveURL: String
    let redirectCount: Int
    let httpVersion: String
}

typealias AttemptOutcome = Result<RawResponse, TransportError>

/// A libcurl easy handle and the error buffer it writes to, kept between transfers: creating a handle and
/// cleaning it up after each of 10,000 small fetches was a tenth of the curl thread's time. Curl thread only.
final class EasyHandle {
    let raw: UnsafeMutableRawPointer
    /// libcurl writes its detailed message here; it needs stable memory for the handle's lifetime.
    let errorBuffer: UnsafeMutablePointer<CChar>

    init?() {
        guard let raw = curl_easy_init() else { return nil }
        self.raw = raw
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(raw)
        errorBuffer.deallocate()
    }
}

@available(*, unavailable)
extension EasyHandle: Sendable {}

/// One transfer on an easy handle, and its buffers. Created, driven and destroyed on the curl thread only.
///
/// libcurl keeps an unretained pointer to this object (WRITEDATA / HEADERDATA); the loop's `active` table
/// holds the strong reference until the handle has been removed from the multi handle, and only then is
/// this object released, so no callback can reach it during or after `deinit`.
///
/// A handle is reused only after a transfer finished (not one cancelled mid-way) and only when no extra CA
/// bundle was set: every other option is set again by `configure`, so nothing of one transfer's options
/// carries over to the next.
final class Transfer {
    let id: UInt64
    let job: Job
    let handle: EasyHandle
    var easy: UnsafeMutableRawPointer { handle.raw }
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var errorBuffer: UnsafeMutablePointer<CChar> { handle.errorBuffer }

    private var body = Data()
    private var bodyLimitExceeded = false
    private var headerBytes = 0
    private var headersLimitExceeded = false
    private var headerFields: [(name: String, value: String)] = []
    private var headersComplete = false

    init(job: Job, handle: EasyHandle) {
        self.id = job.id
        self.job = job
        self.handle = handle
        handle.errorBuffer.pointee = 0
    }

    deinit {
        // The handle may outlive this transfer: it must not keep pointers to what is freed here.
        _ = ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, nil)
        _ = ccurl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, nil)
        _ = ccurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, nil)
        curl_slist_free_all(headerList)
    }

    /// Whether the handle may serve another transfer once this one is removed from the multi handle.
    var handleIsReusable: Bool { plan.caBundlePath == nil }

    private var plan: AttemptPlan { job.plan }

    /// Sets every option of the transfer; a failure here is a bug or a libcurl built without a feature.
    func configure() -> TransportError? {
        let limits = plan.limits
        let me = Unmanaged.passUnretained(self).toOpaque()
        for line in plan.headerLines {
            guard let appended = curl_slist_append(headerList, line) else {
                return TransportError(
                    .other(Int32(CURLE_OUT_OF_MEMORY.rawValue)), url: plan.url,
                    message: "could not build the request headers")
            }
            headerList = appended
        }
        // Plain HTTP exists only for loopback tests; `file:`, `ftp:` and friends are never fetched.
        let protocols = plan.allowPlainHTTP ? "http,https" : "https"
        var results: [CURLcode] = [
            ccurl_easy_setopt_string(easy, CURLOPT_URL, plan.url),
            ccurl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1),
            ccurl_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, protocols),
            // Redirects may only keep the starting scheme. libcurl checks this itself before each hop, with the
            // same parser that follows the Location, so an https→http downgrade (or any scheme change, or a
            // `file:` target) is refused even when plain HTTP is allowed, without us re-parsing Location URLs.
            ccurl_easy_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, plan.scheme),
            ccurl_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 1),
            ccurl_easy_setopt_long(easy, CURLOPT_MAXREDIRS, limits.maxRedirects),
            ccurl_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS)),
            // Wait for a multiplexable connection rather than opening another one to the same host.
            ccurl_easy_setopt_long(easy, CURLOPT_PIPEWAIT, 1),
            // "" = every encoding libcurl can decode; the write callback then counts decoded bytes, which is
            // what bounds a decompression bomb.
            ccurl_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, ""),
            // Rejects an announced Content-Length early; streamed bodies are capped in the write callback.
            ccurl_easy_setopt_off_t(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(limits.maxBodyBytes)),
            ccurl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, limits.totalTimeout.milliseconds),
            ccurl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, limits.connectTimeout.milliseconds),
            ccurl_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, limits.lowSpeedLimit),
            ccurl_easy_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, max(1, limits.lowSpeedTime.milliseconds / 1000)),
            ccurl_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 1),
            ccurl_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 2),
            ccurl_easy_setopt_string(easy, CURLOPT_USERAGENT, plan.userAgent),
            ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList),
            ccurl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer)),
            ccurl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me),
            ccurl_easy_setopt_write_callback(easy, CURLOPT_WRITEFUNCTION) { data, size, count, userdata in
                guard let userdata else { return 0 }
                let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
                return transfer.receiveBody(data, size * count)
            },
            ccurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me),
            // The header callback has the write callback's C signature.
            ccurl_easy_setopt_write_callback(easy, CURLOPT_HEADERFUNCTION) { data, size, count, userdata in
                guard let userdata else { return 0 }
                let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
                return transfer.receiveHeader(data, size * count)
            },
        ]
        if let caBundlePath = plan.caBundlePath {
            results.append(ccurl_easy_setopt_string(easy, CURLOPT_CAINFO, caBundlePath))
        }
        if let failed = results.first(where: { $0 != CURLE_OK }) {
            return TransportError(
                .other(Int32(failed.rawValue)), url: plan.url,
                message: "libcurl refused an option: \(Self.describe(failed))",
                curlCode: Int32(failed.rawValue))
        }
        return nil
    }

    /// Appends body bytes; returning less than `count` makes libcurl abort with CURLE_WRITE_ERROR.
    private func receiveBody(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard count > 0 else { return 0 }
        guard let data, body.count + count <= plan.limits.maxBodyBytes else {
            // The flag tells the completion handler this write error means "too large", not a disk problem.
            bodyLimitExceeded = true
            return 0
        }
        UnsafeRawPointer(data).withMemoryRebound(to: UInt8.self, capacity: count) { body.append($0, count: count) }
        return count
    }

    /// Collects one header line; called for every response of a redirect chain and for 1xx responses.
    private func receiveHeader(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard count > 0 else { return 0 }
        guard let data else { return 0 }
        let bytes = UnsafeRawBufferPointer(start: data, count: count)
        if bytes.starts(with: "HTTP/".utf8) {
            // A new response starts: keep only the final response's headers, and count each response alone.
            headerFields.removeAll(keepingCapacity: true)
            headerBytes = 0
            headersComplete = false
        }
        headerBytes += count
        guard headerBytes <= plan.limits.maxHeaderBytes else {
            headersLimitExceeded = true
            return 0
        }
        // Work on bytes: "\r\n" is a single Character in Swift, so String-level trimming would miss it.
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        let line = bytes[bytes.startIndex..<end]
        if line.isEmpty { headersComplete = true }
        if let colon = line.firstIndex(of: UInt8(ascii: ":")), !line.starts(with: "HTTP/".utf8) {
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased()
            // Optional white space around a field value is spaces and tabs (RFC 9110 5.5), trimmed as bytes:
            // Foundation's trimmingCharacters bridges through NSString, on every header of every response.
            var start = colon + 1
            var stop = line.endIndex
            while start < stop, line[start] == UInt8(ascii: " ") || line[start] == UInt8(ascii: "\t") { start += 1 }
            while stop > start, line[stop - 1] == UInt8(ascii: " ") || line[stop - 1] == UInt8(ascii: "\t") { stop -= 1 }
            headerFields.append((name, String(decoding: line[start..<stop], as: UTF8.self)))
        }
        return count
    }

    /// Whether the final response's headers had all arrived (a body, or the blank line ending the headers).
    private var responseStarted: Bool { !body.isEmpty || headersComplete }

    /// Turns libcurl's verdict plus the collected state into a response or an error. Call before cleanup.
    func outcome(_ code: CURLcode) -> AttemptOutcome {
        let url = plan.url
        let limits = plan.limits
        if bodyLimitExceeded || code == CURLE_FILESIZE_EXCEEDED {
            return .failure(
                TransportError(
                    .bodyTooLarge, url: url,
                    message: "the server sent more than \(formatBytes(limits.maxBodyBytes)) (the limit); "
                        + "the file was not accepted", curlCode: Int32(code.rawValue)))
        }
        if headersLimitExceeded {
            return .failure(
                TransportError(
                    .headersTooLarge, url: url,
                    message: "the server sent more than \(formatBytes(limits.maxHeaderBytes)) of response headers "
                        + "(the limit); the response was not accepted", curlCode: Int32(code.rawValue)))
        }
        guard code == CURLE_OK else { return .failure(error(for: code)) }
        var headers: [String: String] = [:]
        for (name, value) in headerFields {
            // RFC 9110 §5.3: repeated fields combine into one comma-separated value.
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        return .success(
            RawResponse(
                status: getLong(CURLINFO_RESPONSE_CODE), headers: headers, body: body,
                effectiveURL: effectiveURL() ?? url, redirectCount: getLong(CURLINFO_REDIRECT_COUNT),
                httpVersion: httpVersion()))
    }

    private func error(for code: CURLcode) -> TransportError {
        let url = plan.url
        let limits = plan.limits
        let rawCode = Int32(code.rawValue)
        let osErrno = Int32(truncatingIfNeeded: getLong(CURLINFO_OS_ERRNO))
        let errno: Int32? = osErrno == 0 ? nil : osErrno
        let detail = errorBuffer.pointee == 0 ? Self.describe(code) : String(cString: errorBuffer)
        func make(_ kind: TransportError.Code, _ message: String) -> TransportError {
            TransportError(kind, url: url, message: message, curlCode: rawCode, osErrno: errno)
        }
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            // libcurl reports the low-speed abort with the timeout code; only its message tells them apart.
            if detail.contains("too slow") {
                return make(
                    .tooSlow,
                    "the server sent less than \(limits.lowSpeedLimit) bytes/s for "
                        + "\(format(limits.lowSpeedTime)); gave up")
            }
            return make(
                .timedOut,
                "no complete answer within the time limit of \(format(limits.totalTimeout)) "
                    + "(connect limit \(format(limits.connectTimeout))): \(detail)")
        case CURLE_TOO_MANY_REDIRECTS:
            return make(.tooManyRedirects, "more than \(limits.maxRedirects) redirects; gave up")
        case CURLE_UNSUPPORTED_PROTOCOL:
            // The start URL's scheme was checked before the transfer, so this is a refused redirect; libcurl
            // leaves the refused target in EFFECTIVE_URL.
            let target = effectiveURL() ?? "another scheme"
            if plan.scheme == "https", target.lowercased().hasPrefix("http:") {
                return make(
                    .forbiddenScheme,
                    "redirected from https to plain http (\(target)); "
                        + "a downgrade is never followed")
            }
            return make(.forbiddenScheme, "redirected to \(target); only \(plan.scheme) redirects are followed")
        case CURLE_COULDNT_RESOLVE_HOST:
            return make(.couldNotResolve, "could not resolve the host name (\(detail))")
        case CURLE_COULDNT_CONNECT:
            let reason = errno.map { String(cString: strerror($0)) } ?? detail
            return make(.couldNotConnect, "could not connect to the server (\(reason))")
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            return make(.tlsFailure, "the server's TLS certificate was not accepted (\(detail))")
        case CURLE_PARTIAL_FILE:
            return make(
                .truncatedBody,
                "the connection closed before the whole body arrived "
                    + "(\(formatBytes(body.count)) received); the file was not accepted")
        case CURLE_RECV_ERROR where responseStarted, CURLE_HTTP2_STREAM where responseStarted:
            // A reset (RST, or an HTTP/2 stream reset) once the final response's headers are in: the body was
            // cut short, as with a close; libcurl only reports it as a receive error.
            return make(
                .truncatedBody,
                "the connection was reset before the whole body arrived "
                    + "(\(formatBytes(body.count)) received; \(detail)); the file was not accepted")
        case CURLE_OUT_OF_MEMORY where body.isEmpty:
            // libcurl 7.88 caps one header line at 100 KB in a bounded buffer and reports overflowing it as
            // "out of memory", with no message; before any body byte that is what this code means in practice.
            return make(
                .headersTooLarge,
                "the server sent a response header line longer than libcurl accepts "
                    + "(100 KB); the response was not accepted")
        case CURLE_URL_MALFORMAT:
            return make(.invalidURL, "the URL is malformed (\(detail))")
        default:
            return make(.other(rawCode), "the transfer failed: \(detail) (curl error \(rawCode))")
        }
    }

    private func getLong(_ info: CURLINFO) -> Int {
        var value = 0
        return ccurl_easy_getinfo_long(easy, info, &value) == CURLE_OK ? value : 0
    }

    /// EFFECTIVE_URL's memory belongs to the handle, so copy it out.
    private func effectiveURL() -> String? {
        var pointer: UnsafeMutablePointer<CChar>?
        guard ccurl_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &pointer) == CURLE_OK, let pointer else {
            return nil
        }
        return String(cString: pointer)
    }

    private func httpVersion() -> String {
        switch getLong(CURLINFO_HTTP_VERSION) {
        case Int(CURL_HTTP_VERSION_1_0): "1.0"
        case Int(CURL_HTTP_VERSION_1_1): "1.1"
        case Int(CURL_HTTP_VERSION_2_0): "2"
        case Int(CURL_HTTP_VERSION_3): "3"
        default: "unknown"
        }
    }

    static func describe(_ code: CURLcode) -> String {
        String(cString: curl_easy_strerror(code))
    }
}

@available(*, unavailable)
extension Transfer: Sendable {}

extension Duration {
    /// Whole milliseconds, saturating, as libcurl's `long` options want them.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        let (millis, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        return overflow ? Int.max : Int(clamping: millis + attoseconds / 1_000_000_000_000_000)
    }
}

/// "1 MiB", "64 KiB" or "1234 bytes": exact, as limits are usually powers of two.
func formatBytes(_ count: Int) -> String {
    if count >= 1 << 20, count % (1 << 20) == 0 { return "\(count >> 20) MiB" }
    if count >= 1 << 10, count % (1 << 10) == 0 { return "\(count >> 10) KiB" }
    return count == 1 ? "1 byte" : "\(count) bytes"
}

/// "1.5 s" style durations for messages.
func format(_ duration: Duration) -> String {
    let millis = duration.milliseconds
    if millis % 1000 == 0 { return "\(millis / 1000) s" }
    let tenths = (millis + 50) / 100
    return "\(tenths / 10).\(tenths % 10) s"
}
