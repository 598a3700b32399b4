import Foundation

/// A value guarded by an `NSLock`.
///
/// Not `Synchronization.Mutex`: on Linux its futex lives in uninstrumented stdlib code, so ThreadSanitizer
/// cannot see its happens-before edges and reports false races (swift-craft.md A.8).
final class LockedBox<Value: Sendable>: @unchecked Sendable {
    // @unchecked: every access to `value` goes through `lock`.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
