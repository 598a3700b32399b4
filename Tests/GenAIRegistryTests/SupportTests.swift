import Crypto
import Foundation
import Testing
import TestSupport
@testable import RegistryJSON
@testable import RegistryDomain
@testable import RegistryStorage

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

@Suite struct FileIOTests {
    @Test func atomicWriteRefusesToReplaceWhatIsNotARegularFile() throws {
        let dir = NSTemporaryDirectory() + "fileio-\(UUID().uuidString)"
        try FileIO.makeDirectory(dir + "/sub")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: FileIO.Failure.self) { try FileIO.writeAtomically([1], to: dir + "/sub", sync: false) }
        #expect(FileIO.isDirectory(dir + "/sub"))
        try FileIO.writeAtomically([1, 2], to: dir + "/file", sync: false)
        try FileIO.writeAtomically([3], to: dir + "/file", sync: false)
        #expect(try FileIO.read(dir + "/file") == [3])
        #expect(try FileIO.listAll(dir).sorted() == ["file", "sub"], "no temporaries left")
    }

    @Test func batchWriterWritesEveryFileOrReplacesNone() throws {
        let dir = NSTemporaryDirectory() + "batch-\(UUID().uuidString)"
        try FileIO.makeDirectory(dir + "/a")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileIO.writeAtomically([9], to: dir + "/a/f0", sync: false)
        // A temporary left by an earlier writer with this pid is replaced, not appended to.
        try FileIO.writeAtomically([7, 7, 7, 7], to: dir + "/a/f2.tmp-\(getpid())", sync: false)
        var batch = BatchWriter()
        for i in 0..<100 { batch.add([UInt8(i), 1], to: dir + (i.isMultiple(of: 2) ? "/a" : "/b") + "/f\(i)") }
        // A later add for the same path replaces the earlier one: one file, the last content.
        batch.add([9], to: dir + "/a/f2")
        batch.add([9, 9], to: dir + "/a/f2")
        #expect(batch.count == 100)
        try batch.commit(syncRoot: dir)
        for i in 0..<100 {
            #expect(try FileIO.read(dir + (i.isMultiple(of: 2) ? "/a" : "/b") + "/f\(i)") == (i == 2 ? [9, 9] : [UInt8(i), 1]))
        }
        #expect(!(try FileIO.listAll(dir + "/a") + FileIO.listAll(dir + "/b")).contains { $0.contains(".tmp-") })

        // A directory where a file should go: the batch fails and no file of it replaces its old content.
        unlink(dir + "/b/f51")
        try FileIO.makeDirectory(dir + "/b/f51")
        var blocked = BatchWriter()
        blocked.add([42], to: dir + "/a/f0")
        blocked.add([42], to: dir + "/b/f51")
        #expect(throws: FileIO.Failure.self) { try blocked.commit(syncRoot: dir) }
        #expect(try FileIO.read(dir + "/a/f0") == [0, 1])
        #expect(FileIO.isDirectory(dir + "/b/f51"))
        #expect(!(try FileIO.listAll(dir + "/a") + FileIO.listAll(dir + "/b")).contains { $0.contains(".tmp-") })
    }

    @Test func readReturnsEveryByteWhateverTheSizeSaysOrIsMissing() throws {
        let dir = NSTemporaryDirectory() + "fileio-\(UUID().uuidString)"
        try FileIO.makeDirectory(dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let big = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try FileIO.writeAtomically(big, to: dir + "/big", sync: false)
        try FileIO.writeAtomically([], to: dir + "/empty", sync: false)
        #expect(try FileIO.read(dir + "/big") == big)
        #expect(try FileIO.read(dir + "/empty") == [])
        // A pseudo-file's size is 0 but it has content: read to the end, not to the announced size.
        let status = String(decoding: try FileIO.read("/proc/self/status"), as: UTF8.self)
        #expect(status.contains("Name:") && status.contains("VmRSS:"))
        #expect(throws: FileIO.Failure.self) { try FileIO.read(dir) }
        #expect(throws: FileIO.Failure.self) { try FileIO.read(dir + "/missing") }
    }
}

@Suite struct TextTests {
    @Test func hexWritesTwoLowercaseDigitsPerByte() {
        #expect(Hex.string([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(Hex.string(SHA256.hash(data: Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func trimmingRemovesOnlyOuterWhiteSpace() {
        #expect("  final deliverable \n".trimmingWhitespace() == "final deliverable")
        #expect("\t".trimmingWhitespace() == "")
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

    @Test(arguments: [("openai.com", true), ("github.com/openai", true), ("huggingface.co/black-forest-labs", true),
                      ("https://openai.com", false), ("openai.com.", false), ("OpenAI.com", false), ("localhost", false),
                      ("github.com/", false), ("github.com//x", false)])
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

    @Test(arguments: [
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

@Suite struct ResolverTests {
    func registry() throws -> TestRegistry {
        var free = Fixture.compliant(id: "chat-free")
        free.name = "ChatBot Free"
        free.aliases = ["ChatBot Plus"]
        var enterprise = Fixture.compliant(id: "chat-enterprise")
        enterprise.name = "ChatBot Enterprise"
        enterprise.aliases = ["Chat for Work"]
        return try TestRegistry(tools: [free, enterprise])
    }

    @Test func findsByIdNameAndAliasInAnyCase() throws {
        let r = try registry()
        let resolver = ToolResolver(store: r.store)
        #expect(try resolver.resolve("chat-free") == "chat-free")
        #expect(try resolver.resolve("CHATBOT ENTERPRISE") == "chat-enterprise")
        #expect(try resolver.resolve("chat for work") == "chat-enterprise")
        #expect(try resolver.resolve("Chatbot plus") == "chat-free")
    }

    @Test func answersFromTheCacheAgreeWithAnswersWithoutIt() throws {
        let r = try registry()
        let queries = ["chat-free", "CHATBOT ENTERPRISE", "chat for work", "Chatbot plus", "enterprise", "plus chatbot", "chatbot", "chatbot enterprize", "nothing like it"]
        func answer(_ q: String) -> String {
            do { return try ToolResolver(store: r.store).resolve(q) } catch { return "\(error)" }
        }
        let cache = r.store.root + "/.cache/lookup-index.json"
        var fresh: [String] = []
        for q in queries {
            try? FileManager.default.removeItem(atPath: cache)
            fresh.append(answer(q))
        }
        #expect(FileIO.isFile(cache))
        #expect(queries.map(answer) == fresh, "the in-place scan of the cache must answer as the full index does")
        #expect(fresh[4] == "chat-enterprise" && fresh[5] == "chat-free", "every-word matches, in any order")
    }

    @Test func alternativesFromTheCacheAreThoseWithoutIt() throws {
        var paid = Fixture.compliant(id: "paid-a", categories: [.video])
        paid.name = "Paid A"
        var other = Fixture.compliant(id: "paid-b", categories: [.video, .image])
        other.name = "Paid B"
        var unrelated = Fixture.compliant(id: "text-c", categories: [.text])
        unrelated.name = "Text C"
        let r = try TestRegistry(tools: [paid, other, unrelated])
        let lookup = Lookup(store: r.store, policy: Fixture.policy, today: Fixture.today)
        var verdict = try lookup.verdict(id: "paid-a")
        verdict.categories = [.video, .image]
        let cache = r.store.root + "/.cache/lookup-index.json"
        try? FileManager.default.removeItem(atPath: cache)
        let without = try lookup.withAlternatives(verdict).alternatives
        #expect(FileIO.isFile(cache))
        #expect(without == ["paid-b"])
        #expect(try lookup.withAlternatives(verdict).alternatives == without)
    }

    @Test func sharedWordIsAmbiguous() throws {
        let r = try registry()
        #expect {
            _ = try ToolResolver(store: r.store).resolve("chatbot")
        } throws: { error in
            guard case RegistryError.ambiguousTool(_, let matches) = error else { return false }
            return Set(matches.map(\.id)) == ["chat-free", "chat-enterprise"]
        }
    }

    @Test func typoGetsSuggestions() throws {
        let r = try registry()
        #expect {
            _ = try ToolResolver(store: r.store).resolve("chatbot enterprize")
        } throws: { error in
            guard case RegistryError.unknownTool(_, let suggestions, _) = error else { return false }
            return suggestions.first?.id == "chat-enterprise"
        }
    }

    /// Overwrites a file in place (same inode): unlike git or an atomic write, this leaves the folder's time alone.
    func overwriteInPlace(_ path: String, _ text: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    @Test func aNameAddedInPlaceIsFoundNotReportedUnknown() throws {
        let r = try registry()
        #expect(try ToolResolver(store: r.store).resolve("chatbot plus") == "chat-free")  // writes the cache
        let folderBefore = try FileIO.stamp(r.store.toolsDirectory)
        try overwriteInPlace(r.store.toolPath("chat-free"),
                             try r.text("tools/chat-free.json").replacingOccurrences(of: "\"ChatBot Plus\"", with: "\"ChatBot Plus\", \"Pocket Chat\""))
        #expect(try FileIO.stamp(r.store.toolsDirectory) == folderBefore, "the edit must not touch the folder for this test to mean anything")
        // The quick cache does not know the new alias; "unknown" is only said after the thorough pass, which finds it.
        #expect(try ToolResolver(store: r.store).resolve("pocket chat") == "chat-free")
    }

    @Test func aNameRemovedInPlaceNoLongerResolves() throws {
        let r = try registry()
        #expect(try ToolResolver(store: r.store).resolve("chat for work") == "chat-enterprise")  // writes the cache
        let folderBefore = try FileIO.stamp(r.store.toolsDirectory)
        try overwriteInPlace(r.store.toolPath("chat-enterprise"),
                             try r.text("tools/chat-enterprise.json").replacingOccurrences(of: "Chat for Work", with: "Chat for Teams"))
        #expect(try FileIO.stamp(r.store.toolsDirectory) == folderBefore)
        // The quick cache still maps the old alias, but the record no longer answers to it.
        #expect(throws: RegistryError.self) { try ToolResolver(store: r.store).resolve("chat for work") }
    }

    @Test func checkConfirmsACachedNameWithTheRecordItReads() throws {
        let r = try registry()
        let lookup = Lookup(store: r.store, policy: Fixture.policy, today: Fixture.today)
        #expect(try lookup.check("chat for work").tool == "chat-enterprise")  // writes the cache
        #expect(try lookup.check("chat for work").tool == "chat-enterprise")  // answered from it
        // Edited in place (the folder's time unchanged): the cache still maps the old alias to the tool,
        // the record no longer answers to it, and the new alias is found by the thorough pass.
        try overwriteInPlace(r.store.toolPath("chat-enterprise"),
                             try r.text("tools/chat-enterprise.json").replacingOccurrences(of: "Chat for Work", with: "Chat for Teams"))
        #expect(throws: RegistryError.self) { try lookup.check("chat for work") }
        #expect(try lookup.check("chat for teams").tool == "chat-enterprise")
    }

    @Test func indexNoticesEditsRenamesAndRemovals() throws {
        let r = try registry()
        let resolver = ToolResolver(store: r.store)
        #expect(try resolver.resolve("chat for work") == "chat-enterprise")
        // Edit: the alias moves to the other tool (different size, so the stamp changes even within one clock tick).
        try r.put("tools/chat-enterprise.json", try r.text("tools/chat-enterprise.json").replacingOccurrences(of: "Chat for Work", with: "Chat for Teams"))
        #expect(try resolver.resolve("chat for teams") == "chat-enterprise")
        #expect(throws: RegistryError.self) { try resolver.resolve("chat for work") }
        // Removal.
        try FileManager.default.removeItem(atPath: r.store.toolPath("chat-enterprise"))
        #expect(throws: RegistryError.self) { try resolver.resolve("chat for teams") }
        #expect(try resolver.resolve("chatbot") == "chat-free")
    }
}
