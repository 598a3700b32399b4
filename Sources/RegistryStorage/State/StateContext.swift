public import RegistryDomain
public import RegistryJSON

/// What `Registry/state/` adds to a verdict: the attestation in force (verified again now, against the
/// vendor file as it is now), its terms merged where the record says "not known", conflicts where they
/// disagree, and watched documents whose text changed since the review.
public struct StateContext: Sendable {
    public let store: RegistryStore
    public let policy: Policy
    public let now: Timestamp
    /// Every shard read once, for callers that evaluate the whole registry; nil: read per tool.
    private let preloaded: (states: [String: ToolState], unreadable: [String: StateStore.Failure])?

    /// For lookups of single tools: each reads only its own shard.
    public init(store: RegistryStore, policy: Policy, now: Timestamp) {
        self.store = store
        self.policy = policy
        self.now = now
        self.preloaded = nil
    }

    /// For evaluating every tool (`list`, `review`, `report`, the lookup service): each shard is read once,
    /// instead of once per tool that lives in it.
    public static func wholeRegistry(store: RegistryStore, policy: Policy, now: Timestamp) -> StateContext {
        StateContext(store: store, policy: policy, now: now, preloaded: StateStore(registry: store).loadAllShards())
    }

    private init(
        store: RegistryStore, policy: Policy, now: Timestamp, preloaded: (states: [String: ToolState], unreadable: [String: StateStore.Failure])
    ) {
        self.store = store
        self.policy = policy
        self.now = now
        self.preloaded = preloaded
    }

    /// The recorded state of `id`, from the preloaded shards or its own shard.
    private func toolState(id: String) throws(StateStore.Failure) -> ToolState? {
        guard let preloaded else { return try StateStore(registry: store).toolState(id: id) }
        if let failure = preloaded.unreadable[StateStore.allShards] ?? preloaded.unreadable[StateStore.shard(for: id)] { throw failure }
        return preloaded.states[id]
    }

    /// The context provider `Lookup` takes.
    public var provider: @Sendable (ToolRecord, VendorRecord?) -> EvaluationContext {
        { record, vendor in self.context(for: record, vendor: vendor) }
    }

    /// The evaluation context of `record`.
    public func context(for record: ToolRecord, vendor: VendorRecord?) -> EvaluationContext {
        var context = EvaluationContext()
        let state: ToolState?
        do { state = try toolState(id: record.id) } catch {
            context.attestation = AttestationSummary(status: record.attestationURL == nil ? "none" : "state-unreadable", message: error.description)
            return context
        }
        if let url = record.attestationURL {
            attestation(record, url: url, state: state?.attestation, vendor: vendor, into: &context)
        }
        changedDocuments(record, state: state, into: &context)
        return context
    }

    private func attestation(
        _ record: ToolRecord, url: String, state: AttestationState?, vendor: VendorRecord?, into context: inout EvaluationContext
    ) {
        let latest = state?.lastCheck.flatMap {
            $0.isFailure ? "latest fetch: \($0.status) since \($0.since)\($0.message.map { " — \($0)" } ?? "")" : nil
        }
        guard let state, state.url == url, let envelope = state.envelope, let vendor else {
            context.attestation = AttestationSummary(
                status: state?.lastCheck.map { $0.isFailure ? $0.status : "not-fetched" } ?? "not-fetched", message: latest)
            return
        }
        let verifier = AttestationVerifier(now: now, policy: policy)
        // First seen when the refresh verified it: a key retired since then does not withdraw it, but one retired
        // before then never made it count.
        switch verifier.verify(Array(envelope.utf8), vendor: vendor, toolID: record.id, floor: nil, firstSeen: state.verifiedAt ?? now) {
        case .verified(let v), .unchanged(let v):
            let p = v.payload
            context.attestation = AttestationSummary(status: "verified", version: p.version, expires: p.expires, message: latest)
            let (merged, conflicts) = AttestationConflicts.between(record: record.terms, attested: p.terms, version: p.version)
            context.terms = merged
            context.conflicts += conflicts
            let retrieved = state.verifiedAt?.day ?? now.day
            for topic in [EvidenceTopic.retention, .training, .environment] {
                context.evidence.append(
                    Evidence(
                        about: topic, url: url, source: .vendor, published: p.issued.day.description, retrieved: retrieved,
                        summary:
                            "Signed attestation version \(p.version) (key \(v.keyid)), verified against the key pinned for \(vendor.name); in force until \(p.expires)."
                    ))
            }
        case .rejected(let rejection):
            // Verified once, but not any more (expired, key removed from the vendor file…): it no longer counts.
            context.attestation = AttestationSummary(status: rejection.code.rawValue, version: state.highestVersion, message: rejection.message)
        }
    }

    private func changedDocuments(_ record: ToolRecord, state: ToolState?, into context: inout EvaluationContext) {
        guard let review = record.review, let state else { return }
        for reviewed in review.documents {
            guard let then = reviewed.sha256, let current = state.documents[reviewed.url], let now = current.sha256, now != then else { continue }
            let when = current.changedAt.map { " on \($0.day)" } ?? ""
            context.reasons.append(
                Reason(
                    .termsChanged,
                    "\(reviewed.url) changed\(when), after the review of \(review.on); procurement must review it again."))
        }
    }
}
