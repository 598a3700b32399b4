import RegistryDomain

/// Matching a `CSSSelector` against the elements of an `HTMLTree`, right to left as browsers do.
extension HTMLTree {
    /// The elements `selector` matches, in document order.
    func select(_ selector: CSSSelector) -> [Int] {
        elements.filter { matches(selector, $0) }
    }

    func matches(_ selector: CSSSelector, _ element: Int) -> Bool {
        selector.alternatives.contains { matches($0, compound: $0.compounds.count - 1, element) }
    }

    private func matches(_ complex: CSSSelector.Complex, compound k: Int, _ element: Int) -> Bool {
        guard matches(complex.compounds[k], element) else { return false }
        if k == 0 { return true }
        switch complex.combinators[k - 1] {
        case .child:
            return parentElement(of: element).map { matches(complex, compound: k - 1, $0) } ?? false
        case .descendant:
            var ancestor = parentElement(of: element)
            while let a = ancestor {
                if matches(complex, compound: k - 1, a) { return true }
                ancestor = parentElement(of: a)
            }
            return false
        case .nextSibling:
            return previousElementSibling(of: element).map { matches(complex, compound: k - 1, $0) } ?? false
        case .subsequentSibling:
            var sibling = previousElementSibling(of: element)
            while let s = sibling {
                if matches(complex, compound: k - 1, s) { return true }
                sibling = previousElementSibling(of: s)
            }
            return false
        }
    }

    private func matches(_ compound: CSSSelector.Compound, _ element: Int) -> Bool {
        let node = self[element]
        if let type = compound.type, node.name != type { return false }
        return compound.conditions.allSatisfy { matches($0, element, node) }
    }

    private func matches(_ condition: CSSSelector.Condition, _ element: Int, _ node: Node) -> Bool {
        switch condition {
        case .id(let id):
            return node.attribute("id") == id
        case .className(let name):
            return node.attribute("class").map { Self.tokens($0).contains { $0 == name } } ?? false
        case .attribute(let name, let op, let expected, let caseInsensitive):
            guard var value = node.attribute(name) else { return false }
            guard let op else { return true }
            var expected = expected
            if caseInsensitive {
                value = value.lowercased()
                expected = expected.lowercased()
            }
            switch op {
            case .equals: return value == expected
            case .includes: return Self.tokens(value).contains { $0 == expected }
            case .dashMatch: return value == expected || value.hasPrefix(expected + "-")
            case .prefix: return !expected.isEmpty && value.hasPrefix(expected)
            case .suffix: return !expected.isEmpty && value.hasSuffix(expected)
            case .substring: return !expected.isEmpty && value.contains(expected)
            }
        case .firstChild: return previousElementSibling(of: element) == nil
        case .lastChild: return nextElementSibling(of: element) == nil
        case .onlyChild: return previousElementSibling(of: element) == nil && nextElementSibling(of: element) == nil
        case .firstOfType: return siblings(of: element).first { self[$0].name == node.name } == element
        case .lastOfType: return siblings(of: element).last { self[$0].name == node.name } == element
        case .not(let inner): return !matches(inner, element)
        }
    }

    static func tokens(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" })
    }

    /// The element children of the element's parent (the document's, at the top).
    private func siblings(of element: Int) -> [Int] { elementChildren(of: self[element].parent) }

    private func previousElementSibling(of element: Int) -> Int? {
        let all = siblings(of: element)
        guard let at = all.firstIndex(of: element), at > 0 else { return nil }
        return all[at - 1]
    }

    private func nextElementSibling(of element: Int) -> Int? {
        let all = siblings(of: element)
        guard let at = all.firstIndex(of: element), at + 1 < all.count else { return nil }
        return all[at + 1]
    }
}
