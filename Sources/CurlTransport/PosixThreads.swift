import CRegistrySystem
import Glibc

/// A value guarded by a pthread mutex.
///
/// Not `Synchronization.Mutex`: on Linux its futex lives in uninstrumented stdlib code, so ThreadSanitizer
/// cannot see its happens-before edges and reports false races. Not `NSLock` either:
/// it is the only reason this module would load the whole of Foundation (and ICU) at start-up.
final class LockedBox<Value: Sendable>: @unchecked Sendable {
    // @unchecked: every access to `value` goes through `mutex`.
    private let mutex = PosixMutex()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        mutex.lock()
        defer { mutex.unlock() }
        return try body(&value)
    }
}

/// A pthread mutex at a fixed heap address (a pthread_mutex_t must never move once in use).
final class PosixMutex: @unchecked Sendable {
    // @unchecked: the pthread functions are the synchronisation.
    fileprivate let raw: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        raw = .allocate(capacity: 1)
        raw.initialize(to: pthread_mutex_t())
        pthread_mutex_init(raw, nil)
    }

    deinit {
        pthread_mutex_destroy(raw)
        raw.deallocate()
    }

    func lock() { pthread_mutex_lock(raw) }
    func unlock() { pthread_mutex_unlock(raw) }
}

/// A one-shot "done" signal that other threads can wait for.
final class Completion: @unchecked Sendable {
    // @unchecked: `done` is only touched with `mutex` locked.
    private let mutex = PosixMutex()
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    private var done = false

    init() {
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        condition.deallocate()
    }

    func signal() {
        mutex.lock()
        done = true
        pthread_cond_broadcast(condition)
        mutex.unlock()
    }

    func wait() {
        mutex.lock()
        while !done { pthread_cond_wait(condition, mutex.raw) }
        mutex.unlock()
    }
}

/// Runs `body` on a new detached thread called `name` (a dedicated thread, for work that blocks, such as
/// waiting in `curl_multi_poll`, which must never occupy a thread of Swift's cooperative pool).
func startThread(name: String, _ body: @escaping @Sendable () -> Void) -> Bool {
    final class Box: Sendable {
        let name: String
        let body: @Sendable () -> Void
        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }
    let context = Unmanaged.passRetained(Box(name: name, body: body)).toOpaque()
    var thread = pthread_t()
    let started = pthread_create(
        &thread, nil,
        { raw in
            guard let raw else { return nil }
            let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
            cregistry_name_thread(box.name)
            box.body()
            return nil
        }, context)
    guard started == 0 else {
        Unmanaged<Box>.fromOpaque(context).release()
        return false
    }
    pthread_detach(thread)
    return true
}
