import RegistryDomain

/// Picks the terms out of a parsed page: what the `select` selectors match (less what `remove` matches), or,
/// without selectors, the page's main content less its chrome; then the words a reader sees there.
enum TermsRegion {
    static func text(of tree: HTMLTree, select: [(text: String, selector: CSSSelector)]?, remove: [CSSSelector]) throws(NoTermsText) -> String {
        var removed = Set<Int>()
        for selector in remove { removed.formUnion(tree.select(selector)) }
        guard let select else {
            let text = ReadableText.of(mainContent(tree), in: tree) { index, node in
                removed.contains(index) || ReaderVisibility.isHidden(node) || PageChrome.isChrome(node, in: tree, index: index)
            }
            guard !text.lines.isEmpty else {
                throw NoTermsText(reason: .empty, message: "the page's main content has no visible text")
            }
            return text.text
        }
        // Each selector's elements in document order, in the order of the list (Open Terms Archive's); an element
        // inside one already taken is not taken again.
        var roots: [Int] = []
        for (text, selector) in select {
            let matched = tree.select(selector)
            if matched.isEmpty {
                throw NoTermsText(reason: .selectorMatchedNothing, message: "select “\(text)” matches nothing on the page")
            }
            for element in matched where !roots.contains(where: { $0 == element || tree.isAncestor($0, of: element) }) {
                roots.append(element)
            }
        }
        let text = ReadableText.of(roots, in: tree) { index, node in removed.contains(index) || ReaderVisibility.isHidden(node) }
        guard !text.lines.isEmpty else {
            throw NoTermsText(
                reason: .selectorMatchedNothing,
                message: "select \(select.map { "“\($0.text)”" }.joined(separator: ", ")) matches only elements with no visible text")
        }
        return text.text
    }

    /// The page's main content: every outermost visible `main` element, else `[role=main]`, else `article`,
    /// else the body.
    static func mainContent(_ tree: HTMLTree) -> [Int] {
        let elements = tree.elements
        let rules: [(HTMLTree.Node) -> Bool] = [
            { $0.name == "main" },
            { $0.attribute("role")?.lowercased() == "main" },
            { $0.name == "article" },
        ]
        for rule in rules {
            let found = elements.filter { rule(tree[$0]) && isVisible($0, in: tree) }
            let outermost = found.filter { element in !found.contains { $0 != element && tree.isAncestor($0, of: element) } }
            if !outermost.isEmpty { return outermost }
        }
        return [elements.first { tree[$0].name == "body" } ?? HTMLTree.rootIndex]
    }

    /// Whether neither the element nor any ancestor is hidden from readers.
    static func isVisible(_ element: Int, in tree: HTMLTree) -> Bool {
        var at: Int? = element
        while let i = at {
            if ReaderVisibility.isHidden(tree[i]) { return false }
            at = tree.parentElement(of: i)
        }
        return true
    }
}
