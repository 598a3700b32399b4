public import RegistryJSON
public import RegistryStorage

/// What one fetched item (an attestation or a watched document) came to.
public struct RefreshItem: Sendable, Equatable {
    public enum Kind: String, Sendable { case attestation, document }

    public var tool: String
    public var kind: Kind
    public var url: String
    public var status: RefreshStatus
    public var message: String?
    /// The attestation version now in force, when there is one.
    public var version: Int?

    /// Whether the item failed, as its status says.
    public var failed: Bool { status.failed }
}

/// The outcome of a refresh run.
public struct RefreshReport: Sendable {
    public var started: Timestamp
    public var finished: Timestamp
    public var items: [RefreshItem]
    /// State files written (0 when nothing changed).
    public var filesWritten: Int
    /// Problems that are not one item's (an unreadable state shard that was rebuilt, say).
    public var warnings: [String]

    public var failures: [RefreshItem] { items.filter(\.failed) }

    /// True when something was fetched and nothing failed: a run that had nothing to fetch proves nothing
    /// fresh, so a cron job must not read it as success.
    public var isSuccess: Bool { !items.isEmpty && failures.isEmpty }

    /// The warning of a run that had nothing to fetch.
    public static let nothingToFetch = "nothing to fetch: none of the selected tools has an attestation URL or a watched document"

    /// Items per status, for the summary.
    public var counts: [(status: RefreshStatus, count: Int)] {
        var counts: [RefreshStatus: Int] = [:]
        for item in items { counts[item.status, default: 0] += 1 }
        return counts.map { ($0.key, $0.value) }.sorted { $0.status.rawValue < $1.status.rawValue }
    }

    /// The `refresh --format json` object.
    public var json: JSONValue {
        .object([
            JSONMember("started", .string(started.description)),
            JSONMember("finished", .string(finished.description)),
            JSONMember("ok", .bool(isSuccess)),
            JSONMember("checked", .number(String(items.count))),
            JSONMember("failed", .number(String(failures.count))),
            JSONMember("filesWritten", .number(String(filesWritten))),
            JSONMember("counts", .object(counts.map { JSONMember($0.status.rawValue, .number(String($0.count))) })),
            JSONMember(
                "items",
                .array(
                    items.map { item in
                        .object([
                            JSONMember("tool", .string(item.tool)),
                            JSONMember("kind", .string(item.kind.rawValue)),
                            JSONMember("url", .string(item.url)),
                            JSONMember("status", .string(item.status.rawValue)),
                            JSONMember("failed", .bool(item.failed)),
                            JSONMember("version", item.version.map { .number(String($0)) } ?? .null),
                            JSONMember("message", item.message.map(JSONValue.string) ?? .null),
                        ])
                    })),
            JSONMember("warnings", .array(warnings.map(JSONValue.string))),
        ])
    }

    /// One line for the refresh log: counts and the failures, so freshness and repeated failures are provable.
    var logLine: JSONValue {
        .object([
            JSONMember("started", .string(started.description)),
            JSONMember("finished", .string(finished.description)),
            JSONMember("checked", .number(String(items.count))),
            JSONMember("counts", .object(counts.map { JSONMember($0.status.rawValue, .number(String($0.count))) })),
            JSONMember(
                "failures",
                .array(
                    failures.map {
                        .object([
                            JSONMember("tool", .string($0.tool)), JSONMember("url", .string($0.url)),
                            JSONMember("status", .string($0.status.rawValue)),
                        ])
                    })),
        ])
    }
}

/// Why a refresh could not run at all (as opposed to items that failed).
public enum RefreshError: Error, Sendable, CustomStringConvertible {
    case locked(RefreshLock.LockError)
    case registry(RegistryError)
    case io(FileIO.Failure)
    /// libcurl could not be started.
    case transport(String)

    public var description: String {
        switch self {
        case .transport(let message): "cannot start the transfer engine: \(message)"
        case .locked(let e): e.description
        case .registry(let e): e.description
        case .io(let e): e.description
        }
    }
}
