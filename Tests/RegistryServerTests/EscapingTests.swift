import Foundation
import RegistryDomain
import RegistryJSON
import RegistryServer
import TestSupport
import Testing

/// Hostile strings in records and in the request render as text on the page, never as markup.
@Suite(.timeLimit(.minutes(1)))
struct EscapingTests {
    static let hostile = #"<script>alert(1)</script>"onmouseover="alert(2)"#

    func hostileRegistry() throws -> TestRegistry {
        var evil = Fixture.compliant(id: "evil-tool")
        evil.name = Self.hostile
        evil.aliases = ["<img src=x onerror=alert(3)>"]
        evil.summary = "</details><script>alert(4)</script>"
        evil.tier = #"' onfocus='alert(5)"#
        evil.terms.training = Training(inputs: .optOut, outputs: .optOut)
        return try sampleRegistry(extra: [evil])
    }

    /// No executable markup survives: no script element other than app.js, no event handler attribute.
    func expectInert(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!html.contains("<script>"), sourceLocation: sourceLocation)
        #expect(!html.contains("<img"), sourceLocation: sourceLocation)
        #expect(!html.contains(#""onmouseover="#), sourceLocation: sourceLocation)
        #expect(!html.contains("' onfocus='"), sourceLocation: sourceLocation)
        #expect(!html.contains("javascript:"), sourceLocation: sourceLocation)
        #expect(html.components(separatedBy: "<script").count <= 2, "at most the app.js script tag", sourceLocation: sourceLocation)
    }

    @Test func hostileRecordStringsRenderAsText() async throws {
        let registry = try hostileRegistry()
        try await withServer(testConfiguration(registry)) { client in
            let page = try await client.get("/")
            #expect(page.status == 200)
            expectInert(page.text)
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;onmouseover=&quot;alert(2)"))
            #expect(page.text.contains("&lt;/details&gt;&lt;script&gt;alert(4)&lt;/script&gt;"))
            // The JSON keeps the name as data (escaped as JSON, not HTML).
            let verdict = try await client.get("/v1/tools/evil-tool/verdict").json()
            #expect(verdict["name"] == .string(Self.hostile))
        }
    }

    @Test func hostileQueryParametersRenderAsText() async throws {
        let registry = try hostileRegistry()
        try await withServer(testConfiguration(registry)) { client in
            let q = "%3Cscript%3Ealert(1)%3C%2Fscript%3E%22onmouseover%3D%22x"
            for path in ["/?q=\(q)", "/?tool=\(q)", "/?tool=evil-tool&use=\(q)", "/?tool=evil-tool&use=final-deliverable", "/no\(q)"] {
                let r = try await client.get(path)
                expectInert(r.text)
                #expect(r.header("content-security-policy")?.contains("script-src 'self'") == true)
            }
            let answered = try await client.get("/?tool=evil-tool&use=final-deliverable")
            #expect(answered.text.contains("data-decision=\"not-permitted\""))
        }
    }

    @Test func evidenceLinksAreOnlyHTTP() async throws {
        var record = Fixture.compliant(id: "linky")
        record.evidence[0].url = "javascript:alert(6)"
        let registry = try TestRegistry(tools: [record])
        let served = await RegistryHolder.load(testConfiguration(registry)).current()
        let page = Site(registry: served, configuration: testConfiguration(registry)).page(QueryString())
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(!html.contains("href=\"javascript:"))
    }
}
