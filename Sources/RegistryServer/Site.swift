/// Everything the lookup service answers, by path, from one ``ServedRegistry``: the JSON API, the page
/// and its assets. `serve` routes requests here; `publish` writes the same answers to files.
public struct Site: Sendable {
    public let registry: ServedRegistry
    public let configuration: ServerConfiguration

    public init(registry: ServedRegistry, configuration: ServerConfiguration) {
        self.registry = registry
        self.configuration = configuration
    }

    var endpoints: Endpoints { Endpoints(registry: registry, limits: configuration) }

    /// The parameters each API path accepts; anything else is a 400, so a typo is not silently ignored.
    static let toolListParameters: Set<String> = ["q", "vendor", "category", "verdict"]

    /// `GET /v1/tools` with its query.
    func tools(_ query: QueryString) -> Answer {
        if let unknown = query.unknownNames(Self.toolListParameters).first {
            return .error(
                400, "unknown-parameter", "unknown parameter \"\(unknown.prefix(40))\"; this endpoint takes q, vendor, category and verdict")
        }
        return endpoints.tools(q: query.first("q"), vendor: query.first("vendor"), category: query.first("category"), verdict: query.first("verdict"))
    }

    /// `GET /v1/tools/{id}/assessment` with its query.
    func assessment(_ id: String, _ query: QueryString) -> Answer {
        if let unknown = query.unknownNames(["use", "production"]).first {
            return .error(400, "unknown-parameter", "unknown parameter \"\(unknown.prefix(40))\"; this endpoint takes use and production")
        }
        return endpoints.assessment(id, uses: query.all("use"), production: query.first("production"))
    }

    /// Endpoints without parameters: reject any, as above.
    func plain(_ query: QueryString, _ answer: () -> Answer) -> Answer {
        if let unknown = query.pairs.first?.name {
            return .error(400, "unknown-parameter", "unknown parameter \"\(unknown.prefix(40))\"; this endpoint takes none")
        }
        return answer()
    }

    /// `GET /`: the lookup page; `?q=` filters, `?tool=&use=` answers the use-case question.
    public func page(_ query: QueryString, mode: LookupPageMode = .server) -> Answer {
        let q = query.first("q").map { String($0.prefix(configuration.maxParameterBytes)) }
        let tool = query.first("tool").map { String($0.prefix(configuration.maxParameterBytes)) }.flatMap { $0.isEmpty ? nil : $0 }
        let uses = query.all("use").prefix(configuration.maxUses).map { String($0.prefix(configuration.maxParameterBytes)) }
        let production = mode == .server ? query.first("production").map { String($0.prefix(configuration.maxParameterBytes)) } : nil
        let page = LookupPage(
            registry: registry, mode: mode == .server ? .server : .published, query: q, askTool: tool, askUses: Array(uses),
            askProduction: production.flatMap { $0.isEmpty ? nil : $0 })
        return Answer(
            status: registry.problem == nil ? 200 : 503, contentType: "text/html; charset=utf-8",
            body: Array(page.render().utf8), cacheControl: CachePolicy.api)
    }

    /// Reads the page's script and style sheet now, so that a missing resource stops `serve` or `publish` at
    /// start rather than at the first page request.
    public static func loadAssets() {
        _ = (script, styleSheet)
    }

    /// `GET /static/app.js`.
    public static let script = Answer(contentType: "text/javascript; charset=utf-8", body: Array(Assets.script.utf8), cacheControl: CachePolicy.asset)

    /// `GET /static/style.css`.
    public static let styleSheet = Answer(
        contentType: "text/css; charset=utf-8", body: Array(Assets.styleSheet.utf8), cacheControl: CachePolicy.asset)

    /// `GET /v1/openapi.json`.
    public static let openAPI = Answer.json(OpenAPIDocument.json, cacheControl: CachePolicy.asset)

    /// A page for paths that are not there (outside `/v1`, where errors are JSON).
    static func notFoundPage(_ path: String) -> Answer {
        let body = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Not found</title><link rel="stylesheet" href="/static/style.css"></head>
            <body><main><section><h1>Not found</h1><p>Nothing is at \(HTML.escape(path.prefix(200))). \
            <a href="/">Look a tool up</a>.</p></section></main></body></html>

            """
        return Answer(status: 404, contentType: "text/html; charset=utf-8", body: Array(body.utf8), cacheControl: CachePolicy.error)
    }
}

/// Who answers the page's use-case form: the server (`serve`), or the script reading published JSON.
public enum LookupPageMode: Sendable {
    case server, published
}
