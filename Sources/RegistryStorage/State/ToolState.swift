public import RegistryDomain
public import RegistryJSON

/// What the refresh job knows about one tool, kept under `Registry/state/` so lookups work offline
/// and `git log` is the history. Written only when something changed.
public struct ToolState: Sendable, Codable, Equatable {
    public var attestation: AttestationState?
    /// Watched documents by URL.
    public var documents: [String: DocumentState]

    public init(attestation: AttestationState? = nil, documents: [String: DocumentState] = [:]) {
        self.attestation = attestation
        self.documents = documents
    }
}

/// The vendor attestation of a tool: the one in force, the rollback floor, and the latest outcome.
public struct AttestationState: Sendable, Codable, Equatable {
    public var url: String
    /// Validators for the next conditional request.
    public var etag: String?
    public var lastModified: String?
    /// The highest version ever verified: anything lower is a rollback.
    public var highestVersion: Int?
    /// The fingerprint of the key that signed `highestVersion` (`SigningKey.fingerprint`): the floor counts only
    /// while the vendor file still pins that key. nil for floors recorded before they were tied to keys.
    public var versionKey: String?
    /// The last verified envelope, byte for byte as fetched; it is verified again at every lookup
    /// (so a key later removed from the vendor file stops it) and stays in force until it expires.
    public var envelope: String?
    /// When the envelope in force was verified.
    public var verifiedAt: Timestamp?
    /// The latest outcome that was not "not modified", and since when it holds.
    public var lastCheck: CheckOutcome?

    public init(url: String) { self.url = url }

    /// The rollback floor the next attestation is checked against.
    public var floor: VersionFloor? { highestVersion.map { VersionFloor(version: $0, key: versionKey) } }
}

/// A watched document as last fetched.
public struct DocumentState: Sendable, Codable, Equatable {
    public var etag: String?
    public var lastModified: String?
    /// SHA-256 of the normalised text (what `review` compares against).
    public var sha256: String?
    /// SHA-256 of the raw body, to tell cosmetic changes from real ones.
    public var rawSHA256: String?
    /// When the normalised text last changed (or was first seen).
    public var changedAt: Timestamp?
    public var lastCheck: CheckOutcome?

    public init() {}
}

/// The result of a fetch, kept with the time it was first seen so a repeated failure does not rewrite the state.
public struct CheckOutcome: Sendable, Codable, Equatable {
    /// `verified`, `unchanged`, `changed`, or a failure code (`bad-signature`, `timed-out`, `http-404`, …).
    public var status: String
    public var message: String?
    public var since: Timestamp

    public init(status: String, message: String? = nil, since: Timestamp) {
        self.status = status
        // A server decides what goes into a failure message; the state file holds a bounded part of it.
        self.message = message.map { AttestationRejection.bounded($0) }
        self.since = since
    }

    /// Whether the outcome is a failure a person should look at.
    public var isFailure: Bool { !["verified", "unchanged", "changed", "not-modified"].contains(status) }
}
