import Foundation
import TestSupport
import Testing

@testable import RegistryJSON
@testable import RegistryStorage

/// The refresh's lazy view of its state: validators from the cache only while each shard is unchanged.
@Suite struct StateShardsTests {
    /// A registry whose state holds `count` tools spread over several shards, each with validators and an envelope.
    func registry(count: Int = 40) throws -> (TestRegistry, StateStore, [String: ToolState]) {
        let registry = try TestRegistry()
        let state = StateStore(registry: registry.store)
        var all: [String: ToolState] = [:]
        for i in 0..<count {
            var a = AttestationState(url: "https://vendor.example/t\(i).dsse.json")
            a.etag = i % 3 == 0 ? nil : "\"e\(i)\""
            a.lastModified = i % 2 == 0 ? "Sat, 21 Nov 2026 10:00:00 GMT" : nil
            a.highestVersion = i
            a.envelope = "{\"payload\":\"…\"}"
            a.lastCheck = CheckOutcome(status: "verified", since: Timestamp(secondsSinceEpoch: 1_800_000_000))
            var d = DocumentState()
            d.etag = "\"d\(i)\""
            d.sha256 = String(repeating: "a", count: 64)
            all["t\(i)"] = ToolState(attestation: a, documents: ["https://vendor.example/terms": d])
        }
        try FileIO.makeDirectory(state.toolsDirectory)
        var byShard: [String: [String: ToolState]] = [:]
        for (id, s) in all { byShard[StateStore.shard(for: id), default: [:]][id] = s }
        for (shard, tools) in byShard {
            try FileIO.writeAtomically(StateStore.encodeShard(tools), to: state.shardPath(shard), sync: false)
        }
        return (registry, state, all)
    }

    @Test func validatorsFromTheCacheEqualThoseFromTheShards() throws {
        let (registry, state, all) = try registry()
        let first = StateShards.load(state, registry: registry.store)
        #expect(first.validators == all.mapValues(StateShards.Validators.init(of:)))
        #expect(first.validators["t4"]?.attestation?.envelope == nil, "validators carry no envelope")
        first.saveCache(rewritten: [])
        let cacheStamp = try FileIO.stamp(registry.root + "/.cache/refresh-validators")
        var second = StateShards.load(state, registry: registry.store)
        #expect(second.validators == first.validators)
        second.saveCache(rewritten: [])
        #expect(try FileIO.stamp(registry.root + "/.cache/refresh-validators") == cacheStamp, "a current cache is not written again")
        // The whole state is still there when asked for.
        #expect(second.state(of: "t7") == all["t7"])
    }

    @Test func aRewrittenOrUnlistedShardIsReadAgain() throws {
        let (registry, state, all) = try registry()
        StateShards.load(state, registry: registry.store).saveCache(rewritten: [])
        // Another refresh (or git) replaces one shard: its validators must come from the new file.
        let shard = StateStore.shard(for: "t5")
        var changed = all.filter { StateStore.shard(for: $0.key) == shard }
        changed["t5"]?.attestation?.etag = "\"new\""
        try FileIO.writeAtomically(StateStore.encodeShard(changed), to: state.shardPath(shard), sync: false)
        #expect(StateShards.load(state, registry: registry.store).validators["t5"]?.attestation?.etag == "\"new\"")
        // A shard the last run rewrote is not cached: saving leaves it out.
        let loaded = StateShards.load(state, registry: registry.store)
        loaded.saveCache(rewritten: [shard])
        #expect(try !(registry.text(".cache/refresh-validators")).contains("\u{1F}\(shard)\u{1F}"))
    }

    @Test func aDamagedCacheIsIgnored() throws {
        let (registry, state, all) = try registry()
        let expected = all.mapValues(StateShards.Validators.init(of:))
        StateShards.load(state, registry: registry.store).saveCache(rewritten: [])
        let path = registry.root + "/.cache/refresh-validators"
        let good = try String(contentsOfFile: path, encoding: .utf8)
        for damage in [
            "", "junk\n", good.replacingOccurrences(of: "\u{1F}=\"e1\"", with: "\u{1F}?\"e1\""),
            good.replacingOccurrences(of: "\nN\u{1F}", with: "\nX\u{1F}"),
        ] {
            try damage.write(toFile: path, atomically: true, encoding: .utf8)
            #expect(StateShards.load(state, registry: registry.store).validators == expected)
        }
    }

    @Test func shardNamesAreTwoHexDigitsOfTheIdsSHA256() {
        // sha256("chatgpt-free") starts with 0xcb; the name must not depend on how it is computed.
        #expect(StateStore.shard(for: "chatgpt-free") == "cb")
        let names = Set((0..<5000).map { StateStore.shard(for: "tool-\($0)") })
        #expect(names.count == 256)
        #expect(names.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isHexDigit) && $0 == $0.lowercased() })
    }
}
