public import RegistryDomain
public import RegistryJSON
public import RegistryStorage

/// `state/verdicts.json`: the verdict `review` last saw for each tool, under which policy version, and the
/// last policy change with the verdicts it changed. When the studio edits `policy.json` (and its `version`),
/// the next `review` compares, records the change, and keeps listing each changed tool until that tool has
/// been reviewed on or after the day the change was seen — so a CI run cannot swallow the news.
public struct VerdictLedger: Sendable, Codable, Equatable {
    public var format: String
    public var policyVersion: String
    public var verdicts: [String: OverallVerdict]
    public var policyChange: PolicyChange?

    /// The last policy change `review` saw, and what it did to verdicts.
    public struct PolicyChange: Sendable, Codable, Equatable {
        public var from: String
        public var to: String
        /// The day `review` first saw the new version.
        public var seen: Day
        public var changes: [Change]
    }

    /// One tool whose verdict differed under the new policy.
    public struct Change: Sendable, Codable, Equatable {
        public var tool: String
        public var from: OverallVerdict
        public var to: OverallVerdict
    }

    static let currentFormat = "genai-registry-verdicts/v1"

    public init(policyVersion: String, verdicts: [String: OverallVerdict], policyChange: PolicyChange? = nil) {
        format = Self.currentFormat
        self.policyVersion = policyVersion
        self.verdicts = verdicts
        self.policyChange = policyChange
    }

    /// The ledger's path in a registry.
    public static func path(_ state: StateStore) -> String { state.root + "/verdicts.json" }

    /// The recorded ledger; nil when `review` never ran. An unreadable file is reported, never guessed at.
    public static func load(_ state: StateStore) throws(StateStore.Failure) -> VerdictLedger? {
        let path = path(state)
        let bytes: [UInt8]
        do { bytes = try FileIO.read(path) } catch {
            if error.isNotFound { return nil }
            throw StateStore.Failure(path: path, message: error.description)
        }
        guard let parsed = try? JSONParser.parse(bytes), let ledger = try? JSONValueDecoder.decode(VerdictLedger.self, from: parsed.value),
            ledger.format == currentFormat
        else {
            throw StateStore.Failure(path: path, message: "unreadable verdict ledger; delete it and `review` starts a new one")
        }
        return ledger
    }

    /// The next ledger after seeing `verdicts` under `policyVersion` on `today`.
    public func updated(policyVersion version: String, verdicts current: [String: OverallVerdict], today: Day) -> VerdictLedger {
        var next = self
        next.verdicts = current
        if version != policyVersion {
            let changes = current.keys.sorted().compactMap { tool -> Change? in
                guard let old = verdicts[tool], let new = current[tool], old != new else { return nil }
                return Change(tool: tool, from: old, to: new)
            }
            next.policyChange = PolicyChange(from: policyVersion, to: version, seen: today, changes: changes)
            next.policyVersion = version
        }
        return next
    }

    /// Stable bytes in the registry's JSON layout: sorted keys, so the file diffs cleanly under git.
    public var encoded: [UInt8] {
        // Encoding the ledger cannot fail: every field is a string or an object or array of them.
        JSONWriter.bytes((try? JSONValueEncoder.encode(self)) ?? .null)
    }

    /// Writes the ledger atomically.
    public func write(_ state: StateStore) throws(FileIO.Failure) {
        try FileIO.makeDirectory(state.root)
        try FileIO.writeAtomically(encoded, to: Self.path(state))
    }
}
