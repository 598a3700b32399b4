import Foundation
import RegistryDomain
import RegistryJSON
import RegistryStorage
import TestSupport
import Testing

/// The refresh job's view of the registry, cached between runs: always the same answer as checking every file.
@Suite struct RefreshTargetsTests {
    func registry() throws -> TestRegistry {
        var attested = Fixture.compliant(id: "tool-a")
        attested.attestationURL = "https://vendor.example/a.dsse.json"
        attested.watch[0].select = ["main > header", "main .terms"]
        attested.watch[0].remove = ["[href=\"/legal\"]"]
        let orphan = Fixture.compliant(id: "tool-orphan", vendor: "vendor-missing")
        let r = try TestRegistry(tools: [attested, Fixture.compliant(id: "tool-b"), orphan])
        try r.put("tools/tool-broken.json", "{ \"id\": \"tool-broken\", ")
        return r
    }

    var cachePath: (TestRegistry) -> String { { $0.root + "/.cache/refresh-targets" } }

    @Test func firstAndCachedLoadsAgreeWithTheFullCheck() throws {
        let r = try registry()
        let first = try RefreshTargets.load(r.store)
        #expect(Set(first.tools.keys) == ["tool-a", "tool-b"])
        #expect(first.invalidTools == ["tool-broken", "tool-orphan"], "errors and a missing vendor are not refreshed")
        #expect(first.tools["tool-a"]?.attestationURL == "https://vendor.example/a.dsse.json")
        #expect(first.tools["tool-b"]?.watch == ["https://vendor.example/terms"])
        #expect(first.tools["tool-b"]?.selectors == [:], "no selectors: the main content")
        #expect(
            first.tools["tool-a"]?.selectors["https://vendor.example/terms"]
                == DocumentSelectors(select: ["main > header", "main .terms"], remove: ["[href=\"/legal\"]"]))
        #expect(FileIO.isFile(cachePath(r)))
        let second = try RefreshTargets.load(r.store)
        #expect(second.tools == first.tools && second.invalidTools == first.invalidTools)
        // The same answers as the whole-registry check lint uses.
        let snapshot = try RegistrySnapshot.load(r.store)
        #expect(Set(second.tools.keys) == Set(snapshot.tools.keys).subtracting(["tool-orphan"]))
    }

    @Test func aChangedFileIsCheckedAgainNotTakenFromTheCache() throws {
        let r = try registry()
        _ = try RefreshTargets.load(r.store)
        // Same folder, new content: a new URL, then an error.
        try r.put("tools/tool-a.json", try r.text("tools/tool-a.json").replacingOccurrences(of: "a.dsse.json", with: "a-v2.dsse.json"))
        #expect(try RefreshTargets.load(r.store).tools["tool-a"]?.attestationURL == "https://vendor.example/a-v2.dsse.json")
        try r.put("tools/tool-a.json", try r.text("tools/tool-a.json").replacingOccurrences(of: "\"vendor-a\"", with: "42"))
        let broken = try RefreshTargets.load(r.store)
        #expect(broken.tools["tool-a"] == nil && broken.invalidTools.contains("tool-a"))
        // Removed files leave the cache; a vendor file that breaks ends its tools' refresh.
        try FileManager.default.removeItem(atPath: r.store.toolPath("tool-a"))
        try r.put("vendors/vendor-a.json", "[]")
        let after = try RefreshTargets.load(r.store)
        #expect(after.tools.isEmpty)
        #expect(!(try r.text(".cache/refresh-targets")).contains("tool-a"))
    }

    @Test func aDamagedCacheIsIgnoredAndRewritten() throws {
        let r = try registry()
        let first = try RefreshTargets.load(r.store)
        for damage in [
            "", "not a cache\n", "genai-registry refresh targets v2\ntool-a\u{1F}x\u{1F}y\n",
            "genai-registry refresh targets v2\ntool-a\u{1F}1\u{1F}2\u{1F}vendor-a\u{1F}https://evil.example/\u{1F}\n",
        ] {
            try damage.write(toFile: cachePath(r), atomically: true, encoding: .utf8)
            let loaded = try RefreshTargets.load(r.store)
            #expect(loaded.tools == first.tools, "a cache line whose stamp does not match is never trusted")
        }
        #expect(try r.text(".cache/refresh-targets").hasPrefix("genai-registry refresh targets v2\n"))
    }

    @Test func anInvalidPolicyStopsTheRefreshWithItsIssues() throws {
        let r = try registry()
        try r.put("policy.json", "{}")
        #expect {
            _ = try RefreshTargets.load(r.store)
        } throws: { error in
            guard case RegistryError.invalid(let issues) = error else { return false }
            return !issues.isEmpty && issues.allSatisfy { $0.file.hasSuffix("policy.json") }
        }
    }
}
