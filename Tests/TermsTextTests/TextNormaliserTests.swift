import RegistryDomain
import TermsText
import Testing

/// The words a reader sees, and nothing that changes on every request or every deploy.
@Suite struct TextNormaliserTests {
    func text(_ html: String, select: [String]? = nil, remove: [String] = []) throws -> String {
        try TextNormaliser.normalise(Array(html.utf8), contentType: "text/html; charset=utf-8", select: select, remove: remove)
    }

    func page(_ main: String, chrome: String = "") -> String {
        "<!doctype html><html><head><title>Terms</title><script>var build = 1</script></head><body>\(chrome)<main>\(main)</main></body></html>"
    }

    @Test func keepsTheWordsAndDropsMarkupScriptsAndStyles() throws {
        let html = page("<h1>Terms of Use</h1><p>We do <b>not</b> train on <a href=\"/x?utm=1\">your data</a>.</p><style>p{}</style>")
        #expect(try text(html) == "Terms of Use\nWe do not train on your data.\n")
    }

    @Test func textHiddenFromReadersNeverCounts() throws {
        let base = "<p>We keep logs for 30 days.</p>"
        let noisy =
            base + "<span style=\"display: none\">Trace Id: 8f3a</span><div hidden>Request 42</div>"
            + "<span aria-hidden=\"true\">★</span><a href=\"/p\">Privacy<span class=\"sr-only\"> (opens in a new window)</span></a>"
            + "<p style=\"visibility:hidden !important\">nonce 9</p><title>Terms | Example</title>"
        #expect(try text(page(noisy)) == "We keep logs for 30 days.\nPrivacy\n")
    }

    @Test func withoutSelectorsOnlyTheMainContentCounts() throws {
        let chrome =
            "<header><nav><a href=\"/\">Home</a></nav></header><div id=\"onetrust-banner-sdk\">We use cookies</div>"
            + "<aside>Related: new blog post</aside><div role=\"dialog\">Sign up now</div>"
        let html = page("<header><p>Effective: May 1, 2026</p></header><p>Terms text.</p><nav>On this page</nav>", chrome: chrome)
            .replacing("</body>", with: "<footer>© 2026 Example</footer></body>")
        #expect(try text(html) == "Effective: May 1, 2026\nTerms text.\n", "a header inside main is the terms' own")
    }

    @Test func withoutMainTheArticleOrTheBodyLessItsChrome() throws {
        #expect(
            try text("<html><body><nav>Menu</nav><article><p>Article terms.</p></article><p>Elsewhere</p></body></html>")
                == "Article terms.\n")
        #expect(
            try text(
                "<html><body><header>Site</header><div class=\"cookie-consent-banner\">Accept</div><div class=\"announcement-bar\">New: the Pro plan</div><p>Body terms.</p><footer>Legal</footer></body></html>"
            )
                == "Body terms.\n")
    }

    @Test func aWordChangeChangesTheFingerprintAndLayoutDoesNot() throws {
        let a = try text(page("<p>We do not <em>train</em> on your data.</p>"))
        let b = try text(page("<div><p>We do not train on your   data.</p></div>"))
        let c = try text(page("<p>We do not <em>train</em> on your data .</p>"))
        let d = try text(page("<p>We may train on your data.</p>"))
        #expect(TextNormaliser.fingerprint(of: a) == TextNormaliser.fingerprint(of: b))
        #expect(TextNormaliser.fingerprint(of: a) == TextNormaliser.fingerprint(of: c), "where a space falls is markup's doing")
        #expect(TextNormaliser.fingerprint(of: a) != TextNormaliser.fingerprint(of: d))
    }

    @Test func entitiesAndInvisibleCharactersAreDecodedOrDropped() throws {
        #expect(try text(page("<p>Caf&eacute; &amp; co&#8217;s terms&nbsp;&mdash; in&shy;cluded\u{200B}</p>")) == "Café & co’s terms — included\n")
    }

    @Test func deeplyNestedPagesAreReadWhole() throws {
        // Script-built pages nest far deeper than libxml2's default limit of 256 elements, past which it stops.
        let depth = 600
        let html = page(
            String(repeating: "<div>", count: depth) + "<p>Deep clause.</p>" + String(repeating: "</div>", count: depth) + "<p>Last clause.</p>")
        #expect(try text(html) == "Deep clause.\nLast clause.\n")
    }

    @Test func theEncodingComesFromTheServerThePageOrElseUTF8() throws {
        let html = "<html><body><main><p>Données traitées — “terms”</p></main></body></html>"
        for contentType in ["text/html", "text/html; charset=UTF-8"] {
            #expect(try TextNormaliser.normalise(Array(html.utf8), contentType: contentType) == "Données traitées — “terms”\n", "\(contentType)")
        }
        let latin1: [UInt8] =
            Array("<html><head><meta charset=\"iso-8859-1\"></head><body><main><p>Donn".utf8) + [0xE9] + Array("es</p></main></body></html>".utf8)
        #expect(try TextNormaliser.normalise(latin1, contentType: "text/html") == "Données\n")
    }

    @Test func plainTextIsTakenAsItIs() throws {
        #expect(try TextNormaliser.normalise(Array("  Line one \r\n\n line   two\n".utf8), contentType: "text/plain") == "Line one\nline two\n")
    }
}
