import TestSupport
import Testing

@testable import CurlTransport

/// `authorityPrefix` keys the client's memo of parsed URLs: two URLs with the same key must have the same scheme
/// and host, so the key must end exactly where libcurl ends the authority.
@Suite("The authority prefix a URL's parse is remembered by")
struct AuthorityPrefixTests {
    @Test(
        "Ends at the first /, ? or # after ://",
        arguments: [
            ("https://example.com/a/b", "https://example.com"),
            ("https://user@Example.com:8443?q=1", "https://user@Example.com:8443"),
            ("http://127.0.0.1:28081#frag", "http://127.0.0.1:28081"),
            ("https://example.com", "https://example.com"),
            ("https://", "https://"),
            ("://", "://"),
            ("https://exämple.com/ü", "https://exämple.com"),
            ("mailto:x@y://z/", "mailto:x@y://z"),
        ])
    func examples(url: String, expected: String) {
        #expect(authorityPrefix(of: url) == expected)
    }

    @Test("No prefix without ://", arguments: ["", ":", ":/", "https:/example.com", "file:x", "no scheme"])
    func absent(url: String) {
        #expect(authorityPrefix(of: url) == nil)
    }

    @Test("Agrees with a plain reading of the rule on generated URLs")
    func agreesWithReference() {
        let pieces = ["h", "ttps", ":", "/", "//", "://", "?", "#", "@", "é", ".", "8"]
        var generator = SplitMix(seed: 7)
        for _ in 0..<2_000 {
            let url = (0..<Int(generator.next() % 9)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            #expect(authorityPrefix(of: url) == reference(url), "\(url)")
        }
    }

    private func reference(_ url: String) -> String? {
        guard let separator = url.firstRange(of: "://") else { return nil }
        let rest = url[separator.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        return String(url[..<end])
    }
}
