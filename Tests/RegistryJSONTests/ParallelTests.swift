import Synchronization
import Testing

@testable import RegistryJSON

@Suite struct ParallelTests {
    @Test(arguments: [0, 1, 7, 8, 17, 100, 1001])
    func mapsEveryElementOnceInOrder(count: Int) {
        let items = Array(0..<count)
        #expect(Parallel.map(items, minimumPerWorker: 4) { $0 * 3 } == items.map { $0 * 3 })
    }

    @Test func bothRunsEachClosureOnceAndKeepsTheirResultsApart() {
        let runs = Atomic<Int>(0)
        let (text, number) = Parallel.both(
            {
                runs.add(1, ordering: .relaxed)
                return "first"
            },
            {
                runs.add(10, ordering: .relaxed)
                return 42
            })
        #expect(text == "first")
        #expect(number == 42)
        #expect(runs.load(ordering: .relaxed) == 11)
    }
}
