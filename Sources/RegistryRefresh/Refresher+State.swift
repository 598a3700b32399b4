import CurlTransport
import RegistryDomain
import RegistryJSON
import RegistryStorage
import TermsText

extension Refresher {
    /// Records one outcome in `next` (the states this run changes) and says what happened, item by item.
    ///
    /// A 304 to a conditional request changes nothing, so it never needs the tool's whole state; any other
    /// answer starts from the whole state before this run (decoded from its shard when first needed).
    func apply(_ outcome: Outcome, to c: inout Collected) {
        let before = c.items.count
        apply(outcome, to: &c.next, shards: &c.shards, snapshots: &c.snapshots, items: &c.items)
        // What the attested digests are compared with at the end of the run (see `attestedDigestItems`).
        for item in c.items[before...] {
            switch (item.kind, item.status) {
            case (.attestation, .verified), (.attestation, .unchanged):
                // Only attestations that give digests: most give none, and 10,000 empty entries cost the collector.
                if case .attestation(let job) = outcome, case .body(let checked, _, _) = job.fetched {
                    let digests = checked.attestedDigests
                    if !digests.isEmpty { c.attestedDigests[item.tool] = digests } else { c.attestedDigests[item.tool] = nil }
                }
            case (.document, .changed), (.document, .firstSeen):
                c.changedDocuments.insert(item.tool)
            default:
                break
            }
        }
    }

    func apply(
        _ outcome: Outcome, to next: inout [String: [String: ToolState]], shards: inout StateShards, snapshots: inout [String: String],
        items: inout [RefreshItem]
    ) {
        switch outcome {
        case .attestation(let job):
            if case .notModified = job.fetched, let known = job.known {
                items.append(RefreshItem(tool: job.tool, kind: .attestation, url: job.url, status: .notModified, version: known.highestVersion))
                return
            }
            let shard = job.shard ?? StateStore.shard(for: job.tool)
            var s = next[shard]?[job.tool] ?? shards.shard(shard)[job.tool] ?? ToolState()
            var a = (s.attestation?.url == job.url ? s.attestation : nil) ?? AttestationState(url: job.url)
            let item: RefreshItem
            switch job.fetched {
            case .notModified:
                item = RefreshItem(tool: job.tool, kind: .attestation, url: job.url, status: .notModified, version: a.highestVersion)
            case .failed(let error):
                a.lastCheck = Self.outcome(error.status, error.message, replacing: a.lastCheck, at: now)
                item = RefreshItem(
                    tool: job.tool, kind: .attestation, url: job.url, status: error.status, message: error.description, version: a.highestVersion)
            case .body(var verification, let etag, let lastModified):
                // The envelope verified before its key was retired, fetched again: the one in force, not news.
                if case .rejected(let r, let body?) = verification, r.code == .keyRetired, body == a.envelope,
                    let version = a.highestVersion, let payload = AttestationSubject.unverifiedPayload(inEnvelope: Array(body.utf8))
                {
                    verification = .unchanged(envelope: body, version: version, payload: payload)
                }
                // The same version signed again with other content: the vendor (or its key) says two things at once.
                if case .unchanged(_, let version, let payload) = verification, let stored = a.envelope,
                    let inForce = AttestationSubject.unverifiedPayload(inEnvelope: Array(stored.utf8)), inForce.version == version, inForce != payload
                {
                    let rejection = AttestationRejection(
                        .equivocation,
                        "version \(version) was verified before with other content; the same version cannot say two things (the attestation verified first stays in force)"
                    )
                    verification = .rejected(rejection, envelope: nil)
                }
                switch verification {
                case .verified(let envelope, let version, let versionKey, _):
                    a.envelope = envelope
                    a.highestVersion = version
                    a.versionKey = versionKey
                    a.verifiedAt = now
                    a.etag = etag
                    a.lastModified = lastModified
                    a.lastCheck = Self.outcome(.verified, nil, replacing: a.lastCheck, at: now)
                    item = RefreshItem(tool: job.tool, kind: .attestation, url: job.url, status: .verified, version: version)
                case .unchanged(let envelope, let version, _):
                    // Same version: nothing new. Keep the validators so the next run costs a 304.
                    a.etag = etag
                    a.lastModified = lastModified
                    if a.envelope == nil { a.envelope = envelope }
                    a.lastCheck = Self.outcome(.unchanged, nil, replacing: a.lastCheck, at: now)
                    item = RefreshItem(tool: job.tool, kind: .attestation, url: job.url, status: .unchanged, version: version)
                case .rejected(let rejection, _):
                    // The last verified attestation stays in force; validators are not kept, so the bad file is fetched again.
                    a.lastCheck = Self.outcome(.rejected(rejection.code), rejection.message, replacing: a.lastCheck, at: now)
                    item = RefreshItem(
                        tool: job.tool, kind: .attestation, url: job.url, status: .rejected(rejection.code),
                        message: rejection.message, version: a.highestVersion)
                }
            }
            s.attestation = a
            next[shard, default: [:]][job.tool] = s
            items.append(item)

        case .document(let job, let fetched):
            for tool in job.tools {
                if case .notModified = fetched, shards.validators[tool]?.documents[job.url] != nil {
                    items.append(RefreshItem(tool: tool, kind: .document, url: job.url, status: .notModified, message: nil))
                    continue
                }
                let shard = StateStore.shard(for: tool)
                var s = next[shard]?[tool] ?? shards.shard(shard)[tool] ?? ToolState()
                // A tool newly watching a URL another tool already watched starts from that one's state.
                var known: DocumentState?
                for other in job.tools where known == nil { known = shards.state(of: other)?.documents[job.url] }
                var d = s.documents[job.url] ?? known ?? DocumentState()
                let status: RefreshStatus
                var message: String?
                switch fetched {
                case .notModified:
                    status = .notModified
                case .failed(let error):
                    status = error.status
                    message = error.description
                    d.lastCheck = Self.outcome(status, message, replacing: d.lastCheck, at: now)
                case .body(.noTerms(let failure), _, _):
                    // Nothing was read: neither "unchanged" nor "changed". The validators are not kept, so the
                    // next refresh fetches the page again instead of taking a 304 for an answer.
                    status = failure.status
                    message = failure.message
                    d.etag = nil
                    d.lastModified = nil
                    d.lastCheck = Self.outcome(status, message, replacing: d.lastCheck, at: now)
                case .body(.terms(let sha256, let rawSHA256, let text), let etag, let lastModified):
                    if d.sha256 == nil {
                        status = .firstSeen
                    } else if d.sha256 != sha256 {
                        status = .changed
                    } else {
                        status = .unchanged
                    }
                    if status != .unchanged {
                        d.changedAt = now
                        snapshots[sha256] = text
                    } else if job.repair {
                        // The text the state names was missing: this is it again.
                        snapshots[sha256] = text
                    }
                    d.sha256 = sha256
                    d.rawSHA256 = rawSHA256
                    d.etag = etag
                    d.lastModified = lastModified
                    d.lastCheck = Self.outcome(status == .unchanged ? .unchanged : .changed, nil, replacing: d.lastCheck, at: now)
                }
                s.documents[job.url] = d
                next[shard, default: [:]][tool] = s
                items.append(RefreshItem(tool: tool, kind: .document, url: job.url, status: status, message: message))
            }
        }
    }

    /// A new outcome only when its status differs from the last one, so a repeated result (whose wording may
    /// vary: ports, timings) does not rewrite the state; `since` then says how long it has lasted.
    static func outcome(_ status: RefreshStatus, _ message: String?, replacing old: CheckOutcome?, at now: Timestamp) -> CheckOutcome {
        if let old, old.status == status.rawValue { return old }
        return CheckOutcome(status: status.rawValue, message: message, since: now)
    }

    /// Writes the shards whose content changed and the new document snapshots, in one batch; returns the
    /// number of files written and the shards rewritten.
    func write(next byShard: [String: [String: ToolState]], shards: StateShards, snapshots: [String: String], state: StateStore) throws(RefreshError)
        -> (Int, Set<String>)
    {
        var batch = BatchWriter()
        // Only the shards of tools whose state changed (none, in a run of 304s) are rewritten; a shard holds every
        // tool that hashes to it, including ones not refreshed this time. Compared and encoded on every core.
        let prior = shards
        let contents = Parallel.map(byShard.sorted(by: { $0.key < $1.key }), minimumPerWorker: 8) { shard, tools -> (String, [UInt8])? in
            let old = prior.decodedShard(shard) ?? (try? state.shard(shard)) ?? [:]
            let changed = tools.filter { old[$0.key] != $0.value }
            if changed.isEmpty { return nil }
            return (shard, StateStore.encodeShard(old.merging(changed) { _, new in new }))
        }
        var rewritten = Set<String>()
        for case let (shard, bytes)? in contents {
            batch.add(bytes, to: state.shardPath(shard))
            rewritten.insert(shard)
        }
        for (sha, text) in snapshots.sorted(by: { $0.key < $1.key }) where !FileIO.isFile(state.snapshotPath(sha256: sha)) {
            // The shards name these texts by hash: they are in place before any shard is.
            batch.addReferenced(Array(text.utf8), to: state.snapshotPath(sha256: sha))
        }
        if !batch.isEmpty, !FileIO.isFile(state.root + "/.gitignore") {
            batch.add(
                Array("# Written by genai-registry refresh: the lock and interrupted writes are never committed.\n.lock\n*.tmp-*\n".utf8),
                to: state.root + "/.gitignore")
        }
        do { try batch.commit(syncRoot: state.root) } catch { throw .io(error) }
        return (batch.count, rewritten)
    }
}
