import Dispatch
import Synchronization

/// CPU-bound work spread over the cores with Dispatch, for the whole-registry reads and the refresh's writes.
public enum Parallel {
    /// `transform` applied to every element on up to one thread per core; results in order.
    /// Fewer than `minimumPerWorker` elements a thread is not worth a thread.
    ///
    /// The work is cut into several chunks a thread, taken in turn: with one chunk a thread, a thread slowed
    /// by anything else on the machine left the other one idle at the end.
    public static func map<Element: Sendable, Result: Sendable>(
        _ items: [Element], minimumPerWorker: Int,
        _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        let workers = max(1, min(ProcessInfoCores.count, items.count / max(1, minimumPerWorker)))
        if workers == 1 { return items.map(transform) }
        let chunks = min(items.count, workers * 8)
        let size = (items.count + chunks - 1) / chunks
        let parts = Mutex<[Int: [Result]]>([:])
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let part = items[min(items.count, c * size)..<min(items.count, (c + 1) * size)].map(transform)
            parts.withLock { $0[c] = part }
        }
        return parts.withLock { parts in (0..<chunks).flatMap { parts[$0] ?? [] } }
    }

    /// `first` and `second` at once, one thread each.
    public static func both<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
        let a = Mutex<A?>(nil)
        let b = Mutex<B?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            if i == 0 { a.withLock { $0 = first() } } else { b.withLock { $0 = second() } }
        }
        guard let x = a.withLock({ $0 }), let y = b.withLock({ $0 }) else { preconditionFailure("concurrentPerform runs every iteration") }
        return (x, y)
    }
}
