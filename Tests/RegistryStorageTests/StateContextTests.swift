import Foundation
import TestSupport
import Testing

@testable import RegistryDomain
@testable import RegistryJSON
@testable import RegistryStorage

@Suite struct StateContextTests {
    /// Two tools in different shards: one with a recorded outcome, one whose shard is corrupt.
    func registry() throws -> (TestRegistry, String, String) {
        var ids = ["tool-a"]
        var n = 0
        while ids.count < 2 {
            let candidate = "tool-\(n)"
            if StateStore.shard(for: candidate) != StateStore.shard(for: ids[0]) { ids.append(candidate) }
            n += 1
        }
        let records = ids.map { id -> ToolRecord in
            var r = Fixture.compliant(id: id)
            r.attestationURL = "https://vendor.example/\(id)"
            return r
        }
        let registry = try TestRegistry(tools: records)
        let state = StateStore(registry: registry.store)
        var attestation = AttestationState(url: "https://vendor.example/\(ids[0])")
        attestation.lastCheck = CheckOutcome(status: "http-404", since: Timestamp(secondsSinceEpoch: 0))
        try FileIO.makeDirectory(state.toolsDirectory)
        try FileIO.writeAtomically(
            StateStore.encodeShard([ids[0]: ToolState(attestation: attestation)]),
            to: state.shardPath(StateStore.shard(for: ids[0])), sync: false)
        try FileIO.writeAtomically(Array("{ not json".utf8), to: state.shardPath(StateStore.shard(for: ids[1])), sync: false)
        return (registry, ids[0], ids[1])
    }

    @Test func wholeRegistryContextAnswersExactlyLikePerToolReads() throws {
        let (registry, readable, corrupt) = try registry()
        let now = Timestamp(secondsSinceEpoch: 1_800_000_000)
        let perTool = StateContext(store: registry.store, policy: Fixture.policy, now: now)
        let whole = StateContext.wholeRegistry(store: registry.store, policy: Fixture.policy, now: now)
        for id in [readable, corrupt] {
            let record = try registry.store.tool(id: id)
            let a = perTool.context(for: record, vendor: Fixture.vendor())
            let b = whole.context(for: record, vendor: Fixture.vendor())
            #expect(a.attestation == b.attestation, "\(id)")
            #expect(a.reasons == b.reasons, "\(id)")
        }
        #expect(whole.context(for: try registry.store.tool(id: readable), vendor: Fixture.vendor()).attestation?.status == "http-404")
        #expect(whole.context(for: try registry.store.tool(id: corrupt), vendor: Fixture.vendor()).attestation?.status == "state-unreadable")
    }

    @Test func loadingAllShardsKeepsTheReadableOnesAndNamesTheBrokenOne() throws {
        let (registry, readable, corrupt) = try registry()
        let loaded = StateStore(registry: registry.store).loadAllShards()
        #expect(loaded.states[readable] != nil)
        #expect(Array(loaded.unreadable.keys) == [StateStore.shard(for: corrupt)])
        #expect(throws: StateStore.Failure.self) { try StateStore(registry: registry.store).allToolStates() }
    }
}
