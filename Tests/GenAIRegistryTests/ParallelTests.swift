import Synchronization
import Testing
@testable import RegistryJSON
@testable import RegistryStorage

@Suite struct ParallelTests {
    @Test(arguments: [0, 1, 7, 8, 17, 100, 1001])
    func mapsEveryElementOnceInOrder(count: Int) {
        let items = Array(0..<count)
        #expect(Parallel.map(items, minimumPerWorker: 4) { $0 * 3 } == items.map { $0 * 3 })
    }

    @Test func bothRunsEachClosureOnceAndKeepsTheirResultsApart() {
        let runs = Atomic<Int>(0)
        let (text, number) = Parallel.both(
            { runs.add(1, ordering: .relaxed); return "first" },
            { runs.add(10, ordering: .relaxed); return 42 })
        #expect(text == "first")
        #expect(number == 42)
        #expect(runs.load(ordering: .relaxed) == 11)
    }

    @Test func shardNamesAreTwoHexDigitsOfTheIdsSHA256() {
        // sha256("chatgpt-free") starts with 0xcb; the name must not depend on how it is computed.
        #expect(StateStore.shard(for: "chatgpt-free") == "cb")
        let names = Set((0..<5000).map { StateStore.shard(for: "tool-\($0)") })
        #expect(names.count == 256)
        #expect(names.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isHexDigit) && $0 == $0.lowercased() })
    }
}
