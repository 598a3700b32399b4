import Dispatch
import Synchronization

/// CPU-bound work spread over the cores with Dispatch, for the whole-registry reads.
enum Parallel {
    /// `transform` applied to every element, in contiguous chunks on up to one thread per core; results in order.
    /// Fewer than `minimumPerWorker` elements a thread is not worth a thread.
    static func map<Element: Sendable, Result: Sendable>(_ items: [Element], minimumPerWorker: Int, _ transform: @Sendable (Element) -> Result) -> [Result] {
        let workers = max(1, min(ProcessInfoCores.count, items.count / max(1, minimumPerWorker)))
        if workers == 1 { return items.map(transform) }
        let chunk = (items.count + workers - 1) / workers
        let parts = Mutex<[Int: [Result]]>([:])
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let part = items[min(items.count, w * chunk)..<min(items.count, (w + 1) * chunk)].map(transform)
            parts.withLock { $0[w] = part }
        }
        return parts.withLock { parts in (0..<workers).flatMap { parts[$0] ?? [] } }
    }
}
