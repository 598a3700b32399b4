public import RegistryJSON
public import RegistryStorage

/// `state/refresh-log.jsonl` as `review` and `show --history` read it: one entry per refresh run,
/// with the items that failed. Lines that cannot be read are counted, never fatal (the log is a record,
/// not an input the verdict depends on).
public struct RefreshLog: Sendable, Equatable {
    /// One refresh run.
    public struct Run: Sendable, Equatable {
        public var started: Timestamp
        public var checked: Int?
        public var failures: [Failure]
    }

    /// One item that failed in a run.
    public struct Failure: Sendable, Equatable {
        public var tool: String
        public var url: String
        public var status: RefreshStatus
    }

    public var runs: [Run]
    /// Lines that are not a readable run.
    public var unreadableLines: Int
    /// Whether the file exists at all.
    public var exists: Bool

    /// Reads the log of `state`; a missing file is an empty log.
    public static func load(_ state: StateStore) throws(FileIO.Failure) -> RefreshLog {
        let bytes: [UInt8]
        do { bytes = try FileIO.read(state.logPath) } catch {
            if error.isNotFound { return RefreshLog(runs: [], unreadableLines: 0, exists: false) }
            throw error
        }
        return parse(String(decoding: bytes, as: UTF8.self))
    }

    /// Parses the text of a log.
    public static func parse(_ text: String) -> RefreshLog {
        var runs: [Run] = []
        var unreadable = 0
        for line in text.split(separator: "\n") where !line.allSatisfy(\.isWhitespace) {
            guard let value = try? JSONParser.parse(Array(line.utf8)).value,
                let started = value["started"]?.stringValue.flatMap(Timestamp.init)
            else {
                unreadable += 1
                continue
            }
            // A failure whose status is not one this version knows is left out, like one missing a field.
            let failures = (value["failures"]?.arrayValue ?? []).compactMap { f -> Failure? in
                guard let tool = f["tool"]?.stringValue, let url = f["url"]?.stringValue,
                    let status = f["status"]?.stringValue.flatMap(RefreshStatus.init(rawValue:))
                else { return nil }
                return Failure(tool: tool, url: url, status: status)
            }
            runs.append(Run(started: started, checked: value["checked"]?.intValue, failures: failures))
        }
        return RefreshLog(runs: runs.sorted { $0.started < $1.started }, unreadableLines: unreadable, exists: true)
    }

    /// The runs in which `tool`'s item at `url` failed, at or after `since`.
    public func failures(tool: String, url: String, since: Timestamp? = nil) -> [(run: Run, failure: Failure)] {
        runs.compactMap { run in
            if let since, run.started < since { return nil }
            return run.failures.first { $0.tool == tool && $0.url == url }.map { (run, $0) }
        }
    }

    /// The runs in which any item of `tool` failed.
    public func failures(tool: String) -> [(run: Run, failure: Failure)] {
        runs.flatMap { run in run.failures.filter { $0.tool == tool }.map { (run, $0) } }
    }
}
