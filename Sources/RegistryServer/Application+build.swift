public import Hummingbird
import HummingbirdCore
public import Logging
import NIOCore

/// The request context of the lookup service: Hummingbird's basic context, plus the connection.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection the request came on: a CONNECT leaves it unreadable to the HTTP parser, so it is closed.
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// The routes of the lookup service over `holder`'s registry (each request reads the current snapshot only;
/// ``RegistryReloader`` keeps it current). Every response goes through
/// ``ServeMiddleware`` (limits, errors as JSON, security headers, request log).
public func buildRouter(holder: RegistryHolder) -> Router<AppRequestContext> {
    // HEAD is answered wherever GET is (monitors and link checkers use it), with the same headers and no body.
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.addMiddleware { ServeMiddleware(configuration: holder.configuration) }

    /// Registers `path` and `path.json` (the published file's name) for the same answer.
    func both(_ path: RouterPath, _ json: RouterPath, _ answer: @escaping @Sendable (Site, QueryString) -> Answer) {
        for p in [path, json] {
            router.get(p) { request, _ in
                guard let query = QueryString(request.uri.query) else { return badQuery(request) }
                return respond(answer(Site(registry: holder.current(), configuration: holder.configuration), query), to: request)
            }
        }
    }

    router.get("/") { request, _ in
        let site = Site(registry: holder.current(), configuration: holder.configuration)
        return respond(site.page(QueryString(request.uri.query) ?? QueryString()), to: request)
    }
    router.get("/index.html") { request, _ in
        let site = Site(registry: holder.current(), configuration: holder.configuration)
        return respond(site.page(QueryString(request.uri.query) ?? QueryString()), to: request)
    }
    router.get("/static/app.js") { request, _ in respond(Site.script, to: request) }
    router.get("/static/style.css") { request, _ in respond(Site.styleSheet, to: request) }
    router.get("/v1/openapi.json") { request, _ in respond(Site.openAPI, to: request) }

    both("/v1", "/v1/index.json") { site, q in site.plain(q) { site.endpoints.index() } }
    both("/v1/health", "/v1/health.json") { site, q in site.plain(q) { site.endpoints.health() } }
    both("/v1/uses", "/v1/uses.json") { site, q in site.plain(q) { site.endpoints.uses() } }
    both("/v1/decisions", "/v1/decisions.json") { site, q in site.plain(q) { site.endpoints.decisions() } }
    both("/v1/review", "/v1/review.json") { site, q in site.plain(q) { site.endpoints.review() } }
    both("/v1/tools", "/v1/tools.json") { site, q in site.tools(q) }

    router.get("/v1/tools/:id") { request, context in
        guard let query = QueryString(request.uri.query) else { return badQuery(request) }
        let site = Site(registry: holder.current(), configuration: holder.configuration)
        return respond(site.plain(query) { site.endpoints.record(toolID(context)) }, to: request)
    }
    for suffix in ["verdict", "verdict.json"] {
        router.get("/v1/tools/:id/\(suffix)") { request, context in
            guard let query = QueryString(request.uri.query) else { return badQuery(request) }
            let site = Site(registry: holder.current(), configuration: holder.configuration)
            return respond(site.plain(query) { site.endpoints.verdict(toolID(context)) }, to: request)
        }
    }
    for suffix in ["assessment", "assessment.json"] {
        router.get("/v1/tools/:id/\(suffix)") { request, context in
            guard let query = QueryString(request.uri.query) else { return badQuery(request) }
            let site = Site(registry: holder.current(), configuration: holder.configuration)
            return respond(site.assessment(toolID(context), query), to: request)
        }
    }
    return router
}

/// The lookup service as a Hummingbird application bound to `host:port` (port 0 picks a free one;
/// `onServerRunning` receives the bound port). Run it with `runService()` for graceful shutdown on SIGTERM/SIGINT.
public func buildApplication(
    configuration: ServerConfiguration,
    host: String = "127.0.0.1",
    port: Int = 8080,
    logger: Logger,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async -> some ApplicationProtocol {
    Site.loadAssets()
    let holder = await RegistryHolder.load(configuration, logger: logger)
    // An idle connection, or one whose request headers do not arrive in full within the idle timeout (a
    // slowloris), is closed: a request's parts are what counts as activity, not single bytes.
    let idle = configuration.idleTimeout.components
    // An HTTP/1.0 request without keep-alive (or any with Connection: close) has its connection closed after
    // the answer (KeepAliveGuard).
    let http1 = HTTP1Channel.Configuration(
        additionalChannelHandlers: [KeepAliveGuardInstaller()],
        idleTimeout: .nanoseconds(idle.seconds * 1_000_000_000 + idle.attoseconds / 1_000_000_000))
    return Application(
        router: buildRouter(holder: holder),
        server: .http1(configuration: http1),
        configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "genai-registry"),
        // Reloads run beside the server, off the request path, and stop with it.
        services: [RegistryReloader(holder: holder)],
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
        logger: logger)
}

/// The URL of a server bound to `host:port`, as the banner prints it: an IPv6 literal in brackets
/// (`http://[::1]:8080/`), as a URL must have it.
public func serverURL(host: String, port: Int) -> String {
    let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    return "http://\(shown):\(port)/"
}

/// `{id}` and `{id}.json` name the same tool; the parameter is percent-decoded (`openai%2Dapi` is `openai-api`).
private func toolID(_ context: AppRequestContext) -> String {
    let encoded = context.parameters.get("id") ?? ""
    let raw = QueryString.decodePathSegment(encoded[...]) ?? encoded
    return raw.hasSuffix(".json") ? String(raw.dropLast(5)) : raw
}
