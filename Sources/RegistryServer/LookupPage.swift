import RegistryDomain
import RegistryJSON

/// The lookup page (`/`): server-rendered HTML, one card per tool, a search box that filters as you
/// type (`static/app.js`), and the use-case question as a plain GET form that works without JavaScript.
struct LookupPage {
    /// `server`: answered by `serve` (the form is answered by the server); `published`: static files
    /// (the script answers the form from the published JSON).
    enum Mode: String { case server, published }

    let registry: ServedRegistry
    let mode: Mode
    /// The search typed without JavaScript (`?q=`).
    var query: String?
    /// The use-case question asked without JavaScript (`?tool=ID&use=…`).
    var askTool: String?
    var askUses: [String] = []
    /// The production asked for (served page only): its written approvals count.
    var askProduction: String? = nil

    /// The tools in the order people look for them: by name, not by id ("Autodesk" before "Claude API").
    private var idsByName: [String] {
        registry.ids.sorted { byName(($0, registry.verdicts[$0]?.name ?? $0), ($1, registry.verdicts[$1]?.name ?? $1)) }
    }

    func render() -> String {
        var h = ""
        let studio = registry.policy.map { HTML.escape($0.studio) } ?? "the studio"
        h += """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="\(SecurityHeaders.pageMetaPolicy)">
            <meta name="referrer" content="no-referrer">
            <title>May we use this AI tool? — \(studio)</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="static/style.css">
            <script src="static/app.js" defer></script>
            </head>
            <body data-mode="\(mode.rawValue)">
            <a class="skip" href="#results">Skip to the tools</a>
            <header class="top">
            <h1>May we use this AI tool?</h1>

            """
        guard let policy = registry.policy else {
            h +=
                "<p class=\"problem\" role=\"alert\">The registry cannot be shown right now: \(HTML.escape(registry.problem ?? "unknown problem"))</p>\n</header>\n</body>\n</html>\n"
            return h
        }
        h += """
            <p class="lede">Every tool is checked against \(studio)’s policy (version \(HTML.escape(policy.version))) as of \
            \(registry.evaluatedAt.day). A tool may be used on a production only when it passes all \(Principle.countWord) principles:</p>
            <ol class="principles-list">
            \(Principle.allCases.map { "<li><strong>\($0.title)</strong> — \($0.summary)</li>\n" }.joined())</ol>
            </header>
            <main>

            """
        // Looking a tool up is what most visitors come for; an answered question goes first.
        if askTool == nil {
            h += toolsSection() + askSection(policy)
        } else {
            h += askSection(policy) + toolsSection()
        }
        h += """
            </main>
            <footer class="foot"><p>Machine-readable: <a href="v1/tools.json">v1/tools.json</a> · \
            <a href="v1/openapi.json">OpenAPI description</a> · <a href="v1/review.json">review queue</a>.</p></footer>
            </body>
            </html>

            """
        return h
    }

    private func askSection(_ policy: Policy) -> String {
        var h = "<section class=\"ask\" id=\"ask\" aria-labelledby=\"ask-title\">\n<h2 id=\"ask-title\">Ask about a use</h2>\n"
        h +=
            "<form method=\"get\" action=\"./#ask\" id=\"ask-form\">\n<div class=\"field\">\n<label for=\"ask-tool\">Tool</label>\n<select id=\"ask-tool\" name=\"tool\" required>\n"
        h += "<option value=\"\">Choose a tool…</option>\n"
        for id in idsByName {
            guard let v = registry.verdicts[id] else { continue }
            let label = v.name + (v.tier.map { " — \($0)" } ?? "")
            h += "<option value=\"\(HTML.escape(id))\"\(id == askTool ? " selected" : "")>\(HTML.escape(label))</option>\n"
        }
        h += "</select>\n</div>\n"
        // The served page knows the productions' written approvals; a static copy cannot judge them.
        if mode == .server, !registry.approvals.productions.isEmpty {
            h +=
                "<div class=\"field\">\n<label for=\"ask-production\">Production (its written approvals count)</label>\n<select id=\"ask-production\" name=\"production\">\n<option value=\"\">None</option>\n"
            for (id, show) in registry.approvals.productions.sorted(by: { $0.value.title < $1.value.title }) {
                h += "<option value=\"\(HTML.escape(id))\"\(id == askProduction ? " selected" : "")>\(HTML.escape(show.title))</option>\n"
            }
            h += "</select>\n</div>\n"
        }
        h += "<fieldset>\n<legend>What will it be used for? Tick all that apply.</legend>\n<div class=\"uses\">\n"
        for rule in policy.assessment.uses {
            let fieldID = "use-" + rule.use
            h +=
                "<div class=\"use\"><input type=\"checkbox\" id=\"\(HTML.escape(fieldID))\" name=\"use\" value=\"\(HTML.escape(rule.use))\"\(askUses.contains(rule.use) ? " checked" : "")>"
            h += " <label for=\"\(HTML.escape(fieldID))\">\(HTML.escape(Self.useLabel(rule.use)))</label></div>\n"
        }
        h += "</div>\n</fieldset>\n<button type=\"submit\">Ask</button>\n</form>\n"
        h += "<div id=\"answer\" class=\"answer\" aria-live=\"polite\">"
        if let askTool { h += answer(askTool, policy: policy) }
        h += "</div>\n</section>\n"
        return h
    }

    /// The answer to a submitted use-case question, as the server gives it without JavaScript.
    private func answer(_ id: String, policy: Policy) -> String {
        guard let verdict = registry.verdicts[id] else {
            return "<p class=\"problem\" role=\"alert\">No tool has the id “\(HTML.escape(id.prefix(64)))”. Choose one from the list.</p>"
        }
        let assessor = Assessor(policy: policy)
        let unknown = assessor.unknownUses(askUses)
        if !unknown.isEmpty {
            return "<p class=\"problem\" role=\"alert\">Unknown use: \(HTML.escape(unknown.joined(separator: ", ").prefix(200))).</p>"
        }
        var a = assessor.assess(verdict, uses: askUses)
        var requestText: String?
        if let askProduction {
            guard let show = registry.approvals.productions[askProduction], let record = registry.records[id] else {
                return "<p class=\"problem\" role=\"alert\">No production has the id “\(HTML.escape(askProduction.prefix(64)))”.</p>"
            }
            a = assessor.assess(verdict, uses: askUses, production: show, book: registry.approvals, record: record, today: registry.evaluatedAt.day)
            requestText = Endpoints.requestText(a, production: show, record: record, policy: policy, registry: registry)
        }
        var h = "<div class=\"decision decision-\(a.decision.rawValue)\" data-decision=\"\(a.decision.rawValue)\">\n"
        h += "<h3>\(HTML.escape(verdict.name)): \(PageWords.decision(a.decision))</h3>\n<ul>\n"
        for reason in a.reasons { h += "<li>\(HTML.escape(reason.message))</li>\n" }
        h += "</ul>\n"
        if verdict.verdict != .compliant { h += alternatives(verdict) }
        if let requestText {
            h +=
                "<details class=\"request\"><summary>The request for written approval, ready to send</summary><pre>\(HTML.escape(requestText))</pre></details>\n"
        }
        h += "</div>"
        return h
    }

    private func toolsSection() -> String {
        let matching = query.map { Set(registry.search($0)) }
        let shown = registry.ids.filter { matching?.contains($0) ?? true }.count
        var h = """
            <section class="tools" aria-labelledby="tools-title">
            <h2 id="tools-title">Tools</h2>
            <form method="get" action="./" role="search" class="search">
            <label for="q">Search by name, alias or vendor</label>
            <div class="search-row"><input id="q" name="q" type="search" autocomplete="off" spellcheck="false" \
            value="\(HTML.escape(query ?? ""))" aria-describedby="count"><button type="submit">Search</button></div>
            </form>
            <p id="count" class="count" aria-live="polite">\(shown) of \(counted(registry.ids.count, "tool"))</p>
            <ul id="results" class="cards">

            """
        for id in idsByName {
            guard let v = registry.verdicts[id] else { continue }
            h += card(v, hidden: !(matching?.contains(id) ?? true))
        }
        h += "</ul>\n"
        // A search that finds nothing gets the same answer as `check` for a tool not in the registry.
        let contact = registry.policy?.procurementContact ?? "the studio's procurement contact"
        h +=
            "<p id=\"none\" class=\"problem\" role=\"status\"\(shown == 0 ? "" : " hidden")>Nothing in the registry matches “<span id=\"none-query\">"
            + HTML.escape((query ?? "").prefix(200)) + "</span>”: a tool not in the registry is not approved for use on a production — ask "
            + HTML.escape(contact) + " to assess it before using it.</p>\n"
        if let held = registry.heldBack {
            h +=
                "<p class=\"problem\" role=\"status\">The registry files now have errors, so this page shows the registry as it was: "
                + HTML.escape(held.sentence) + ".</p>\n"
        }
        if !registry.invalidTools.isEmpty {
            h +=
                "<p class=\"problem\">Records with errors, not shown (procurement must fix them): \(HTML.escape(registry.invalidTools.joined(separator: ", "))).</p>\n"
        }
        h += "</section>\n"
        return h
    }

    private func card(_ v: ToolVerdict, hidden: Bool) -> String {
        let record = registry.records[v.tool]
        let words = (registry.searchKeys[v.tool] ?? []).joined(separator: " | ")
        var h =
            "<li class=\"card verdict-\(v.verdict.rawValue)\" id=\"tool-\(HTML.escape(v.tool))\" data-tool=\"\(HTML.escape(v.tool))\" data-search=\"\(HTML.escape(words))\"\(hidden ? " hidden" : "")>\n"
        h += "<details\(v.tool == askTool ? " open" : "")>\n<summary><span class=\"name\">\(HTML.escape(v.name))</span>"
        if let tier = v.tier { h += " <span class=\"tier\">\(HTML.escape(tier))</span>" }
        h += " <span class=\"badge\">\(PageWords.verdict(v.verdict))</span></summary>\n<div class=\"card-body\">\n"
        let categories = v.categories.map(\.rawValue).joined(separator: ", ")
        h += "<p class=\"meta\">\(HTML.escape(v.vendorName ?? v.vendor)) · \(HTML.escape(categories)) · <code>\(HTML.escape(v.tool))</code></p>\n"
        if let summary = record?.summary { h += "<p>\(HTML.escape(summary))</p>\n" }
        if !v.reasons.isEmpty {
            h += "<ul class=\"held\">" + v.reasons.map { "<li>\(HTML.escape($0.message))</li>" }.joined() + "</ul>\n"
        }
        h +=
            "<table class=\"principles\">\n<caption>The \(Principle.countWord) principles</caption>\n<thead><tr><th scope=\"col\">Principle</th><th scope=\"col\">Result</th><th scope=\"col\">Main reason</th></tr></thead>\n<tbody>\n"
        for p in v.principles {
            let reason = p.reasons.first?.message ?? ""
            let required = p.required ? "" : " <span class=\"optional\">(not required)</span>"
            h += "<tr class=\"status-\(p.status.rawValue)\"><th scope=\"row\">\(PageWords.principle(p.principle))\(required)</th>"
            h += "<td><span class=\"status\">\(PageWords.status(p.status))</span></td><td>\(HTML.escape(reason))</td></tr>\n"
        }
        h += "</tbody>\n</table>\n"
        if let conditions = v.conditionsSentence {
            h +=
                "<p class=\"conditions\"><strong>\(v.compliantOnceConditionsMet ? "Compliant once:" : "Conditions:")</strong> \(HTML.escape(conditions))</p>\n"
        }
        let evidence = v.principles.flatMap(\.evidence)
        var seen = Set<String>()
        let unique = evidence.filter { seen.insert($0.url + "|" + $0.summary).inserted }
        if !unique.isEmpty {
            h += "<h3 class=\"sub\">Evidence</h3>\n<ul class=\"evidence\">\n"
            for e in unique {
                let label = HTML.escape(e.summary)
                if let url = HTML.safeURL(e.url) {
                    h +=
                        "<li><a href=\"\(url)\" rel=\"noopener noreferrer\">\(label)</a> <span class=\"when\">(\(HTML.escape(e.source.rawValue)), retrieved \(e.retrieved))</span></li>\n"
                } else {
                    h += "<li>\(label) <span class=\"when\">(\(HTML.escape(e.url)))</span></li>\n"
                }
            }
            h += "</ul>\n"
        }
        h += "<p class=\"attestation\"><strong>Attestation:</strong> \(HTML.escape(PageWords.attestation(v.attestation)))</p>\n"
        h += "<p class=\"review\"><strong>Review:</strong> \(HTML.escape(PageWords.review(v.review)))</p>\n"
        if v.verdict != .compliant { h += alternatives(v) }
        h += "<p class=\"ask-link\"><a href=\"?tool=\(HTML.queryValue(v.tool))#ask\">Ask about a use of \(HTML.escape(v.name))</a></p>\n"
        h += "</div>\n</details>\n</li>\n"
        return h
    }

    private func alternatives(_ v: ToolVerdict) -> String {
        guard !v.alternatives.isEmpty else { return "<p class=\"alternatives\">No compliant alternative in the same category yet.</p>\n" }
        let links = v.alternatives.map { id in
            "<a href=\"#tool-\(HTML.escape(id))\">\(HTML.escape(registry.verdicts[id]?.name ?? id))</a>"
        }
        return "<p class=\"alternatives\"><strong>Compliant alternatives:</strong> \(links.joined(separator: ", "))</p>\n"
    }

    /// A use flag as people read it: `third-party-ip` → "Third party ip" (known flags get better words).
    static func useLabel(_ use: String) -> String {
        let known = [
            "final-deliverable": "Output in the final deliverable",
            "talent-likeness": "Talent likeness or performance",
            "personal-data": "Personal or sensitive data",
            "third-party-ip": "Third-party IP or an artist’s work as reference",
            "key-creative-element": "Key characters or key visual elements",
            "real-events": "Content about real events",
            "union-work": "Work covered by a union agreement",
        ]
        if let words = known[use] { return words }
        let spaced = String(use.map { $0 == "-" ? " " : $0 })
        return spaced.prefix(1).uppercased() + spaced.dropFirst()
    }
}
