import Foundation
import RegistryStorage
import TestSupport
import Testing

@testable import RegistryRefresh

/// A watched page is read in the character encoding it declares.
@Suite struct CharsetTests {
    /// A harness whose tool watches /terms, served as `page()` says: (content type, body bytes).
    func harness(_ page: Locked<(String?, [UInt8])>) throws -> (RefreshHarness, String) {
        let harness = try RefreshHarness(tools: ["good-tool"])
        harness.serve("good-tool", try harness.envelope(harness.payload(tool: "good-tool")))
        harness.route("/terms") { _, c in
            let (type, body) = page.withLock { $0 }
            c.respond(200, headers: type.map { [("Content-Type", $0)] } ?? [], body: body)
        }
        let terms = harness.server.url("/terms")
        try harness.registry.put(
            "tools/good-tool.json",
            try harness.registry.text("tools/good-tool.json")
                .replacingOccurrences(of: "\"watch\": []", with: "\"watch\": [{\"type\": \"terms\", \"url\": \"\(terms)\"}]"))
        return (harness, terms)
    }

    /// The text the refresh kept for the page, and the status of its item.
    func refresh(_ harness: RefreshHarness, _ url: String) async throws -> (status: RefreshStatus?, text: String) {
        let report = try await harness.refresh()
        let sha = try #require(try harness.state("good-tool")?.documents[url]?.sha256)
        let text = try FileIO.read(StateStore(registry: harness.registry.store).snapshotPath(sha256: sha))
        return (report.items.first { $0.kind == .document }?.status, String(decoding: text, as: UTF8.self))
    }

    static func latin1(_ text: String) -> [UInt8] { text.unicodeScalars.map { UInt8($0.value) } }

    @Test func aLatin1PageDeclaredInTheHeaderIsReadAsLatin1() async throws {
        let page = Locked<(String?, [UInt8])>(("text/html; charset=ISO-8859-1", Self.latin1("<p>Vos données ne sont pas utilisées.</p>")))
        let (harness, url) = try harness(page)
        let first = try await refresh(harness, url)
        #expect(first.status == .firstSeen)
        #expect(first.text == "Vos données ne sont pas utilisées.\n")
        // One accent changed: read as UTF-8, both would be U+FFFD, and the change would pass unseen.
        page.withLock { $0.1 = Self.latin1("<p>Vos donnèes ne sont pas utilisées.</p>") }
        let second = try await refresh(harness, url)
        #expect(second.status == .changed)
        #expect(second.text == "Vos donnèes ne sont pas utilisées.\n")
    }

    @Test(arguments: [
        "<html><head><meta charset=\"windows-1252\"><title>T</title></head><body><p>We don\u{92}t train \u{96} ever.</p></body></html>",
        "<html><head><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-1\"></head><body><p>We don\u{92}t train \u{96} ever.</p></body></html>",
    ])
    func aCharsetDeclaredInAMetaElementIsHonoured(_ html: String) async throws {
        let page = Locked<(String?, [UInt8])>(("text/html", Self.latin1(html)))
        let (harness, url) = try harness(page)
        let result = try await refresh(harness, url)
        #expect(result.text == "We don\u{2019}t train \u{2013} ever.\n", "windows-1252's typographic marks (and iso-8859-1 means windows-1252)")
    }

    @Test func theHeaderWinsOverTheMetaElementAndUTF8StaysAsItIs() async throws {
        let html = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Données — “quoted”.</p></body></html>"
        let page = Locked<(String?, [UInt8])>(("text/html; charset=utf-8", Array(html.utf8)))
        let (harness, url) = try harness(page)
        #expect(try await refresh(harness, url).text == "Données — “quoted”.\n")
        // With no declaration at all the page is read as UTF-8, as before.
        page.withLock { $0 = (nil, Array("<html><body><p>Données.</p></body></html>".utf8)) }
        #expect(try await refresh(harness, url).text == "Données.\n")
    }

    @Test func decodingRules() {
        #expect(CharsetDecoding.headerCharset("text/html; charset=\"ISO-8859-1\"") == "ISO-8859-1")
        #expect(CharsetDecoding.headerCharset("text/html") == nil)
        #expect(CharsetDecoding.encoding(label: "latin1") == .windows1252)
        #expect(CharsetDecoding.encoding(label: "x-unknown") == nil)
        #expect(CharsetDecoding.utf8([0xEF, 0xBB, 0xBF, 0x41], contentType: "text/plain; charset=iso-8859-1").bytes == [0x41], "a BOM decides")
        let utf16 = CharsetDecoding.utf8([0xFF, 0xFE, 0xE9, 0x00, 0x41, 0x00], contentType: nil)
        #expect(String(decoding: utf16.bytes, as: UTF8.self) == "éA")
        let latin9 = CharsetDecoding.utf8([0xA4, 0x31], contentType: "text/plain; charset=iso-8859-15")
        #expect(String(decoding: latin9.bytes, as: UTF8.self) == "€1")
        #expect(latin9.contentType == "text/plain; charset=utf-8")
        // An unknown charset leaves the bytes and the content type alone.
        let unknown = CharsetDecoding.utf8([0xE9], contentType: "text/plain; charset=x-klingon")
        #expect(unknown.bytes == [0xE9] && unknown.contentType == "text/plain; charset=x-klingon")
    }
}
