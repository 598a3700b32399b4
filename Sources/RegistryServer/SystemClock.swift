import Dispatch
import FoundationEssentials
public import RegistryJSON

/// Wall-clock time as the registry's `Timestamp`.
public enum SystemClock {
    /// Now, to the second.
    @Sendable public static func now() -> Timestamp {
        Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }

    /// The wall clock in nanoseconds, comparable with file modification times.
    static func wallNanoseconds() -> Int64 {
        Int64(Date().timeIntervalSince1970 * 1_000_000_000)
    }

    /// A monotonic reading in nanoseconds, for intervals and request durations.
    static func monotonicNanoseconds() -> UInt64 {
        DispatchTime.now().uptimeNanoseconds
    }
}
