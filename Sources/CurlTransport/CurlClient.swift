import CCurl
import Glibc

/// An HTTPS client on libcurl's multi interface: many transfers at once, hard limits, retries.
///
/// One dedicated thread owns the multi handle and every easy handle; `fetch` only hands a job to it through a
/// locked inbox and wakes it with `curl_multi_wakeup`, so no cooperative-pool thread ever blocks on libcurl.
/// One client per process shares the connection cache, DNS cache and TLS sessions. Call ``shutdown()``
/// before the process ends.
public final class CurlClient: Sendable {
    private let configuration: TransportConfiguration
    private let multi: MultiHandle
    private let inbox = LockedBox(Inbox())
    /// Scheme and host key by the part of a URL before its path: libcurl parses each distinct one once
    /// (rather than parsing every URL and copying three parts out of it).
    private let authorities = LockedBox<[String: (scheme: String, hostKey: String)]>([:])
    private let finished = Completion()

    /// Call-once process-wide init; `swift_once` gives the lazy static its once-only guarantee.
    private static let globalInitCode: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    /// Starts the client's transfer thread.
    /// - Throws: ``TransportError`` with code ``TransportError/Code/other(_:)`` when libcurl cannot initialise.
    public init(configuration: TransportConfiguration = TransportConfiguration()) throws(TransportError) {
        guard Self.globalInitCode == CURLE_OK else {
            throw TransportError(
                .other(Int32(Self.globalInitCode.rawValue)), url: "",
                message: "libcurl could not be initialised: \(Transfer.describe(Self.globalInitCode))")
        }
        guard let raw = curl_multi_init() else {
            throw TransportError(
                .other(Int32(CURLE_FAILED_INIT.rawValue)), url: "",
                message: "libcurl could not create a multi handle")
        }
        self.configuration = configuration
        self.multi = MultiHandle(raw: raw)
        // The per-host limit is enforced by the loop's queue (see Engine.admit); libcurl's own is the backstop
        // for redirects to other hosts, where extra transfers wait for a connection instead of failing.
        _ = ccurl_multi_setopt_long(raw, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, configuration.maxConnectionsPerHost))
        _ = ccurl_multi_setopt_long(raw, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        // Keep every connection the transfers use: libcurl's default cache (4 x the handles added at the moment)
        // shrinks between waves of transfers and closes connections that the next wave then reopens.
        _ = ccurl_multi_setopt_long(raw, CURLMOPT_MAXCONNECTS, max(1, configuration.maxConcurrentTransfers))
        let engine = EngineStarter(
            multi: multi, inbox: inbox, maxConcurrent: configuration.maxConcurrentTransfers,
            maxPerHost: configuration.maxConnectionsPerHost, finished: finished)
        guard startThread(name: "genai-curl", { engine.run() }) else {
            // Closed: deinit then neither wakes nor waits for a thread that never ran.
            inbox.withLock { $0.state = .closed }
            curl_multi_cleanup(raw)
            throw TransportError(
                .other(Int32(CURLE_FAILED_INIT.rawValue)), url: "",
                message: "the transfer thread could not be started")
        }
    }

    deinit {
        // Without shutdown() the thread would park in poll forever; ask it to stop, but do not wait here.
        requestStop()
    }

    /// Fetches `request.url` with GET, following redirects and retrying transient failures.
    ///
    /// Returns for 2xx, and for 304 (see ``TransportResponse/isNotModified``) when the request was conditional
    /// (it sent `If-None-Match` or `If-Modified-Since`); any other final status is thrown
    /// as ``TransportError/Code/httpStatus(_:)``. Transient failures (connection errors, timeouts, 5xx, 429)
    /// are retried per ``TransportConfiguration/retry`` with exponential backoff and full jitter, or after the
    /// server's `Retry-After` when it is within ``RetryPolicy/maxRetryAfter``. Each attempt has its own
    /// ``TransferLimits/totalTimeout``. Cancelling the calling task ends the transfer at once.
    /// - Throws: ``TransportError`` describing the last failure.
    public func fetch(_ request: TransportRequest) async throws(TransportError) -> TransportResponse {
        let plan = try makePlan(request)
        let policy = configuration.retry
        var attempt = 1
        while true {
            var error: TransportError
            switch await runAttempt(plan) {
            case .success(let raw) where (200..<300).contains(raw.status) || (raw.status == 304 && plan.isConditional):
                return TransportResponse(
                    status: raw.status, headers: raw.headers, body: raw.body, effectiveURL: raw.effectiveURL,
                    redirectCount: raw.redirectCount, httpVersion: raw.httpVersion, attempts: attempt)
            case .success(let raw):
                // A 304 says "what you have is current": to a request that named nothing it says nothing.
                let unconditional = raw.status == 304 ? " to a request that was not conditional (no validator was sent)" : ""
                error = TransportError(
                    .httpStatus(raw.status), url: plan.url,
                    message: "the server answered \(describeStatus(raw.status))\(unconditional)",
                    retryAfter: raw.headers["retry-after"].flatMap(parseRetryAfter))
            case .failure(let failure):
                error = failure
            }
            error.attempts = attempt
            guard error.isTransient, attempt < policy.maxAttempts else { throw error }
            let delay: Duration
            if let retryAfter = error.retryAfter {
                guard retryAfter <= policy.maxRetryAfter else {
                    // Retrying sooner than the server asked would be rude and likely fail again.
                    throw TransportError(
                        error.code, url: plan.url,
                        message: "\(error.message) and asked to retry after \(format(retryAfter)), longer than "
                            + "the \(format(policy.maxRetryAfter)) this client waits",
                        attempts: attempt)
                }
                delay = retryAfter
            } else {
                delay = backoff(attempt: attempt, policy: policy)
            }
            do {
                try await Task.sleep(for: delay)
            } catch {
                throw TransportError(.cancelled, url: plan.url, message: "the fetch was cancelled", attempts: attempt)
            }
            attempt += 1
        }
    }

    /// Fails every queued and running transfer with ``TransportError/Code/clientShutDown``, frees libcurl's
    /// resources and returns once the transfer thread has finished. Later fetches fail the same way.
    public func shutdown() {
        requestStop()
        finished.wait()
    }

    private func requestStop() {
        inbox.withLock { box in
            guard box.state == .running else { return }
            box.state = .stopping
            _ = curl_multi_wakeup(multi.raw)
        }
    }

    /// Hands one attempt to the curl thread and waits for its outcome, forwarding task cancellation.
    private func runAttempt(_ plan: AttemptPlan) async -> AttemptOutcome {
        let token = CancelToken()
        let id = inbox.withLock { box in
            box.nextID += 1
            return box.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<AttemptOutcome, Never>) in
                let job = Job(id: id, plan: plan, token: token, continuation: continuation)
                let accepted = inbox.withLock { box in
                    guard box.state == .running else { return false }
                    box.jobs.append(job)
                    if box.sleeping {
                        box.sleeping = false
                        _ = curl_multi_wakeup(multi.raw)
                    }
                    return true
                }
                if !accepted {
                    continuation.resume(
                        returning: .failure(
                            TransportError(
                                .clientShutDown, url: plan.url, message: "the client has been shut down")))
                }
            }
        } onCancel: {
            // The token covers a job not yet seen by the loop; the id makes the loop end a running one now.
            token.cancel()
            inbox.withLock { box in
                guard box.state != .closed else { return }
                box.cancelled.append(id)
                _ = curl_multi_wakeup(multi.raw)
            }
        }
    }

    /// Validates the request on the caller's side: scheme policy and header hygiene.
    private func makePlan(_ request: TransportRequest) throws(TransportError) -> AttemptPlan {
        let url = request.url
        let (scheme, hostKey) = try schemeAndHostKey(url)
        switch scheme {
        case "https":
            break
        case "http" where configuration.allowPlainHTTP:
            break
        case "http":
            throw TransportError(
                .plainHTTPNotAllowed, url: url,
                message: "plain http is not allowed (use https); nothing was fetched")
        default:
            let allowed = configuration.allowPlainHTTP ? "https and http are" : "https is"
            throw TransportError(
                .forbiddenScheme, url: url,
                message: "\(scheme): URLs are never fetched; only \(allowed)")
        }
        var lines: [String] = []
        if let etag = request.ifNoneMatch { lines.append("If-None-Match: \(etag)") }
        if let date = request.ifModifiedSince { lines.append("If-Modified-Since: \(date)") }
        for header in request.headers { lines.append("\(header.name): \(header.value)") }
        // A CR, LF or NUL would let a value (say, an ETag a server sent us) inject further header lines.
        if let bad = lines.first(where: { $0.utf8.contains(where: { $0 == 10 || $0 == 13 || $0 == 0 }) }) {
            throw TransportError(
                .invalidRequest, url: url,
                message: "a request header contains a line break or NUL: \(bad.debugDescription)")
        }
        let conditionalHeaders: Set<String> = ["if-none-match", "if-modified-since"]
        let isConditional =
            request.ifNoneMatch != nil || request.ifModifiedSince != nil
            || request.headers.contains { conditionalHeaders.contains($0.name.lowercased()) }
        return AttemptPlan(
            url: url, scheme: scheme, hostKey: hostKey, headerLines: lines, isConditional: isConditional,
            limits: request.limits ?? configuration.defaultLimits,
            allowPlainHTTP: configuration.allowPlainHTTP, caBundlePath: configuration.extraCABundlePath,
            userAgent: configuration.userAgent)
    }

    /// `parse`, remembered by the URL's "scheme://authority" part, which alone decides both answers. A URL
    /// whose path is malformed then fails at its transfer (libcurl parses the whole URL again there) with the
    /// same error code, `invalidURL`.
    private func schemeAndHostKey(_ url: String) throws(TransportError) -> (scheme: String, hostKey: String) {
        guard let prefix = authorityPrefix(of: url) else { return try parse(url) }
        if let known = authorities.withLock({ $0[prefix] }) { return known }
        let parsed = try parse(url)
        authorities.withLock { $0[prefix] = parsed }
        return parsed
    }

    /// The URL's scheme and "scheme://host:port", lowercased, as libcurl's own parser sees them (no parser
    /// differential between this check and the fetch).
    private func parse(_ url: String) throws(TransportError) -> (scheme: String, hostKey: String) {
        guard let handle = curl_url() else {
            throw TransportError(.other(Int32(CURLE_OUT_OF_MEMORY.rawValue)), url: url, message: "out of memory")
        }
        defer { curl_url_cleanup(handle) }
        let setCode = curl_url_set(handle, CURLUPART_URL, url, 0)
        if setCode == CURLUE_UNSUPPORTED_SCHEME {
            throw TransportError(.forbiddenScheme, url: url, message: "this URL scheme is never fetched; only https is")
        }
        guard setCode == CURLUE_OK else {
            let reason = String(cString: curl_url_strerror(setCode))
            throw TransportError(.invalidURL, url: url, message: "not a valid absolute URL (\(reason))")
        }
        func get(_ part: CURLUPart, _ flags: UInt32 = 0) -> String? {
            var value: UnsafeMutablePointer<CChar>?
            guard curl_url_get(handle, part, &value, flags) == CURLUE_OK, let value else { return nil }
            defer { curl_free(value) }
            return String(cString: value).lowercased()
        }
        guard let scheme = get(CURLUPART_SCHEME) else {
            throw TransportError(.invalidURL, url: url, message: "the URL has no scheme")
        }
        // A file: URL has no host; it is refused by scheme later, so do not call that "invalid".
        let host = get(CURLUPART_HOST) ?? ""
        let port = get(CURLUPART_PORT, UInt32(CURLU_DEFAULT_PORT)) ?? ""
        return (scheme, "\(scheme)://\(host):\(port)")
    }
}

/// Carries the engine's inputs into the thread closure; the Engine itself is created on the curl thread.
private struct EngineStarter: Sendable {
    let multi: MultiHandle
    let inbox: LockedBox<Inbox>
    let maxConcurrent: Int
    let maxPerHost: Int
    let finished: Completion

    func run() {
        Engine(multi: multi, inbox: inbox, maxConcurrent: maxConcurrent, maxPerHost: maxPerHost).run()
        finished.signal()
    }
}

/// Exponential backoff with full jitter: a uniformly random delay in [0, min(maxDelay, base·2^(attempt-1))],
/// so many clients failing together do not retry in lockstep.
func backoff(attempt: Int, policy: RetryPolicy) -> Duration {
    let base = Double(policy.baseDelay.milliseconds)
    let ceiling = min(Double(policy.maxDelay.milliseconds), base * pow(2, Double(max(0, attempt - 1))))
    return .milliseconds(Int(Double.random(in: 0...max(0, ceiling))))
}

/// "HTTP 404 (Not Found)" for the statuses people meet; the bare number otherwise.
func describeStatus(_ status: Int) -> String {
    let reasons = [
        400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 408: "Request Timeout",
        410: "Gone", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
        503: "Service Unavailable", 504: "Gateway Timeout",
    ]
    return reasons[status].map { "HTTP \(status) (\($0))" } ?? "HTTP \(status)"
}

/// Parses `Retry-After`: delay-seconds or an HTTP-date (via libcurl's date parser); nil when unparseable.
func parseRetryAfter(_ value: String) -> Duration? {
    var trimmed = Substring(value)
    while let c = trimmed.first, c == " " || c == "\t" { trimmed.removeFirst() }
    while let c = trimmed.last, c == " " || c == "\t" { trimmed.removeLast() }
    if let seconds = Int(trimmed) { return seconds >= 0 ? .seconds(seconds) : nil }
    let date = curl_getdate(String(trimmed), nil)
    guard date >= 0 else { return nil }
    return .seconds(max(0, Int(date) - Int(time(nil))))
}

/// "scheme://authority" of `url`: what comes before the first "/", "?" or "#" after "://" (where libcurl ends
/// the authority too); nil when there is no "://".
func authorityPrefix(of url: String) -> String? {
    // A plain byte scan: the generic `firstRange(of:)` of _StringProcessing is slow on this path, run per request.
    var url = url
    return url.withUTF8 { bytes -> String? in
        let colon = UInt8(ascii: ":"), slash = UInt8(ascii: "/")
        var start = 0
        while start + 2 < bytes.count, !(bytes[start] == colon && bytes[start + 1] == slash && bytes[start + 2] == slash) {
            start += 1
        }
        guard start + 2 < bytes.count else { return nil }
        var end = start + 3
        while end < bytes.count, bytes[end] != slash, bytes[end] != UInt8(ascii: "?"), bytes[end] != UInt8(ascii: "#") {
            end += 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
    }
}
