/// Tells a page that cannot hold terms — an error page served with 200, a bot challenge, a shell its
/// scripts fill in — from one that does, from the whole page (not the part selectors pick), so the
/// failure names the real cause even when a selector then matches nothing.
enum PageDiagnosis {
    /// A page with scripts and no visible words, or fewer than this that say it is loading or needs
    /// JavaScript, is a shell: nothing to read without a browser. No terms page is this short.
    static let shellWords = 25
    /// An error title on a page shorter than this is an error page; a terms page is longer.
    static let errorPageWords = 300

    /// What titles and top headings of error and challenge pages say.
    static let errorPhrases = [
        "page not found", "not found", "404", "403", "410", "500", "502", "503", "access denied", "forbidden",
        "something went wrong", "an error occurred", "error occurred", "server error", "service unavailable",
        "temporarily unavailable", "just a moment", "attention required", "verify you are human",
        "are you a robot", "captcha", "too many requests", "request blocked", "checking your browser", "page unavailable",
        "no longer available", "doesn't exist", "does not exist", "can't be found", "cannot be found", "oops",
    ]

    static func diagnose(_ tree: HTMLTree) -> NoTermsText? {
        let body = tree.elements.first { tree[$0].name == "body" } ?? HTMLTree.rootIndex
        let page = ReadableText.of([body], in: tree) { _, node in ReaderVisibility.isHidden(node) }
        let words = page.wordCount
        let scripts = tree.elements.count { tree[$0].name == "script" }
        if scripts > 0 && (words == 0 || words < shellWords && asksForScripts(tree, page)) {
            return NoTermsText(
                reason: .scriptShell,
                message: "the page is a shell its scripts fill in (\(words) visible words, \(scripts) scripts); "
                    + "a plain fetch gets no terms text — it needs a browser, or the URL of a static copy")
        }
        if words < errorPageWords, let heading = errorHeading(tree) {
            return NoTermsText(
                reason: .errorPage, message: "the server answered 200 with an error page (“\(heading)”, \(words) words), not the terms")
        }
        if words == 0 {
            return NoTermsText(reason: .empty, message: "the page has no visible text")
        }
        return nil
    }

    /// Whether the page's few words (or its `<noscript>` text) say it is loading or needs JavaScript.
    static func asksForScripts(_ tree: HTMLTree, _ page: ReadableText) -> Bool {
        let noscript = tree.elements.filter { tree[$0].name == "noscript" }
        let fallback = ReadableText.of(noscript.flatMap { tree[$0].children }, in: tree) { _, _ in false }
        let words = (page.lines + fallback.lines).joined(separator: " ").lowercased()
        return ["javascript", "loading", "enable js"].contains { words.contains($0) }
    }

    /// The page's title or first top heading, when it reads as an error or a challenge.
    static func errorHeading(_ tree: HTMLTree) -> String? {
        let candidates = tree.elements.filter { ["title", "h1"].contains(tree[$0].name ?? "") }.prefix(3)
        for element in candidates {
            let text = ReadableText.of(tree[element].children, in: tree) { _, _ in false }.lines.joined(separator: " ")
            let lower = text.lowercased()
            if errorPhrases.contains(where: { phrase in Self.containsWord(lower, phrase) }) { return text }
        }
        return nil
    }

    /// Whether `phrase` occurs in `text` as whole words ("404" in "Error 404", not in "4040").
    static func containsWord(_ text: String, _ phrase: String) -> Bool {
        var rest = text[...]
        while let range = rest.firstRange(of: phrase) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            let isBoundary = { (c: Character?) in c.map { !($0.isLetter || $0.isNumber) } ?? true }
            if isBoundary(before) && isBoundary(after) { return true }
            rest = text[range.upperBound...]
        }
        return false
    }
}
