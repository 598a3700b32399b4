import RegistryDomain
import TermsText
import Testing

/// A page that yields no terms text is a failure with its own reason, whatever the selectors say.
@Suite struct PageDiagnosisTests {
    func reason(_ html: String, select: [String]? = nil) -> NoTermsText.Reason? {
        do {
            _ = try TextNormaliser.normalise(Array(html.utf8), contentType: "text/html", select: select)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func aScriptShellNeedsABrowser() {
        let shell =
            "<html><head><script src=\"/app.js\"></script></head><body><div id=\"root\"></div>"
            + "<noscript>You need to enable JavaScript to run this app.</noscript></body></html>"
        #expect(reason(shell) == .scriptShell)
        #expect(reason(shell, select: ["main"]) == .scriptShell, "the cause, not the selector that then matches nothing")
        #expect(reason(shell.replacing("<div id=\"root\"></div>", with: "<div id=\"root\">Loading…</div>")) == .scriptShell)
    }

    @Test func anErrorPageServedWith200IsNotTerms() {
        #expect(
            reason("<html><head><title>Page not found</title></head><body><h1>404</h1><p>Sorry, that page is gone.</p></body></html>") == .errorPage)
        #expect(
            reason(
                "<html><head><title>Just a moment...</title></head><body><main><p>Checking your connection before accessing the site.</p></main></body></html>"
            ) == .errorPage)
        #expect(
            reason("<html><head><title>Access Denied</title></head><body><main>You don't have permission to access this page.</main></body></html>")
                == .errorPage)
    }

    @Test func aTermsPageMentioningErrorsIsTerms() {
        let clause = String(repeating: "We correct errors in your personal data when you ask. ", count: 40)
        #expect(
            reason("<html><head><title>Privacy Policy</title></head><body><main><h1>Privacy Policy</h1><p>\(clause)</p></main></body></html>") == nil)
        #expect(
            reason("<html><head><title>Error reporting policy 404</title></head><body><main><p>\(clause)</p></main></body></html>") == nil,
            "long enough to be a document")
    }

    @Test func aPageWithNoWordsIsEmpty() {
        #expect(reason("<html><body><img src=\"terms.png\"></body></html>") == .empty)
        #expect(reason("<html><body><nav>Home</nav><main> </main></body></html>") == .empty)
    }
}
