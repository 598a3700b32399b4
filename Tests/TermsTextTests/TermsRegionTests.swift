import RegistryDomain
import TermsText
import Testing

/// `select` and `remove`, as Open Terms Archive declarations mean them.
@Suite struct TermsRegionTests {
    let html = """
        <html><body>
        <header><a href="/legal">Legal</a> <a href="/">Home</a></header>
        <section id="terms" class="legal rich"><h1>Terms</h1><p data-kind="date">Effective May 1</p>
          <div class="legal-rich-text"><p>Clause one.</p><p class="note">Note.</p></div></section>
        <section class="other"><p>Careers</p></section>
        <main><header>Main header</header><div class="x"><div class="legal-rich-text"><p>Deep clause.</p></div></div></main>
        </body></html>
        """

    func text(select: [String]?, remove: [String] = []) throws(NoTermsText) -> String {
        try TextNormaliser.normalise(Array(html.utf8), contentType: "text/html", select: select, remove: remove)
    }

    @Test(arguments: [
        (["section"], "Terms\nEffective May 1\nClause one.\nNote.\nCareers\n"),
        (["#terms"], "Terms\nEffective May 1\nClause one.\nNote.\n"),
        ([".legal.rich h1", "[data-kind=date]"], "Terms\nEffective May 1\n"),
        (["main > header", "main .legal-rich-text"], "Main header\nDeep clause.\n"),
        (["body > header + section"], "Terms\nEffective May 1\nClause one.\nNote.\n"),
        (["header ~ .other"], "Careers\n"),
        (["section p:first-child"], "Clause one.\nCareers\n"),
        (["[class^=legal] p:not(.note)"], "Effective May 1\nClause one.\nDeep clause.\n"),
        (["[class*=\"rich-te\"] p, h1"], "Terms\nClause one.\nNote.\nDeep clause.\n"),
        (["[CLASS~=RICH i]"], "Terms\nEffective May 1\nClause one.\nNote.\n"),
    ])
    func selectPicksTheTerms(select: [String], expected: String) throws {
        #expect(try text(select: select) == expected)
    }

    @Test func removeLeavesPartsOut() throws {
        #expect(try text(select: ["#terms"], remove: [".note", "[data-kind=\"date\"]"]) == "Terms\nClause one.\n")
        #expect(try text(select: ["body > header"], remove: ["[href=\"/legal\"]:first-child"]) == "Home\n")
    }

    func failure(select: [String], remove: [String] = []) -> NoTermsText? {
        do {
            _ = try text(select: select, remove: remove)
            return nil
        } catch {
            return error
        }
    }

    @Test func aSelectorThatMatchesNothingIsAFailureNotText() throws {
        #expect(failure(select: ["#terms", ".gone"])?.reason == .selectorMatchedNothing, "every select selector must match")
        #expect(failure(select: [".gone"])?.message.contains(".gone") == true)
        #expect(
            failure(select: ["#terms"], remove: ["#terms *"])?.reason == .selectorMatchedNothing,
            "matched, but only elements with no visible words")
        #expect(failure(select: ["p:nth-child(2)"])?.reason == .invalidSelector)
    }
}
