public import RegistryDomain
public import RegistryJSON
public import RegistryStorage

/// A record's past: each committed version from the registry's git history, judged with the policy
/// committed alongside it on the day it was committed, what changed, who committed it and who the record
/// says reviewed it; plus what the refresh job saw. Answers "since when compliant, and who said so".
public struct RecordHistory: Sendable {
    /// One committed version of the record.
    public struct Version: Sendable {
        public var commit: String
        public var author: String
        public var date: Timestamp
        public var subject: String
        /// The verdict of this version under `policyVersion` as of the commit day; nil when the file was not valid then.
        public var verdict: ToolVerdict?
        /// Why there is no verdict (the file did not validate at that commit).
        public var problem: String?
        public var policyVersion: String
        /// False when the policy at that commit could not be read and today's was used instead.
        public var policyFromCommit: Bool
        public var review: Review?
        /// Field-level changes from the previous version (`$.path: old → new`).
        public var changes: [String]
        /// True for a commit that changed the policy and not the record: the record as it stood then, judged
        /// under that commit's policy (a policy change alone can end or start compliance).
        public var policyOnly = false
    }

    /// What git could say.
    public enum Git: Sendable {
        case versions([Version])
        /// The registry is not in a git repository (or git is missing): the reason, said plainly.
        case unavailable(String)
    }

    public var tool: String
    public var git: Git
    /// Whether the working copy of the record differs from the last commit.
    public var uncommitted: Bool
    /// What the refresh state and log record about the tool, oldest first.
    public var refreshEvents: [(when: Timestamp, text: String)]
    /// How many refresh runs the log holds, and the latest.
    public var refreshRuns: Int
    public var lastRefresh: Timestamp?

    /// Most changes listed per version; the rest are counted.
    static let changeLimit = 12

    /// The committed versions, oldest first (empty when git is unavailable).
    public var versions: [Version] {
        if case .versions(let v) = git { return v }
        return []
    }

    /// The first version of the current unbroken run of `compliant` verdicts, when the latest version is compliant.
    public var compliantSince: Version? {
        var since: Version?
        for version in versions.reversed() {
            guard version.verdict?.verdict == .compliant else { break }
            since = version
        }
        return since
    }

    /// Reads the history of `toolID` in `store`.
    public static func load(store: RegistryStore, toolID: String, currentPolicy: Policy, gitTimeout: Double = 20) -> RecordHistory {
        var history = RecordHistory(tool: toolID, git: .unavailable(""), uncommitted: false, refreshEvents: [], refreshRuns: 0, lastRefresh: nil)
        let git = GitRunner(directory: store.root, timeout: gitTimeout)
        do {
            _ = try git.run(["rev-parse", "--show-toplevel"])
            history.git = .versions(try versions(git: git, toolID: toolID, currentPolicy: currentPolicy))
            let status = (try? git.run(["status", "--porcelain", "--", "tools/\(toolID).json"])) ?? []
            history.uncommitted = !status.isEmpty
        } catch {
            let message =
                error.message.contains("not a git repository")
                ? "\(store.root) is not in a git repository, so there is no record history (keep the registry under git to have one)"
                : "no git history: \(error.message)"
            history.git = .unavailable(message)
        }
        refresh(store: store, toolID: toolID, into: &history)
        return history
    }

    /// One commit of the record's or the policy's log.
    private struct Entry {
        var commit: String
        var author: String
        var seconds: Int64
        var subject: String
        /// The record's path at this commit (from the repository's top); nil for a commit of the policy's log.
        var path: String?
    }

    /// Entries of `git log` run with `format` and `--name-only` or not, oldest first.
    private static func entries(_ log: [UInt8], withPaths: Bool) -> [Entry] {
        var out: [Entry] = []
        for chunk in String(decoding: log, as: UTF8.self).split(separator: "\u{1E}").reversed() {
            let lines = chunk.split(separator: "\n", omittingEmptySubsequences: true)
            guard let header = lines.first else { continue }
            let fields = header.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 4, let seconds = Int64(fields[2]) else { continue }
            let path = lines.dropFirst().first.map(String.init)
            if withPaths && path == nil { continue }
            out.append(
                Entry(
                    commit: fields[0], author: fields[1], seconds: seconds, subject: fields[3...].joined(separator: " "),
                    path: withPaths ? path : nil))
        }
        return out
    }

    private static func versions(git: GitRunner, toolID: String, currentPolicy: Policy) throws(GitRunner.Failure) -> [Version] {
        // One header line per commit (unit separators between fields), then the file's path at that commit.
        let format = "--format=%x1e%H%x1f%an%x1f%ct%x1f%s"
        let recordLog = entries(try git.run(["log", "--follow", "--name-only", format, "--", "tools/\(toolID).json"]), withPaths: true)
        // Commits that changed the policy but not the record, merged in by commit time (a record commit first on a
        // tie), then put in the history's own order where git gives it: commit times can disagree with it (rebases).
        let recordCommits = Set(recordLog.map(\.commit))
        let policyLog = entries((try? git.run(["log", format, "--", "policy.json"])) ?? [], withPaths: false)
            .filter { !recordCommits.contains($0.commit) }
        var merged: [Entry] = []
        var p = policyLog.startIndex
        for entry in recordLog {
            while p < policyLog.endIndex, policyLog[p].seconds < entry.seconds {
                merged.append(policyLog[p])
                p += 1
            }
            merged.append(entry)
        }
        merged += policyLog[p...]
        if !policyLog.isEmpty, let order = try? git.run(["rev-list", "--topo-order", "--reverse", "HEAD"]) {
            var position: [Substring: Int] = [:]
            for (i, hash) in String(decoding: order, as: UTF8.self).split(separator: "\n").enumerated() { position[hash] = i }
            merged = merged.enumerated()
                .sorted {
                    (position[Substring($0.element.commit)] ?? $0.offset, $0.offset) < (
                        position[Substring($1.element.commit)] ?? $1.offset, $1.offset
                    )
                }
                .map(\.element)
        }

        var out: [Version] = []
        var previous: JSONValue?
        var previousPolicy: Policy?
        // Where the record was at its last commit, and the folder of the registry it sat in (nil once removed or invalid).
        var standing: (path: String, registryDir: String)?
        for entry in merged {
            let commit = entry.commit
            let date = Timestamp(secondsSinceEpoch: entry.seconds)
            var version = Version(
                commit: commit, author: entry.author, date: date, subject: entry.subject,
                verdict: nil, problem: nil, policyVersion: currentPolicy.version, policyFromCommit: false, review: nil, changes: [])
            guard let path = entry.path else {
                // A policy commit: shown when there is a valid record to judge and the policy at it can be read.
                // A change that reads back the same (layout, key order) cannot change a verdict: not shown.
                // The record is read at the policy's commit (not taken from the version before it): exact even
                // where branches merged. A commit where it is missing or invalid has nothing to judge.
                guard let standing, let policy = policy(at: commit, registryDir: standing.registryDir, git: git),
                    policy != previousPolicy,
                    let bytes = try? git.run(["show", "\(commit):\(standing.path)"]),
                    let record = Self.record(from: bytes, path: standing.path).record
                else { continue }
                version.policyOnly = true
                version.policyFromCommit = true
                version.policyVersion = policy.version
                version.verdict = Validator(policy: policy, today: date.day).evaluate(record)
                version.review = record.review
                version.changes = [previousPolicy.map { Self.policyChange(from: $0, to: policy) } ?? "policy committed"]
                previousPolicy = policy
                out.append(version)
                continue
            }

            // The file at this commit; a commit that deleted it has no blob.
            guard let bytes = try? git.run(["show", "\(commit):\(path)"]) else {
                version.problem = "the record was removed in this commit"
                version.changes = ["record removed"]
                previous = nil
                standing = nil
                out.append(version)
                continue
            }
            let registryDir =
                path.hasSuffix("tools/\(path.split(separator: "/").last ?? "")")
                ? String(path.dropLast("tools/".count + (path.split(separator: "/").last?.count ?? 0))) : ""
            var policy = currentPolicy
            if let committed = Self.policy(at: commit, registryDir: registryDir, git: git) {
                policy = committed
                version.policyFromCommit = true
            }
            version.policyVersion = policy.version

            let value = try? JSONParser.parse(bytes).value
            let read = Self.record(from: bytes, path: path)
            if let record = read.record {
                version.verdict = Validator(policy: policy, today: date.day).evaluate(record)
                version.review = record.review
                standing = (path, registryDir)
            } else {
                version.problem = "not valid at this commit" + (read.error.map { ": \($0.path): \($0.message)" } ?? "")
                standing = nil
            }
            if let value {
                version.changes = previous.map { changes(from: $0, to: value) } ?? ["record created"]
                previous = value
            }
            if let before = previousPolicy?.version, before != policy.version {
                version.changes.insert("policy version \(before) → \(policy.version)", at: 0)
            }
            previousPolicy = policy
            out.append(version)
        }
        return out
    }

    /// The record `bytes` hold when it is valid; otherwise nil, with its first error when it has one.
    private static func record(from bytes: [UInt8], path: String) -> (record: ToolRecord?, error: Issue?) {
        let (record, issues) = RecordCodec.decode(ToolRecord.self, from: bytes, schema: RegistrySchemas.tool, file: path)
        let error = issues.first { $0.severity == .error }
        return (error == nil ? record : nil, error)
    }

    /// The policy committed at `commit`, or nil when there is none or it cannot be read.
    private static func policy(at commit: String, registryDir: String, git: GitRunner) -> Policy? {
        guard let bytes = try? git.run(["show", "\(commit):\(registryDir)policy.json"]) else { return nil }
        return RecordCodec.decode(Policy.self, from: bytes, schema: RegistrySchemas.policy, file: "policy.json").0
    }

    /// What a policy commit changed, in a line.
    private static func policyChange(from old: Policy, to new: Policy) -> String {
        old.version == new.version ? "policy changed (version \(new.version) kept)" : "policy version \(old.version) → \(new.version)"
    }

    /// `$.path: old → new` for each leaf that differs, added or removed (in document order, bounded).
    static func changes(from old: JSONValue, to new: JSONValue) -> [String] {
        let a = leaves(old), b = leaves(new)
        let oldMap = Dictionary(a, uniquingKeysWith: { x, _ in x }), newMap = Dictionary(b, uniquingKeysWith: { x, _ in x })
        var out: [String] = []
        for (path, value) in b {
            if let before = oldMap[path] {
                if before != value {
                    // Long texts that differ past the shown prefix would read "x… → x…": just say so.
                    out.append(short(before) == short(value) ? "\(path): text edited" : "\(path): \(short(before)) → \(short(value))")
                }
            } else {
                out.append("\(path): added \(short(value))")
            }
        }
        for (path, value) in a where newMap[path] == nil { out.append("\(path): removed (was \(short(value)))") }
        if out.count > changeLimit { out = Array(out.prefix(changeLimit)) + ["… \(out.count - changeLimit) more changes"] }
        return out
    }

    private static func leaves(_ value: JSONValue, _ path: JSONPath = .root) -> [(String, String)] {
        switch value {
        case .object(let members) where !members.isEmpty: return members.flatMap { leaves($0.value, path.appending($0.key)) }
        case .array(let elements) where !elements.isEmpty && elements.contains(where: { if case .object = $0 { true } else { false } }):
            return elements.enumerated().flatMap { leaves($1, path.appending(index: $0)) }
        default: return [(path.description, JSONWriter.compact(value))]
        }
    }

    private static func short(_ text: String) -> String { text.count > 60 ? String(text.prefix(57)) + "…" : text }

    /// What the refresh state and log say about the tool.
    private static func refresh(store: RegistryStore, toolID: String, into history: inout RecordHistory) {
        let state = StateStore(registry: store)
        var events: [(Timestamp, String)] = []
        if let log = try? RefreshLog.load(state) {
            history.refreshRuns = log.runs.count
            history.lastRefresh = log.runs.last?.started
            for (run, failure) in log.failures(tool: toolID) { events.append((run.started, "refresh: \(failure.url) failed (\(failure.status))")) }
        }
        if let toolState = try? state.toolState(id: toolID) {
            if let a = toolState.attestation {
                if let at = a.verifiedAt {
                    events.append((at, "attestation version \(a.highestVersion.map(String.init) ?? "?") verified (\(a.url))"))
                }
                if let check = a.lastCheck, check.isFailure { events.append((check.since, "attestation check failing since then: \(check.status)")) }
            }
            for (url, doc) in toolState.documents.sorted(by: { $0.key < $1.key }) {
                if let at = doc.changedAt {
                    events.append((at, "\(url) text last changed (sha256 \(doc.sha256.map { String($0.prefix(12)) } ?? "?")…)"))
                }
                if let check = doc.lastCheck, check.isFailure { events.append((check.since, "\(url) failing since then: \(check.status)")) }
            }
        }
        history.refreshEvents = events.sorted { $0.0 < $1.0 }.map { (when: $0.0, text: $0.1) }
    }
}
