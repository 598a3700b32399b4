public import RegistryDomain
public import RegistryJSON

extension ApprovalBook {
    /// Reads `productions/` and `approvals/`. With `tools` and `uses`, also checks that each approval names a
    /// production, a tool and uses that exist; with `today`, warns of approvals that have expired.
    public static func load(_ store: RegistryStore, tools: Set<String>? = nil, uses: [String]? = nil, today: Day? = nil) -> ApprovalBook {
        var issues: [Issue] = []
        var productions: [String: Production] = [:]
        for (id, record) in records(
            Production.self, in: store.productionsDirectory, path: store.productionPath,
            schema: RegistrySchemas.production, store: store, issues: &issues)
        {
            if let mismatch = RecordChecks.idMismatch(record.id, fileID: id, file: store.displayPath(store.productionPath(id))) {
                issues.append(mismatch)
                continue
            }
            productions[id] = record
        }
        var approvals: [Approval] = []
        for (id, record) in records(
            Approval.self, in: store.approvalsDirectory, path: store.approvalPath,
            schema: RegistrySchemas.approval, store: store, issues: &issues)
        {
            let problems = check(
                record, fileID: id, file: store.displayPath(store.approvalPath(id)), productions: productions,
                tools: tools, uses: uses, today: today)
            issues += problems
            if !problems.contains(where: { $0.severity == .error }) { approvals.append(record) }
        }
        return ApprovalBook(productions: productions, approvals: approvals.sorted { $0.id < $1.id }, issues: issues)
    }

    /// What a schema cannot say about an approval file.
    static func check(
        _ a: Approval, fileID: String, file: String, productions: [String: Production], tools: Set<String>?,
        uses: [String]?, today: Day?
    ) -> [Issue] {
        var issues: [Issue] = []
        let root = JSONPath.root
        func add(_ code: IssueCode, _ path: JSONPath, _ message: String, _ severity: Issue.Severity = .error) {
            issues.append(Issue(severity, code: code, file: file, path: path, message: message))
        }
        if let mismatch = RecordChecks.idMismatch(a.id, fileID: fileID, file: file) { issues.append(mismatch) }
        if productions[a.production] == nil {
            add(.unknownProduction, root.appending("production"), "no file productions/\(a.production).json; add the production or fix the id")
        }
        if let tools, !tools.contains(a.tool) {
            add(
                .unknownTool, root.appending("tool"),
                "no tool tools/\(a.tool).json; an approval of a tool the registry no longer holds covers nothing — remove it")
        }
        if let uses {
            for (i, use) in a.uses.enumerated() where !uses.contains(use) {
                add(
                    .unknownUse, root.appending("uses").appending(index: i),
                    "\"\(use)\" is not a use policy.json defines (\(uses.joined(separator: ", ")))")
            }
        }
        if a.judged.on > a.requested.on {
            add(.badDate, root.appending("judged").appending("on"), "judged \(a.judged.on), after the request of \(a.requested.on)")
        }
        guard let d = a.decision else { return issues }
        let path = root.appending("decision")
        if a.kind == .disclosure {
            add(.decidedDisclosure, path, "a disclosure informs the studio contact and is not decided; make it an approval or set decision to null")
        }
        if d.on < a.requested.on { add(.badDate, path.appending("on"), "decided \(d.on), before the request of \(a.requested.on)") }
        switch d.outcome {
        case .denied:
            break
        case .approved, .approvedWithConditions:
            if let until = d.until {
                if until < d.on { add(.badDate, path.appending("until"), "valid until \(until), before the decision of \(d.on)") }
                if let today, until < today {
                    add(
                        .expired, path.appending("until"),
                        "expired on \(until): it no longer covers any use; request a new approval or remove the file", .warning)
                }
            } else {
                add(.missingUntil, path.appending("until"), "an approval must say until when it holds (the studio's written approval names a period)")
            }
            if d.outcome == .approvedWithConditions, d.conditions.isEmpty {
                add(.missingConditions, path.appending("conditions"), "approved-with-conditions lists no condition; list them or make it approved")
            }
        }
        return issues
    }

    /// Each file of `directory` that decodes without an error, with its id; every problem goes into `issues`.
    private static func records<T: Decodable>(
        _ type: T.Type, in directory: String, path: (String) -> String, schema: Schema,
        store: RegistryStore, issues: inout [Issue]
    ) -> [(id: String, record: T)] {
        var found: [(id: String, record: T)] = []
        for id in listing(directory, store: store, issues: &issues) {
            do {
                let (record, problems) = try store.load(T.self, at: path(id), schema: schema)
                issues += problems
                if let record, !problems.contains(where: { $0.severity == .error }) { found.append((id, record)) }
            } catch {
                issues += error.issues(file: store.displayPath(path(id)))
            }
        }
        return found
    }

    /// The ids of a folder that may not exist yet (then it holds nothing).
    private static func listing(_ directory: String, store: RegistryStore, issues: inout [Issue]) -> [String] {
        guard FileIO.isDirectory(directory) else { return [] }
        do { return try RegistrySnapshot.listing(directory, store: store, issues: &issues) } catch {
            issues.append(Issue(code: .unreadable, file: store.displayPath(directory), message: error.description))
            return []
        }
    }
}

extension Approval {
    /// A new approval's id: the day, the production and the tool, numbered when the day already has one.
    public static func newID(production: String, tool: String, kind: Kind, on day: Day, store: RegistryStore) -> String {
        let stamp = day.description.filter { $0 != "-" }
        var base = "\(stamp)-\(production)-\(tool)-\(kind == .disclosure ? "disclosure" : "request")"
        if base.count > 60 { base = String(base.prefix(60)) }
        while base.hasSuffix("-") { base.removeLast() }
        var id = base
        var n = 2
        while FileIO.isFile(store.approvalPath(id)) {
            id = "\(base)-\(n)"
            n += 1
        }
        return id
    }
}
