public import RegistryDomain
public import RegistryJSON

/// Every file of a registry, read and checked: the valid records plus every issue found.
/// Used by `lint` and `list`; single-tool commands read only the files they need instead.
public struct RegistrySnapshot: Sendable {
    public var policy: Policy?
    /// Valid tool records by id (records with any error are absent here and listed in `invalidTools`).
    public var tools: [String: ToolRecord]
    public var vendors: [String: VendorRecord]
    /// Ids of tool files that have at least one error.
    public var invalidTools: Set<String>
    /// The productions and their disclosures and approvals (valid files only; problems are in `issues`).
    public var approvals: ApprovalBook
    public var issues: [Issue]

    /// Whether any file has an error (warnings do not count).
    public var hasErrors: Bool { issues.contains { $0.severity == .error } }

    /// Reads the whole registry, tool files in parallel, and runs every per-file and cross-file check.
    ///
    /// Synchronous (threads from Dispatch, the caller's among them): the CLI runs without Swift's async
    /// runtime, whose start-up every lookup would pay, and a CPU-bound parse gains nothing from tasks.
    /// With `today`, approvals that have expired by then are reported too.
    public static func load(_ store: RegistryStore, today: Day? = nil) throws(RegistryError) -> RegistrySnapshot {
        guard FileIO.isDirectory(store.root) else {
            throw .io(FileIO.Failure(path: store.root, operation: "open the registry folder", errno: 2))
        }
        var issues: [Issue] = []
        var policy: Policy?
        do {
            let (p, found) = try store.load(Policy.self, at: store.policyPath, schema: RegistrySchemas.policy)
            issues += found
            if let p {
                let extra = RecordChecks.policy(p, file: store.displayPath(store.policyPath))
                issues += extra
                policy = p
            }
        } catch .invalid(let found) {
            issues += found
        }

        let vendorFiles = try listing(store.vendorsDirectory, store: store, issues: &issues)
        var vendors: [String: VendorRecord] = [:]
        for id in vendorFiles {
            let (record, found) = decodeVendor(id, store: store)
            issues += found
            if let record, !found.contains(where: { $0.severity == .error }) { vendors[id] = record }
        }

        let toolFiles = try listing(store.toolsDirectory, store: store, issues: &issues)
        let decoded = decodeTools(toolFiles, store: store)
        var tools: [String: ToolRecord] = [:]
        var invalid = Set<String>()
        var idOwners: [String: [String]] = [:]
        for (id, record, found) in decoded {
            issues += found
            if let record { idOwners[record.id, default: []].append(id) }
            if let record, !found.contains(where: { $0.severity == .error }) {
                tools[id] = record
            } else {
                invalid.insert(id)
            }
        }

        // Cross-file checks.
        for (id, owners) in idOwners where owners.count > 1 {
            for owner in owners {
                issues.append(
                    Issue(
                        code: .duplicateID, file: store.displayPath(store.toolPath(owner)), path: JSONPath.root.appending("id"),
                        message: "id \"\(id)\" is also used by \(owners.filter { $0 != owner }.map { "tools/\($0).json" }.joined(separator: ", "))"))
            }
        }
        for (id, record) in tools.sorted(by: { $0.key < $1.key }) where !vendorFiles.contains(record.vendor) {
            issues.append(
                Issue(
                    code: .danglingVendor, file: store.displayPath(store.toolPath(id)), path: JSONPath.root.appending("vendor"),
                    message: "vendor \"\(record.vendor)\" has no file vendors/\(record.vendor).json; add it or fix the id"))
            tools[id] = nil
            invalid.insert(id)
        }
        // A tool whose vendor file has errors cannot be judged (its keys and sources are not known): `check`
        // refuses it, so no whole-registry command may give it a verdict either.
        for (id, record) in tools where vendors[record.vendor] == nil {
            tools[id] = nil
            invalid.insert(id)
        }
        for (id, record) in tools.sorted(by: { $0.key < $1.key }) {
            guard let vendor = vendors[record.vendor] else { continue }
            let found = SourceChecks.vendorMismatches(record, vendor: vendor, file: store.displayPath(store.toolPath(id)))
            guard !found.isEmpty else { continue }
            issues += found
            tools[id] = nil
            invalid.insert(id)
        }
        issues += nameCollisions(tools, store: store)
        let approvals = ApprovalBook.load(store, tools: Set(toolFiles), uses: policy?.assessment.uses.map(\.use), today: today)
        issues += approvals.issues
        issues.sort { ($0.file, $0.line ?? 0, $0.path.description) < ($1.file, $1.line ?? 0, $1.path.description) }
        return RegistrySnapshot(policy: policy, tools: tools, vendors: vendors, invalidTools: invalid, approvals: approvals, issues: issues)
    }

    /// The `.json` files of a folder as ids; badly named files are reported, not read.
    static func listing(_ directory: String, store: RegistryStore, issues: inout [Issue]) throws(RegistryError) -> [String] {
        let names: [String]
        do { names = try FileIO.list(directory, suffix: ".json").map(\.name) } catch {
            if error.isNotFound {
                issues.append(Issue(code: .missingFolder, file: store.displayPath(directory), message: "folder not found"))
                return []
            }
            throw .io(error)
        }
        var ids: [String] = []
        for name in names {
            let id = String(name.dropLast(5))
            if Identifier.isValid(id) {
                ids.append(id)
            } else {
                issues.append(
                    Issue(
                        code: .badID, file: store.displayPath("\(directory)/\(name)"),
                        message: "file name \"\(name)\" is not a valid id (lowercase letters, digits and single hyphens, at most 64) — it is not read"
                    ))
            }
        }
        return ids
    }

    static func decodeVendor(_ id: String, store: RegistryStore) -> (VendorRecord?, [Issue]) {
        do {
            let path = store.vendorPath(id)
            let (record, found) = try store.load(VendorRecord.self, at: path, schema: RegistrySchemas.vendor)
            guard let record else { return (nil, found) }
            return (record, found + RecordChecks.vendor(record, fileID: id, file: store.displayPath(path)))
        } catch {
            return (nil, error.issues(file: store.displayPath(store.vendorPath(id))))
        }
    }

    static func decodeTool(_ id: String, store: RegistryStore) -> (ToolRecord?, [Issue]) {
        do {
            let path = store.toolPath(id)
            let (record, found) = try store.load(ToolRecord.self, at: path, schema: RegistrySchemas.tool)
            guard let record else { return (nil, found) }
            return (record, found + RecordChecks.tool(record, fileID: id, file: store.displayPath(path)))
        } catch {
            return (nil, error.issues(file: store.displayPath(store.toolPath(id))))
        }
    }

    /// Decodes tool files on every core; results come back in file order.
    private static func decodeTools(_ ids: [String], store: RegistryStore) -> [(String, ToolRecord?, [Issue])] {
        Parallel.map(ids, minimumPerWorker: 64) { id in
            let (record, issues) = decodeTool(id, store: store)
            return (id, record, issues)
        }
    }

    /// Two tools answering to the same name or alias make lookups ambiguous: worth a warning.
    private static func nameCollisions(_ tools: [String: ToolRecord], store: RegistryStore) -> [Issue] {
        var owners: [String: [String]] = [:]
        for (id, t) in tools {
            for key in Set(([t.name] + t.aliases).map { NameIndex.compact(ToolResolver.normalise($0)) }) { owners[key, default: []].append(id) }
        }
        var issues: [Issue] = []
        for (key, ids) in owners.sorted(by: { $0.key < $1.key }) where ids.count > 1 {
            for id in ids.sorted() {
                issues.append(
                    Issue(
                        .warning, code: .sharedName, file: store.displayPath(store.toolPath(id)), path: JSONPath.root.appending("aliases"),
                        message: "\"\(key)\" also names \(ids.filter { $0 != id }.sorted().joined(separator: ", ")); a lookup by it lists both"))
            }
        }
        return issues
    }
}

extension RegistryError {
    /// The issues this error stands for, for reporting next to others.
    func issues(file: String) -> [Issue] {
        switch self {
        case .invalid(let issues): issues
        default: [Issue(code: .unreadable, file: file, message: description)]
        }
    }
}
