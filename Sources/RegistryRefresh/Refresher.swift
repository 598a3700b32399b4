import Crypto
import CurlTransport
import Dispatch
import FoundationEssentials
import RegistryDomain
public import RegistryJSON
public import RegistryStorage
import Synchronization
import TermsText

/// The refresh job: fetches every selected tool's attestation and watched documents concurrently,
/// verifies attestations while other transfers run, and records what changed in `Registry/state/`.
///
/// Safety: one refresh at a time (a lock); a hostile or broken server costs its item one failure, never
/// the run; state is written only where it changed, all at once at the end (`BatchWriter`: two syncs, each
/// file replaced atomically), so a refresh killed at any moment leaves every file as it was or whole and new.
public struct Refresher: Sendable {
    public let store: RegistryStore
    public let options: RefreshOptions
    /// The time verification runs against (one fixed start time for the whole run).
    public let now: Timestamp

    public init(store: RegistryStore, options: RefreshOptions, now: Timestamp) {
        self.store = store
        self.options = options
        self.now = now
    }

    /// Progress as items finish: (done, total, failed so far).
    public typealias Progress = @Sendable (_ done: Int, _ total: Int, _ failed: Int) -> Void

    /// Runs the refresh. Item failures are in the report; only what stops the whole run throws.
    public func run(progress: Progress? = nil) async throws(RefreshError) -> RefreshReport {
        let state = StateStore(registry: store)
        let lock: RefreshLock
        do { lock = try RefreshLock(path: state.lockPath, wait: options.waitForLock) } catch { throw .locked(error) }
        defer { withExtendedLifetime(lock) {} }
        BatchWriter.removeTemporaries(in: [state.root, state.toolsDirectory, state.documentsDirectory])

        // Validators for every tool; a shard is decoded whole only when one of its tools gets an answer other than 304.
        // Read on the other core while this one reads the registry: both are cache files of 10,000 lines.
        async let loadingShards = StateShards.load(state, registry: store)
        // Only what a refresh needs, with unchanged tool files taken from the cache of the last run.
        let targets: RefreshTargets
        do { targets = try RefreshTargets.load(store) } catch { throw .registry(error) }
        let policy = targets.policy
        var shards = await loadingShards
        var warnings = shards.unreadable.sorted(by: { $0.key < $1.key }).map { "\($0.value.description) — rebuilt from this refresh" }
        var items: [RefreshItem] = []
        var jobs: [Job] = []
        var watchers: [WatchKey: [String]] = [:]
        // In the tools table's own order: the report is sorted at the end, and sorting the ids and looking
        // each up again here would delay the first transfer.
        let named = options.tools.isEmpty ? nil : Set(options.tools)
        jobs.reserveCapacity(named?.count ?? targets.tools.count)
        for (id, tool) in targets.tools where named?.contains(id) ?? true {
            guard let vendor = targets.vendors[tool.vendor] else {
                items.append(Self.invalidRecord(id, store: store))
                continue
            }
            if let url = tool.attestationURL {
                let known = shards.validators[id]?.attestation
                jobs.append(.attestation(AttestationJob(tool: id, vendor: vendor, url: url, known: known?.url == url ? known : nil)))
            }
            // A document watched by several tools is fetched once (once per set of selectors).
            for url in tool.watch { watchers[WatchKey(url: url, selectors: tool.selectors[url] ?? DocumentSelectors()), default: []].append(id) }
        }
        for id in named.map({ $0.filter { targets.tools[$0] == nil } }) ?? targets.invalidTools {
            items.append(Self.invalidRecord(id, store: store))
        }
        // The texts on disk, to find states that name one that is missing (lost by a crash of an older version, or
        // deleted by hand): such a document is fetched unconditionally, as a 304 would never bring its text back.
        let texts = watchers.isEmpty ? [] : Set((try? FileIO.listAll(state.documentsDirectory)) ?? [])
        for (key, unordered) in watchers.sorted(by: { $0.key.url < $1.key.url }) {
            let tools = unordered.sorted()
            var known: DocumentState?
            var repair = false
            for tool in tools {
                guard let d = shards.validators[tool]?.documents[key.url] else { continue }
                if let sha = d.sha256, !texts.contains(sha + ".txt") { repair = true }
                if known == nil { known = d }
            }
            jobs.append(.document(DocumentJob(url: key.url, selectors: key.selectors, tools: tools, known: repair ? nil : known, repair: repair)))
        }

        if jobs.isEmpty && items.isEmpty { warnings.append(RefreshReport.nothingToFetch) }

        let client: CurlClient
        var transport = options.transport
        transport.maxConcurrentTransfers = max(1, options.concurrency)
        do { client = try CurlClient(configuration: transport) } catch {
            throw .transport(error.description)
        }
        defer { client.shutdown() }

        let verifier = AttestationVerifier(now: now, policy: policy)
        var collected = Collected(shards: shards, items: items)
        collected.next.reserveCapacity(StateStore.shardCount)
        collected.items.reserveCapacity(items.count + jobs.count)
        collected = await execute(jobs, client: client, verifier: verifier, progress: progress, collecting: collected)
        collected.items += attestedDigestItems(&collected)
        shards = collected.shards
        let next = collected.next, snapshots = collected.snapshots
        // The report's order is sorted on the other core while the state is written.
        async let sortedItems = Self.sorted(collected.items)
        let (written, rewritten) = try write(next: next, shards: shards, snapshots: snapshots, state: state)
        shards.saveCache(rewritten: rewritten)
        // What the run held of every tool is freed on another core while this one reports.
        Self.releaseElsewhere((consume jobs, consume targets, shards, consume collected, consume next))
        let report = RefreshReport(started: now, finished: Self.clock(), items: await sortedItems, filesWritten: written, warnings: warnings)
        // The log line is appended after the state is durable; a crash before it only loses the line.
        do { try FileIO.append(Array((JSONWriter.compact(report.logLine) + "\n").utf8), to: state.logPath) } catch {
            throw .io(error)
        }
        return report
    }

    /// One item per document an attestation pins by SHA-256 whose watched text (as fetched, normalised) has
    /// another SHA-256: for tools whose attestation was accepted this run, and tools with an attestation in
    /// force whose watched document changed. Not a failure of the fetch: a difference procurement should see.
    private func attestedDigestItems(_ c: inout Collected) -> [RefreshItem] {
        var attested = c.attestedDigests
        for tool in c.changedDocuments.sorted() where attested[tool] == nil {
            let shard = StateStore.shard(for: tool)
            guard let envelope = (c.next[shard]?[tool] ?? c.shards.state(of: tool))?.attestation?.envelope,
                let payload = AttestationSubject.unverifiedPayload(inEnvelope: Array(envelope.utf8))
            else { continue }
            attested[tool] = payload.documents.filter { $0.sha256 != nil }
        }
        var items: [RefreshItem] = []
        for (tool, documents) in attested.sorted(by: { $0.key < $1.key }) where !documents.isEmpty {
            let shard = StateStore.shard(for: tool)
            let state = c.next[shard]?[tool] ?? c.shards.state(of: tool)
            for document in documents {
                guard let signed = document.sha256, let fetched = state?.documents[document.url]?.sha256, fetched != signed else { continue }
                items.append(
                    RefreshItem(
                        tool: tool, kind: .document, url: document.url, status: .attestedDigestDiffers,
                        message:
                            "the vendor's attestation pins this document at SHA-256 \(signed), but its text as fetched has \(fetched): the terms it rests on have changed since it was signed"
                    ))
            }
        }
        return items
    }

    /// The item of a tool whose record (or its vendor's) has errors.
    private static func invalidRecord(_ id: String, store: RegistryStore) -> RefreshItem {
        RefreshItem(
            tool: id, kind: .attestation, url: store.displayPath(store.toolPath(id)), status: .invalidRecord,
            message: "the record has errors (run genai-registry lint); it was not refreshed")
    }

    /// The items in the report's order: by tool, then URL, then kind.
    private static func sorted(_ items: [RefreshItem]) -> [RefreshItem] {
        var items = items
        // Field by field, as a tuple comparison would, without building a tuple of three strings per comparison.
        items.sort { a, b in
            if a.tool != b.tool { return a.tool < b.tool }
            if a.url != b.url { return a.url < b.url }
            return a.kind.rawValue < b.kind.rawValue
        }
        return items
    }

    /// Drops `value` on a background thread.
    private static func releaseElsewhere<T: Sendable>(_ value: consuming T) {
        let held = value
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(held) {} }
    }

    /// The wall clock, as a `Timestamp`.
    public static func clock() -> Timestamp {
        Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
    }

    // MARK: Fetching and verifying

    enum Job: Sendable {
        case attestation(AttestationJob)
        case document(DocumentJob)
    }

    struct AttestationJob: Sendable {
        var tool: String
        var vendor: VendorRecord
        var url: String
        var known: AttestationState?

        /// What the job found, without the vendor's record. When the answer changes the tool's state, its shard
        /// is named here, in parallel, not under the lock that records outcomes; a 304 to a conditional request
        /// changes nothing and needs none (a hash per tool saved in an all-304 run).
        func outcome(_ fetched: Fetched<CheckedAttestation>) -> Outcome {
            let unchanged = known != nil && fetched.isNotModified
            return .attestation(
                AttestationResult(
                    tool: tool, shard: unchanged ? nil : StateStore.shard(for: tool), url: url,
                    known: known, fetched: fetched))
        }
    }

    struct WatchKey: Hashable {
        var url: String
        var selectors: DocumentSelectors
    }

    struct DocumentJob: Sendable {
        var url: String
        var selectors: DocumentSelectors
        var tools: [String]
        /// The validators to send; nil for an unconditional request.
        var known: DocumentState?
        /// Whether a state names a text of this document that is not on disk: it is fetched unconditionally and
        /// its text written even when unchanged.
        var repair = false
    }

    /// What a job found, reduced in the worker to what `apply` needs: the verified payload, the vendor's
    /// record and the body bytes are dropped there, in parallel, not copied and freed one by one at the end.
    enum Outcome: Sendable {
        case attestation(AttestationResult)
        case document(DocumentJob, Fetched<FetchedDocument>)
    }

    struct AttestationResult: Sendable {
        var tool: String
        /// The tool's shard, when the answer may change its state (see `AttestationJob.outcome`).
        var shard: String?
        var url: String
        var known: AttestationState?
        var fetched: Fetched<CheckedAttestation>
    }

    /// An attestation's verification, with the envelope as the text the state stores.
    enum CheckedAttestation: Sendable {
        /// `versionKey`: the fingerprint of the key that signed it, which the new floor is tied to; `digests`: the
        /// documents it gives a digest for (only those: the payload itself is let go in the worker, not the collector).
        case verified(envelope: String, version: Int, versionKey: String?, digests: [AttestedDocument])
        /// The same version as the floor; `payload` to tell a replay from an equivocation.
        case unchanged(envelope: String, version: Int, payload: AttestationPayload)
        /// `envelope` only for `key-retired`: the very envelope verified before the key's retirement is no news.
        case rejected(AttestationRejection, envelope: String?)

        /// The documents an accepted attestation (verified or unchanged) gives a digest for.
        var attestedDigests: [AttestedDocument] {
            switch self {
            case .verified(_, _, _, let digests): digests
            case .unchanged(_, _, let p): p.documents.filter { $0.sha256 != nil }
            case .rejected: []
            }
        }

        init(_ verification: AttestationVerification, body: [UInt8]) {
            switch verification {
            case .verified(let v):
                self = .verified(
                    envelope: String(decoding: v.envelope, as: UTF8.self), version: v.payload.version,
                    versionKey: v.keyFingerprint.isEmpty ? nil : v.keyFingerprint,
                    digests: v.payload.documents.filter { $0.sha256 != nil })
            case .unchanged(let v):
                self = .unchanged(envelope: String(decoding: v.envelope, as: UTF8.self), version: v.payload.version, payload: v.payload)
            case .rejected(let r): self = .rejected(r, envelope: r.code == .keyRetired ? String(decoding: body, as: UTF8.self) : nil)
            }
        }
    }

    enum Fetched<Value: Sendable>: Sendable {
        case notModified
        case body(Value, etag: String?, lastModified: String?)
        case failed(TransportError)

        var isNotModified: Bool {
            if case .notModified = self { true } else { false }
        }
    }

    /// A fetched document's terms text, or why the page has none.
    enum FetchedDocument: Sendable {
        case terms(sha256: String, rawSHA256: String, text: String)
        case noTerms(NoTermsText)
    }

    /// What the finished jobs changed so far: the next states, the items, the document snapshots.
    struct Collected: Sendable {
        var shards: StateShards
        var items: [RefreshItem]
        /// The states this run changes, by shard then tool: grouped as they come, the end of the run only writes.
        var next: [String: [String: ToolState]] = [:]
        var snapshots: [String: String] = [:]
        /// Documents with a SHA-256 in an attestation accepted this run, by tool: compared with the watched
        /// documents once every fetch is done.
        var attestedDigests: [String: [AttestedDocument]] = [:]
        /// Tools with a watched document whose text changed (or was first seen) this run.
        var changedDocuments: Set<String> = []
    }

    /// Runs the jobs with at most `concurrency` in flight; verification, normalisation and recording the
    /// outcome run in the task that fetched, overlapping with the transfers still under way.
    ///
    /// Long-lived workers each take the next job when done with one: a task per job, with the group's parent
    /// handing out the next, cost two more thread hand-offs per item than the fetch itself. There are twice as
    /// many workers as transfer slots (`concurrency`, which the client enforces; the rest wait in its queue):
    /// with one worker a slot, a worker verifying kept its slot empty, transfers in flight fell below
    /// `concurrency` whenever verification lagged, and the cores sat idle in turn waiting for the other stage.
    /// Each outcome is applied as soon as it is known (under a lock; `apply` only touches the fields its
    /// item owns, so the order does not matter): kept to the end, 10,000 outcomes were applied on one core
    /// after the last transfer.
    private func execute(
        _ jobs: [Job], client: CurlClient, verifier: AttestationVerifier, progress: Progress?,
        collecting initial: Collected
    ) async -> Collected {
        let total = jobs.count
        let cursor = JobCursor(alreadyFailed: initial.items.count)
        let collector = Collector(initial)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<min(2 * max(1, options.concurrency), total) {
                group.addTask {
                    while let index = cursor.take(below: total) {
                        let outcome = await Self.perform(jobs[index], client: client, verifier: verifier)
                        let failed = outcome.failed
                        collector.state.withLock { c in
                            apply(outcome, to: &c)
                        }
                        cursor.finished(failed: failed) { done, failed in progress?(done, total, failed) }
                    }
                }
            }
        }
        return collector.state.withLock { $0 }
    }

    private static func perform(_ job: Job, client: CurlClient, verifier: AttestationVerifier) async -> Outcome {
        switch job {
        case .attestation(let a):
            let request = TransportRequest(
                url: a.url, ifNoneMatch: HTTPValidator.usable(a.known?.etag),
                ifModifiedSince: HTTPValidator.usable(a.known?.lastModified))
            do {
                let response = try await client.fetch(request)
                if response.isNotModified { return a.outcome(.notModified) }
                let body = Array(response.body)
                let result = verifier.verify(body, vendor: a.vendor, toolID: a.tool, floor: a.known?.floor)
                return a.outcome(
                    .body(
                        CheckedAttestation(result, body: body), etag: HTTPValidator.usable(response.etag),
                        lastModified: HTTPValidator.usable(response.lastModified)))
            } catch {
                return a.outcome(.failed(error))
            }
        case .document(let d):
            let request = TransportRequest(
                url: d.url, ifNoneMatch: HTTPValidator.usable(d.known?.etag),
                ifModifiedSince: HTTPValidator.usable(d.known?.lastModified))
            do {
                let response = try await client.fetch(request)
                if response.isNotModified { return .document(d, .notModified) }
                let body = Array(response.body)
                let doc: FetchedDocument
                do {
                    let terms = try DocumentDigest.terms(
                        body, contentType: response.header("content-type"),
                        select: d.selectors.select, remove: d.selectors.remove)
                    doc = .terms(sha256: terms.sha256, rawSHA256: Hex.string(SHA256.hash(data: body)), text: terms.text)
                } catch {
                    doc = .noTerms(error)
                }
                return .document(
                    d,
                    .body(
                        doc, etag: HTTPValidator.usable(response.etag),
                        lastModified: HTTPValidator.usable(response.lastModified)))
            } catch {
                return .document(d, .failed(error))
            }
        }
    }

}

extension Refresher.Outcome {
    var failed: Bool {
        switch self {
        case .document(_, .failed), .document(_, .body(.noTerms, _, _)): return true
        case .attestation(let a):
            switch a.fetched {
            case .failed, .body(.rejected, _, _): return true
            case .notModified, .body: return false
            }
        default: return false
        }
    }
}

/// The collected changes, shared by the workers.
private final class Collector: Sendable {
    let state: Mutex<Refresher.Collected>

    init(_ initial: Refresher.Collected) { state = Mutex(initial) }
}

/// Hands out job indexes to the workers and counts finished items for the progress report.
private final class JobCursor: Sendable {
    private let next = Atomic<Int>(0)
    private let counts: Mutex<(done: Int, failed: Int)>

    init(alreadyFailed: Int) { counts = Mutex((0, alreadyFailed)) }

    /// The next job's index, or nil when all `total` have been taken.
    func take(below total: Int) -> Int? {
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return index < total ? index : nil
    }

    /// Counts one finished item and reports the new totals (under the lock, so reports arrive in order).
    func finished(failed: Bool, report: (_ done: Int, _ failed: Int) -> Void) {
        counts.withLock { counts in
            counts.done += 1
            if failed { counts.failed += 1 }
            report(counts.done, counts.failed)
        }
    }
}
