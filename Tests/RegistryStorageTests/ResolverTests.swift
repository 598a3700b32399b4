import Crypto
import Foundation
import TestSupport
import Testing

@testable import RegistryDomain
@testable import RegistryJSON
@testable import RegistryStorage

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
        let queries = [
            "chat-free", "CHATBOT ENTERPRISE", "chat for work", "Chatbot plus", "enterprise", "plus chatbot", "chatbot", "chatbot enterprize",
            "nothing like it",
        ]
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
        try overwriteInPlace(
            r.store.toolPath("chat-free"),
            try r.text("tools/chat-free.json").replacingOccurrences(of: "\"ChatBot Plus\"", with: "\"ChatBot Plus\", \"Pocket Chat\""))
        #expect(try FileIO.stamp(r.store.toolsDirectory) == folderBefore, "the edit must not touch the folder for this test to mean anything")
        // The quick cache does not know the new alias; "unknown" is only said after the thorough pass, which finds it.
        #expect(try ToolResolver(store: r.store).resolve("pocket chat") == "chat-free")
    }

    @Test func aNameRemovedInPlaceNoLongerResolves() throws {
        let r = try registry()
        #expect(try ToolResolver(store: r.store).resolve("chat for work") == "chat-enterprise")  // writes the cache
        let folderBefore = try FileIO.stamp(r.store.toolsDirectory)
        try overwriteInPlace(
            r.store.toolPath("chat-enterprise"),
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
        try overwriteInPlace(
            r.store.toolPath("chat-enterprise"),
            try r.text("tools/chat-enterprise.json").replacingOccurrences(of: "Chat for Work", with: "Chat for Teams"))
        #expect(throws: RegistryError.self) { try lookup.check("chat for work") }
        #expect(try lookup.check("chat for teams").tool == "chat-enterprise")
    }

    @Test func indexNoticesEditsRenamesAndRemovals() throws {
        let r = try registry()
        let resolver = ToolResolver(store: r.store)
        #expect(try resolver.resolve("chat for work") == "chat-enterprise")
        // Edit: the alias moves to the other tool (different size, so the stamp changes even within one clock tick).
        try r.put(
            "tools/chat-enterprise.json", try r.text("tools/chat-enterprise.json").replacingOccurrences(of: "Chat for Work", with: "Chat for Teams"))
        #expect(try resolver.resolve("chat for teams") == "chat-enterprise")
        #expect(throws: RegistryError.self) { try resolver.resolve("chat for work") }
        // Removal.
        try FileManager.default.removeItem(atPath: r.store.toolPath("chat-enterprise"))
        #expect(throws: RegistryError.self) { try resolver.resolve("chat for teams") }
        #expect(try resolver.resolve("chatbot") == "chat-free")
    }
}
