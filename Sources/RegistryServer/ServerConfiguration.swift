public import RegistryJSON
public import RegistryStorage

/// What a lookup server reads and how: the registry folder, the clock verdicts are evaluated at, and limits.
public struct ServerConfiguration: Sendable {
    /// The registry folder served (read only).
    public var store: RegistryStore
    /// The instant verdicts and attestations are evaluated at; tests pin it, `serve` uses the system clock.
    public var clock: @Sendable () -> Timestamp
    /// How often the reload service looks at the registry's file stamps (see ``RegistryReloader``).
    public var recheckInterval: Duration
    /// A change is picked up only once no file has changed for this long, so a multi-file change (a
    /// `git pull`, a refresh writing several shards) is served whole, never half-applied.
    public var quietPeriod: Duration
    /// Longest request target (path and query) accepted; longer gets 414.
    public var maxTargetBytes: Int
    /// Longest single query parameter value accepted (`q`, `vendor`…); longer gets 400.
    public var maxParameterBytes: Int
    /// Most `use` flags one assessment may name.
    public var maxUses: Int
    /// A connection with no request in progress for this long is closed: an idle keep-alive connection, or one
    /// whose request headers have not all arrived (a slowloris) since it opened or since its last answer.
    public var idleTimeout: Duration

    public init(
        store: RegistryStore,
        clock: @escaping @Sendable () -> Timestamp = SystemClock.now,
        recheckInterval: Duration = .milliseconds(250),
        quietPeriod: Duration = .milliseconds(100),
        maxTargetBytes: Int = 2048,
        maxParameterBytes: Int = 200,
        maxUses: Int = 16,
        idleTimeout: Duration = .seconds(15)
    ) {
        self.store = store
        self.clock = clock
        self.recheckInterval = recheckInterval
        self.quietPeriod = quietPeriod
        self.maxTargetBytes = maxTargetBytes
        self.maxParameterBytes = maxParameterBytes
        self.maxUses = maxUses
        self.idleTimeout = idleTimeout
    }
}
