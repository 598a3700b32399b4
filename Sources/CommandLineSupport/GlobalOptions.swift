public import ArgumentParser
import FoundationEssentials
public import RegistryDomain
public import RegistryJSON
public import RegistryStorage

/// Output format of commands that print results.
public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json
}

/// Options every command takes.
public struct GlobalOptions: ParsableArguments {
    public init() {}

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The registry folder.",
            discussion: "Default: ./Registry when it exists, else the registry shipped with genai-registry.",
            valueName: "dir"))
    public var registry: String?

    @Option(name: .long, help: "Print results as text for people or JSON for scripts.")
    public var format: OutputFormat = .text

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "Evaluate as of this day (YYYY-MM-DD) instead of today.",
            discussion: "Useful to see which reviews will have gone stale by a given date.",
            valueName: "date"))
    public var asOf: String?

    public func validate() throws {
        if let asOf, Day(asOf) == nil { throw ValidationError("--as-of takes a date written YYYY-MM-DD, not \"\(asOf)\"") }
    }

    /// The day verdicts are for.
    public var today: Day {
        if let asOf, let day = Day(asOf) { return day }
        return Day(daysSinceEpoch: Int(Date().timeIntervalSince1970 / 86_400))
    }

    /// The instant attestations are checked against: now, or the start of the `--as-of` day.
    public var now: Timestamp {
        if let asOf, let day = Day(asOf) { return Timestamp(secondsSinceEpoch: Int64(day.daysSinceEpoch) * 86_400) }
        return Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
    }

    /// Single-tool lookups, with what the refresh job recorded.
    public func lookup(_ store: RegistryStore, _ policy: Policy) -> Lookup {
        Lookup(store: store, policy: policy, today: today, context: StateContext(store: store, policy: policy, now: now).provider)
    }

    /// The registry to read: `--registry`, else `./Registry`, else the one shipped with the package.
    public func store() throws(ExitCode) -> RegistryStore {
        if let registry {
            let store = RegistryStore(root: registry)
            guard FileIO.isDirectory(registry) else {
                Console.error("\(registry): no such registry folder (expected policy.json, tools/ and vendors/ inside)")
                throw ExitCode(ExitStatus.ioError)
            }
            return store
        }
        let local = RegistryStore(root: "Registry")
        if local.exists { return local }
        let shipped = RegistryStore(root: ShippedRegistry.path)
        if shipped.exists { return shipped }
        Console.error("no registry found: there is no ./Registry here and the shipped one is missing; pass --registry DIR")
        throw ExitCode(ExitStatus.ioError)
    }
}

/// Where the package's own `Registry/` folder is (next to `Sources/`).
public enum ShippedRegistry {
    public static var path: String {
        // #filePath is Sources/CommandLineSupport/GlobalOptions.swift in the package checkout that built us.
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Registry").path
    }
}
