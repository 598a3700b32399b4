#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import GenAIRegistry

/// Wall-clock time as the registry's `Timestamp`.
public enum SystemClock {
    /// Now, to the second.
    @Sendable public static func now() -> Timestamp {
        Timestamp(secondsSinceEpoch: Int64(time(nil)))
    }

    /// The wall clock in nanoseconds, comparable with file modification times.
    static func wallNanoseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    /// A monotonic reading in nanoseconds, for intervals and request durations.
    static func monotonicNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
