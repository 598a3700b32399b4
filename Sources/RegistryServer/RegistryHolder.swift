public import Logging
import NIOPosix
import Synchronization

/// Holds the registry being served; ``RegistryReloader`` swaps in a new one, whole, when the files change.
///
/// A request takes the current ``ServedRegistry`` (a lock held for one copy of a reference) and answers from
/// it alone: no request ever reads or stats a file. The reloader looks at the file stamps every
/// ``ServerConfiguration/recheckInterval``; when they changed, and have then been quiet for
/// ``ServerConfiguration/quietPeriod``, it builds a new registry and swaps it in, while concurrent requests
/// keep answering from the old one. A build during which files changed (a `git pull` in progress) is thrown
/// away and tried again later, so a half-applied change is not served.
///
/// A reading that breaks what is served (an invalid `policy.json`, a tool or vendor file that was valid and
/// is not any more) is not swapped in: the last good reading stays, marked ``ServedRegistry/HeldBack``, so
/// `/v1/health` and the page say "serving the registry as of …; tools/x.json is invalid: …", and it is logged
/// once per broken state. The next good reading is served as usual.
public final class RegistryHolder: Sendable {
    public let configuration: ServerConfiguration
    private let served: Mutex<ServedRegistry>
    private let logger: Logger

    private init(configuration: ServerConfiguration, first: ServedRegistry, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.served = Mutex(first)
    }

    /// Reads the registry once and returns a holder serving it.
    public static func load(
        _ configuration: ServerConfiguration,
        logger: Logger = Logger(label: "genai-registry.serve", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async -> RegistryHolder {
        let built = await blocking { firstReading(configuration) }
        if let problem = built.problem {
            logger.error("registry not served: \(problem)", metadata: ["errors": "\(built.errors.joined(separator: "; "))"])
        } else if !built.errors.isEmpty {
            logger.warning("registry files with errors, left out: \(built.errors.joined(separator: "; "))")
        }
        return RegistryHolder(configuration: configuration, first: built, logger: logger)
    }

    /// The registry to answer the current request from.
    public func current() -> ServedRegistry {
        served.withLock { $0 }
    }

    /// Looks at the files once and swaps in a new reading when they changed (``RegistryReloader`` calls it).
    /// The stats and reads run on NIO's blocking-IO thread pool, never on the cooperative pool.
    func reload() async {
        let before = current()
        let fresh = await Self.blocking { self.refreshed(before) }
        // Only the reloader writes, one reload at a time: nothing can have been swapped in since `before`.
        served.withLock { $0 = fresh }
    }

    /// Runs `body`, which stats and reads files, on `NIOThreadPool.singleton`.
    ///
    /// The cooperative pool has one thread per core: a registry read blocking one of them (two on this
    /// project's machines) would stall every request scheduled there. NIO's thread pool exists for exactly
    /// this blocking file IO (`NonBlockingFileIO` runs on it), is shared by the process and needs no start or
    /// shutdown of its own, so the reloader takes one of its threads per reload and returns it.
    private static func blocking<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        // The singleton pool is never shut down, so it always runs `body`; were it refused, read here instead.
        if let result = try? await NIOThreadPool.singleton.runIfActive(body) { return result }
        return body()
    }

    /// The first reading; best effort at start-up: retried a few times while files are still changing, then
    /// served as read.
    private static func firstReading(_ configuration: ServerConfiguration) -> ServedRegistry {
        var before = RegistryFingerprint.of(configuration.store)
        var built = ServedRegistry.build(configuration.store, now: configuration.clock(), generation: 1, fingerprint: before)
        for _ in 0..<3 {
            let after = RegistryFingerprint.of(configuration.store)
            if after == before { break }
            before = after
            built = ServedRegistry.build(configuration.store, now: configuration.clock(), generation: 1, fingerprint: before)
        }
        return built
    }

    /// `served` itself when nothing changed; otherwise a new registry read while the files held still.
    private func refreshed(_ served: ServedRegistry) -> ServedRegistry {
        let store = configuration.store
        let before = RegistryFingerprint.of(store)
        let now = configuration.clock()
        if before == served.fingerprint && now < served.validUntil { return served }
        // Held back, and the broken files have not changed: nothing new to read (however late it is, the
        // health answer and the page say which reading is served).
        if let held = served.heldBack, held.fingerprint == before { return served }
        // Still being written (a pull or a refresh in progress): wait until the files have been quiet a moment.
        let quiet = configuration.quietPeriod.components
        let quietNanoseconds = quiet.seconds * 1_000_000_000 + quiet.attoseconds / 1_000_000_000
        if before != served.fingerprint, SystemClock.wallNanoseconds() - before.newestModification < quietNanoseconds { return served }
        let candidate = ServedRegistry.build(store, now: now, generation: served.generation + 1, fingerprint: before)
        // Files changed while we read them: keep the old registry and look again next time.
        guard RegistryFingerprint.of(store) == before else { return served }
        if let problems = served.breakage(in: candidate) {
            var kept = served
            kept.heldBack = ServedRegistry.HeldBack(
                servingAsOf: served.heldBack?.servingAsOf ?? served.evaluatedAt,
                since: served.heldBack?.since ?? now, problems: problems, fingerprint: before)
            logger.error("registry change not served: \(kept.heldBack?.sentence ?? "")")
            return kept
        }
        if served.heldBack != nil { logger.notice("registry files valid again: serving them (generation \(candidate.generation))") }
        return candidate
    }
}
