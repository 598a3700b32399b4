import RegistryDomain
import Testing

/// The selectors a watched document may name, parsed once (lint rejects what the refresh could not apply).
@Suite struct CSSSelectorTests {
    @Test func parsesCompoundsCombinatorsAndLists() throws {
        let s = try CSSSelector(parsing: "main > header, div.a#b[data-x^='y' i] + p ~ span :not(.c)")
        #expect(s.alternatives.count == 2)
        #expect(s.alternatives[0].compounds.map(\.type) == ["main", "header"])
        #expect(s.alternatives[0].combinators == [.child])
        let second = s.alternatives[1]
        #expect(second.combinators == [.nextSibling, .subsequentSibling, .descendant])
        #expect(
            second.compounds[0].conditions == [.className("a"), .id("b"), .attribute(name: "data-x", op: .prefix, value: "y", caseInsensitive: true)])
        #expect(second.compounds[3].type == nil)
    }

    @Test(arguments: ["", "main >", "div[", "a[href=]", ":hover", "p:nth-child(2)", "div..x", "a, ", "[x=\"open]"])
    func rejectsWhatItCannotApply(_ text: String) {
        #expect(throws: CSSSelectorError.self) { try CSSSelector(parsing: text) }
    }
}
