import Foundation
import Testing

@testable import RegistryJSON

@Suite struct DayTests {
    @Test(arguments: ["2024-02-29", "2000-02-29", "1970-01-01", "2026-12-31"])
    func roundTrips(_ text: String) throws {
        #expect(try #require(Day(text)).description == text)
    }

    @Test(arguments: ["2023-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "26-01-01", "2026-1-01", "2026/01/01", ""])
    func rejects(_ text: String) { #expect(Day(text) == nil) }

    @Test func arithmetic() throws {
        let d = try #require(Day("2026-11-21"))
        #expect(d.adding(days: 180).description == "2027-05-20")
        #expect(d.days(until: try #require(Day("2027-11-21"))) == 365)
        #expect(Day(daysSinceEpoch: 0).description == "1970-01-01")
    }

    @Test func timestamps() throws {
        #expect(Timestamp("2026-01-01T00:00:00Z")?.secondsSinceEpoch == 1_767_225_600)
        #expect(Timestamp("2026-01-01T01:30:00+01:30")?.description == "2026-01-01T00:00:00Z")
        #expect(Timestamp("2026-01-01T00:00:00.123Z")?.description == "2026-01-01T00:00:00Z")
        #expect(Timestamp("2026-01-01T00:00:00") == nil)
        #expect(Timestamp("2026-01-01 00:00:00Z") == nil)
        #expect(Timestamp("2026-01-01T24:00:00Z") == nil)
    }
}

@Suite struct IdentifierAndURLTests {
    /// A vendor's domain covers its subdomains; an account path on a shared host covers only that account.
    @Test(arguments: [
        ("https://help.openai.com/en/articles/1", "openai.com", true),
        ("https://openai.com", "openai.com", true),
        ("https://notopenai.com/a", "openai.com", false),
        ("https://openai.com.evil.example/a", "openai.com", false),
        ("https://github.com/openai/whisper", "github.com/openai", true),
        ("https://github.com/OpenAI/whisper/blob/main/LICENSE", "github.com/openai", true),
        ("https://github.com/openai", "github.com/openai", true),
        ("https://github.com/openai-fan/whisper", "github.com/openai", false),
        ("https://github.com/someone/openai", "github.com/openai", false),
        ("https://gist.github.com/openai/x", "github.com/openai", false),
    ])
    func urlWithinDomain(url: String, domain: String, within: Bool) {
        #expect(URLCheck.url(url, isWithin: domain) == within)
    }

    @Test(arguments: [
        ("openai.com", true), ("github.com/openai", true), ("huggingface.co/black-forest-labs", true),
        ("https://openai.com", false), ("openai.com.", false), ("OpenAI.com", false), ("localhost", false),
        ("github.com/", false), ("github.com//x", false),
    ])
    func domainEntries(domain: String, valid: Bool) {
        #expect(URLCheck.isDomain(domain) == valid)
    }

    @Test(arguments: ["openai-api", "a", "3d-tool", String(repeating: "a", count: 64)])
    func validIDs(_ id: String) { #expect(Identifier.isValid(id)) }

    @Test(arguments: ["", "-a", "a-", "a--b", "A", "a_b", "a b", "é", String(repeating: "a", count: 65)])
    func invalidIDs(_ id: String) { #expect(!Identifier.isValid(id)) }

    @Test func slugs() {
        #expect(Identifier.slug("Claude for Work") == "claude-for-work")
        #expect(Identifier.slug("  Résumé -- AI!! ") == "resume-ai")
    }

    @Test(
        arguments: [
            ("https://example.com/a?b#c", nil), ("http://example.com", nil), ("https://[::1]:8443/x", nil),
            ("ftp://example.com", "not an absolute"), ("file:///etc/passwd", "not an absolute"), ("https://", "no host"),
            ("https://user:pw@example.com", "credentials"), ("https://example.com/a b", "spaces"), ("https://example.com:99999/", "invalid port"),
            ("example.com", "not an absolute"), ("HTTPS://Example.COM:8080/x", nil), ("https://example.com?q=a@b", nil),
            ("https://example.com:0/", "invalid port"), ("https://example.com:/", "invalid port"), ("https://example.com:8a/", "invalid port"),
            ("https://:443/", "no host"), ("https://example.com\\@evil.test/", "backslashes"), ("https://ex\u{e4}mple.com/", nil),
        ] as [(String, String?)])
    func urls(_ url: String, _ problem: String?) {
        let found = URLCheck.problem(with: url, requireHTTPS: false)
        if let problem { #expect(found?.contains(problem) == true, "\(found ?? "nil")") } else { #expect(found == nil) }
    }

    @Test func httpsRequiredWhereAsked() {
        #expect(URLCheck.problem(with: "http://example.com", requireHTTPS: true) != nil)
    }

    @Test func suggestions() {
        #expect(Suggest.closest(to: "aliasses", in: ["aliases", "name"]) == "aliases")
        #expect(Suggest.closest(to: "zzz", in: ["aliases", "name"]) == nil)
        #expect(Suggest.ranked("midjurney", ["midjourney", "runway"], limit: 3) == ["midjourney"])
    }

    @Test func foldingIgnoresCaseAccentsAndWidth() {
        #expect(Suggest.fold("Résumé") == "resume")
        #expect(Suggest.fold("Re\u{301}sume\u{301}") == "resume", "combining accents, not only precomposed letters")
        #expect(Suggest.fold("ＣｈａｔＧＰＴ\u{3000}Ｐｌｕｓ") == "chatgpt plus")
        #expect(Suggest.fold("ÅNGSTRÖM Ñ") == "angstrom n")
        #expect(Identifier.slug("Ｃｌａｕｄｅ for Wörk!") == "claude-for-work")
    }
}
