public import RegistryDomain
public import RegistryJSON
public import RegistryStorage

/// Everything in a registry that needs a person, most urgent first — the answer of `review`.
public struct ReviewQueue: Sendable {
    public var items: [ReviewItem]
    public var policyVersion: String
    public var asOf: Day
    /// Each valid tool's verdict as `review` saw it.
    public var verdicts: [String: OverallVerdict]
    /// The ledger as it should be after this run; `ledgerChanged` says whether it must be written.
    public var ledger: VerdictLedger
    public var ledgerChanged: Bool

    /// How many consecutive refresh runs must fail before a fetch failure is worth a person's time
    /// (one failure is usually a blip the next run repairs).
    public static let repeatedFailureRuns = 2

    /// The `review --format json` object.
    public var json: JSONValue {
        .object([
            JSONMember("asOf", .string(asOf.description)),
            JSONMember("policyVersion", .string(policyVersion)),
            JSONMember("count", .number(String(items.count))),
            JSONMember(
                "counts",
                .object(
                    ReviewItem.Kind.allCases.compactMap { kind in
                        let n = items.filter { $0.kind == kind }.count
                        return n == 0 ? nil : JSONMember(kind.rawValue, .number(String(n)))
                    })),
            JSONMember("items", .array(items.map(\.json))),
        ])
    }

    /// Builds the queue for the registry `store` (already read into `snapshot`, whose policy must be valid).
    public static func build(store: RegistryStore, snapshot: RegistrySnapshot, policy: Policy, today: Day, now: Timestamp) -> ReviewQueue {
        var items: [ReviewItem] = []
        let state = StateStore(registry: store)
        let validator = Validator(policy: policy, today: today)
        let context = StateContext.wholeRegistry(store: store, policy: policy, now: now)

        var toolStates: [String: ToolState] = [:]
        do { toolStates = try state.allToolStates() } catch {
            items.append(
                ReviewItem(
                    kind: .stateUnreadable, tool: nil, message: "The refresh state cannot be read: \(error.description)",
                    action: "Run `genai-registry refresh` to rebuild it; until then attestations and changed terms are not seen."))
        }
        var log = RefreshLog(runs: [], unreadableLines: 0, exists: false)
        do { log = try RefreshLog.load(state) } catch {
            items.append(
                ReviewItem(
                    kind: .stateUnreadable, tool: nil, message: "The refresh log cannot be read: \(error.description)",
                    action: "Check the file's permissions; repeated refresh failures cannot be counted until it can be read."))
        }
        var previous: VerdictLedger?
        do { previous = try VerdictLedger.load(state) } catch {
            items.append(
                ReviewItem(
                    kind: .stateUnreadable, tool: nil, message: error.description,
                    action: "Delete the file; the next `review` records the verdicts afresh (a policy change before then goes unlisted)."))
        }

        for id in snapshot.invalidTools.sorted() {
            let file = store.displayPath(store.toolPath(id))
            let problems = snapshot.issues.filter { $0.file == file && $0.severity == .error }
            items.append(
                ReviewItem(
                    kind: .invalidRecord, tool: id, message: "\(file) is not valid registry data, so it has no verdict.",
                    action: "Fix it (`genai-registry lint` names every problem); until then no command treats it as passing.",
                    details: problems.map { "\($0.path): \($0.message) [\($0.code)]" }))
        }

        var verdicts: [String: OverallVerdict] = [:]
        var evaluated: [(ToolRecord, ToolVerdict, EvaluationContext)] = []
        let tools = snapshot.tools.sorted(by: { $0.key < $1.key })
        for ((id, record), (verdict, ctx)) in zip(tools, context.evaluate(tools.map(\.value), vendors: snapshot.vendors, with: validator)) {
            verdicts[id] = verdict.verdict
            evaluated.append((record, verdict, ctx))
        }
        let ledger =
            previous?.updated(policyVersion: policy.version, verdicts: verdicts, today: today)
            ?? VerdictLedger(policyVersion: policy.version, verdicts: verdicts)

        let builder = ItemBuilder(policy: policy, today: today, now: now, state: state, log: log, ledger: ledger, snapshot: snapshot)
        for (record, verdict, ctx) in evaluated {
            items += builder.items(record, verdict: verdict, context: ctx, toolState: toolStates[record.id])
        }
        let judged = Dictionary(evaluated.map { ($0.0.id, ($0.0, $0.1)) }, uniquingKeysWith: { first, _ in first })
        items += ApprovalReview.items(snapshot.approvals, judged: judged, policy: policy, today: today, store: store)
        items.sort(by: ReviewItem.urgencyOrder)
        return ReviewQueue(
            items: items, policyVersion: policy.version, asOf: today, verdicts: verdicts, ledger: ledger, ledgerChanged: ledger != previous)
    }
}

/// The items of one tool.
private struct ItemBuilder {
    let policy: Policy
    let today: Day
    let now: Timestamp
    let state: StateStore
    let log: RefreshLog
    let ledger: VerdictLedger
    let snapshot: RegistrySnapshot

    private static let rejectionCodes = Set(AttestationRejection.Code.allCases.map(\.rawValue))

    func items(_ record: ToolRecord, verdict: ToolVerdict, context: EvaluationContext, toolState: ToolState?) -> [ReviewItem] {
        var out: [ReviewItem] = []
        func add(_ kind: ReviewItem.Kind, due: Day?, _ message: String, _ action: String, details: [String] = [], fields: [String] = []) {
            out.append(
                ReviewItem(
                    kind: kind, tool: record.id, toolName: record.name, due: due, message: message, action: action, details: details, fields: fields))
        }
        let reviewDone = "then run `genai-registry review done \(record.id) --by NAME`"

        // The review itself.
        let codes = Set(verdict.reasons.map(\.code))
        if codes.contains(.neverReviewed) {
            add(
                .neverReviewed, due: today, "Never reviewed by procurement, so it cannot be compliant.",
                "Check the record's terms and evidence against the vendor's current documents, \(reviewDone).")
        } else if !codes.isDisjoint(with: [.reviewOverdue, .pastNextReview, .reviewInFuture]) {
            let messages = verdict.reasons.filter { [.reviewOverdue, .pastNextReview, .reviewInFuture].contains($0.code) }.map(\.message)
            add(
                .reviewOverdue, due: verdict.review.due, messages.joined(separator: " "),
                "Re-check the terms and evidence (the verdict is undetermined until then), \(reviewDone).")
        } else if let due = verdict.review.due, today.days(until: due) <= policy.review.dueSoonDays {
            let days = today.days(until: due)
            add(
                .reviewDueSoon, due: due, "Review falls due on \(due) (\(days == 0 ? "today" : "in \(days) day\(days == 1 ? "" : "s")")).",
                "Schedule the review before \(due), \(reviewDone).")
        }

        // The attestation.
        let a = verdict.attestation
        if a.status == "verified", let expires = a.expires {
            let left = expires.secondsSinceEpoch - now.secondsSinceEpoch
            if left <= Int64(policy.attestations.expiringSoonDays) * 86_400 {
                add(
                    .attestationExpiring, due: expires.day,
                    "The vendor's attestation (version \(a.version.map(String.init) ?? "?")) expires on \(expires).",
                    "Ask the vendor for a renewed attestation before then; once it expires the record stands on its own evidence.")
            }
        } else if a.status == AttestationRejection.Code.expired.rawValue {
            add(
                .attestationExpired, due: today, "The vendor's attestation has expired\(a.message.map { ": \($0)" } ?? ".")",
                "Ask the vendor to publish a renewed attestation, then run `genai-registry refresh`.")
        } else if Self.rejectionCodes.contains(a.status) {
            add(
                .attestationFailed, due: today, "The attestation in force no longer verifies (\(a.status))\(a.message.map { ": \($0)" } ?? ".")",
                "Check the vendor's pinned keys in vendors/\(record.vendor).json and ask the vendor; it does not count until it verifies.")
        }
        if let check = toolState?.attestation?.lastCheck, check.isFailure, Self.rejectionCodes.contains(check.status),
            !Self.rejectionCodes.contains(a.status)
        {
            let inForce =
                a.status == "verified" ? " The last verified version \(a.version.map(String.init) ?? "?") stays in force until it expires." : ""
            add(
                .attestationFailed, due: check.since.day,
                "The latest attestation fetched failed verification (\(check.status) since \(check.since))\(check.message.map { ": \($0)" } ?? ".")\(inForce)",
                "Ask the vendor why (a new signing key must be pinned in vendors/\(record.vendor).json; a lower version is a rollback).")
        }

        // Conflicts between the record and a verified attestation.
        if !context.conflicts.isEmpty {
            add(
                .conflict, due: today,
                "The record and the vendor's verified attestation disagree on \(context.conflicts.map(\.principle.rawValue).joined(separator: ", ")).",
                "Find out which is right: correct the record with evidence, or ask the vendor to correct its attestation.",
                details: context.conflicts.map { "\($0.principle.rawValue): \($0.message)" })
        }

        // Terms documents that changed since the review.
        if let review = record.review {
            for reviewed in review.documents {
                guard let then = reviewed.sha256, let current = toolState?.documents[reviewed.url], let nowSHA = current.sha256, nowSHA != then else {
                    continue
                }
                add(
                    .termsChanged, due: current.changedAt?.day ?? today,
                    "\(reviewed.url) changed\(current.changedAt.map { " on \($0.day)" } ?? "") since the review of \(review.on).",
                    "Read the changes; update the record's terms and evidence where they matter, \(reviewDone).",
                    details: diff(old: then, new: nowSHA, reviewedOn: review.on))
            }
        }

        // Fetches that keep failing.
        var failing: [(String, CheckOutcome)] = []
        if let attestation = toolState?.attestation, let check = attestation.lastCheck, check.isFailure, !Self.rejectionCodes.contains(check.status) {
            failing.append((attestation.url, check))
        }
        for (url, doc) in (toolState?.documents ?? [:]).sorted(by: { $0.key < $1.key }) where record.watch.contains(where: { $0.url == url }) {
            if let check = doc.lastCheck, check.isFailure { failing.append((url, check)) }
        }
        for (url, check) in failing {
            let runs = log.failures(tool: record.id, url: url, since: check.since)
            let lasting = now.secondsSinceEpoch - check.since.secondsSinceEpoch
            guard runs.count >= ReviewQueue.repeatedFailureRuns || (!log.exists && lasting >= 86_400) else { continue }
            let count = runs.isEmpty ? "every refresh" : "\(runs.count) refreshes"
            add(
                .refreshFailing, due: check.since.day,
                "\(url) has failed in \(count) since \(check.since): \(check.status)\(check.message.map { " — \($0)" } ?? "").",
                "Check the URL still works (vendors move pages); fix `watch` or `attestationURL` in the record, or ask the vendor.",
                details: runs.suffix(5).map { "\($0.run.started): \($0.failure.status)" })
        }

        // Unknown facts that keep the verdict open.
        if verdict.verdict == .undetermined {
            let fields = BlockingUnknowns.fields(record, terms: context.terms ?? record.terms, verdict: verdict, policy: policy)
            if !fields.isEmpty {
                let principles = verdict.principles.filter { $0.required && $0.status == .unknown }.map(\.principle.rawValue)
                let contact = snapshot.vendors[record.vendor]?.contact.map { " (vendor contact: \($0))" } ?? ""
                add(
                    .unknownFields, due: nil,
                    "\(principles.joined(separator: ", ")) \(principles.count == 1 ? "is" : "are") unknown because \(fields.count) fact\(fields.count == 1 ? " is" : "s are") not known.",
                    "Find each in the vendor's terms or ask the vendor\(contact); record it with evidence (null stays \"not known\").",
                    details: fields, fields: fields)
            }
        }

        // What the studio could arrange so that the tool becomes compliant.
        if verdict.compliantOnceConditionsMet, let sentence = verdict.conditionsSentence {
            add(
                .conditionsOpen, due: nil, sentence,
                "If productions need it, arrange it with the vendor and record it under the tool's `arrangement` with its reference.",
                details: verdict.openConditions.flatMap { c in c.condition.evidence.map { "\(c.condition.principle.rawValue): \($0.url)" } })
        }

        // Verdicts the last policy change moved, until the tool is reviewed under the new policy.
        if let change = ledger.policyChange, let moved = change.changes.first(where: { $0.tool == record.id }),
            (record.review?.on).map({ $0 < change.seen }) ?? true
        {
            add(
                .verdictChanged, due: change.seen,
                "The policy changed from version \(change.from) to \(change.to) (seen \(change.seen)): the verdict went from \(moved.from.rawValue) to \(moved.to.rawValue).",
                "Tell productions using it if it is no longer compliant; check the record under the new policy, \(reviewDone).")
        }
        return out
    }

    /// The changed sentences between the reviewed text and the current one, or a plain statement of what is missing.
    private func diff(old: String, new: String, reviewedOn: Day) -> [String] {
        TermsChange.lines(state: state, reviewed: old, current: new, reviewedOn: reviewedOn)
    }
}
