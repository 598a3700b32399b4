public import Logging
import Synchronization

/// Holds the registry being served and swaps in a new one, whole, when the files change.
///
/// A request takes the current ``ServedRegistry`` and answers from it alone. At most every
/// ``ServerConfiguration/recheckInterval`` one request looks at the file stamps (no file is read); when they
/// changed, and have then been quiet for ``ServerConfiguration/quietPeriod``, it builds a new registry and
/// swaps it in, while concurrent requests keep answering from the old one. A build during which files
/// changed (a `git pull` in progress) is thrown away and tried again later, so a half-applied change is
/// not served.
///
/// A reading that breaks what is served (an invalid `policy.json`, a tool or vendor file that was valid and
/// is not any more) is not swapped in: the last good reading stays, marked ``ServedRegistry/HeldBack``, so
/// `/v1/health` and the page say "serving the registry as of …; tools/x.json is invalid: …", and it is logged
/// once per broken state. The next good reading is served as usual.
public final class RegistryHolder: Sendable {
    private struct State: Sendable {
        var current: ServedRegistry
        var checkedAt: UInt64
        var checking: Bool
    }

    public let configuration: ServerConfiguration
    private let state: Mutex<State>
    private let logger: Logger

    private init(configuration: ServerConfiguration, first: ServedRegistry, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.state = Mutex(State(current: first, checkedAt: SystemClock.monotonicNanoseconds(), checking: false))
    }

    /// Reads the registry once and returns a holder serving it.
    public static func load(_ configuration: ServerConfiguration,
                            logger: Logger = Logger(label: "genai-registry.serve", factory: { _ in SwiftLogNoOpLogHandler() })) async -> RegistryHolder {
        var before = RegistryFingerprint.of(configuration.store)
        var built = await ServedRegistry.build(configuration.store, now: configuration.clock(), generation: 1, fingerprint: before)
        // Best effort at start-up: retry a few times while files are still changing, then serve what was read.
        for _ in 0..<3 {
            let after = RegistryFingerprint.of(configuration.store)
            if after == before { break }
            before = after
            built = await ServedRegistry.build(configuration.store, now: configuration.clock(), generation: 1, fingerprint: before)
        }
        if let problem = built.problem {
            logger.error("registry not served: \(problem)", metadata: ["errors": "\(built.errors.joined(separator: "; "))"])
        } else if !built.errors.isEmpty {
            logger.warning("registry files with errors, left out: \(built.errors.joined(separator: "; "))")
        }
        return RegistryHolder(configuration: configuration, first: built, logger: logger)
    }

    /// The registry to answer the current request from (rebuilt first when the files changed).
    public func current() async -> ServedRegistry {
        let started = SystemClock.monotonicNanoseconds()
        let interval = UInt64(configuration.recheckInterval.components.seconds) * 1_000_000_000
            + UInt64(configuration.recheckInterval.components.attoseconds / 1_000_000_000)
        let (served, mustCheck) = state.withLock { s -> (ServedRegistry, Bool) in
            if s.checking || started &- s.checkedAt < interval { return (s.current, false) }
            s.checking = true
            return (s.current, true)
        }
        guard mustCheck else { return served }
        let fresh = await refreshed(served)
        state.withLock { s in
            s.current = fresh
            s.checkedAt = SystemClock.monotonicNanoseconds()
            s.checking = false
        }
        return fresh
    }

    /// `served` itself when nothing changed; otherwise a new registry read while the files held still.
    private func refreshed(_ served: ServedRegistry) async -> ServedRegistry {
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
        let candidate = await ServedRegistry.build(store, now: now, generation: served.generation + 1, fingerprint: before)
        // Files changed while we read them: keep the old registry and look again next time.
        guard RegistryFingerprint.of(store) == before else { return served }
        if let problems = served.breakage(in: candidate) {
            var kept = served
            kept.heldBack = ServedRegistry.HeldBack(servingAsOf: served.heldBack?.servingAsOf ?? served.evaluatedAt,
                                                    since: served.heldBack?.since ?? now, problems: problems, fingerprint: before)
            logger.error("registry change not served: \(kept.heldBack?.sentence ?? "")")
            return kept
        }
        if served.heldBack != nil { logger.notice("registry files valid again: serving them (generation \(candidate.generation))") }
        return candidate
    }
}
