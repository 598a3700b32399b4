import FoundationEssentials
public import RegistryDomain
public import RegistryJSON

/// Reads and writes one registry folder (`policy.json`, `tools/`, `vendors/`), always through the schemas.
///
/// Reading a record means: parse (strict JSON), check against the schema (every problem with its path),
/// decode, then check what the schema cannot see (the id matches the file name, dates make sense…).
/// A record with any error is never returned as if it were valid.
public struct RegistryStore: Sendable {
    /// The registry folder.
    public let root: String

    public init(root: String) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    public var policyPath: String { "\(root)/policy.json" }
    public var toolsDirectory: String { "\(root)/tools" }
    public var vendorsDirectory: String { "\(root)/vendors" }
    public func toolPath(_ id: String) -> String { "\(toolsDirectory)/\(id).json" }
    public func vendorPath(_ id: String) -> String { "\(vendorsDirectory)/\(id).json" }
    public var productionsDirectory: String { "\(root)/productions" }
    public var approvalsDirectory: String { "\(root)/approvals" }
    public func productionPath(_ id: String) -> String { "\(productionsDirectory)/\(id).json" }
    public func approvalPath(_ id: String) -> String { "\(approvalsDirectory)/\(id).json" }

    /// `path` (a path inside the registry) as messages show it: relative to the current folder, so that it can
    /// be opened from where the command ran (`Registry/tools/x.json`, `../other/Registry/tools/x.json`), or
    /// absolute when the registry is outside the current folder.
    public func displayPath(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path.hasPrefix("./") ? String(path.dropFirst(2)) : path }
        let here = Self.currentFolder
        if here == "/" { return String(path.dropFirst()) }
        if !here.isEmpty, path.hasPrefix(here + "/") { return String(path.dropFirst(here.count + 1)) }
        return path
    }

    /// The process's current folder, read once (nothing here changes it).
    private static let currentFolder: String = FileManager.default.currentDirectoryPath

    /// Whether `root` looks like a registry (has `policy.json` and `tools/`).
    public var exists: Bool { FileIO.isFile(policyPath) && FileIO.isDirectory(toolsDirectory) }

    // MARK: Reading

    /// The studio policy.
    public func policy() throws(RegistryError) -> Policy {
        let (policy, issues) = try load(Policy.self, at: policyPath, schema: RegistrySchemas.policy)
        guard let policy, !issues.contains(where: { $0.severity == .error }) else { throw .invalid(issues) }
        return policy
    }

    /// One tool record by id (exactly the file `tools/ID.json`).
    public func tool(id: String) throws(RegistryError) -> ToolRecord {
        let path = toolPath(id)
        let (record, issues) = try load(ToolRecord.self, at: path, schema: RegistrySchemas.tool)
        guard let record else { throw .invalid(issues) }
        let all = issues + RecordChecks.tool(record, fileID: id, file: displayPath(path))
        guard !all.contains(where: { $0.severity == .error }) else { throw .invalid(all) }
        return record
    }

    /// One vendor record by id.
    public func vendor(id: String) throws(RegistryError) -> VendorRecord {
        let path = vendorPath(id)
        let (record, issues) = try load(VendorRecord.self, at: path, schema: RegistrySchemas.vendor)
        guard let record else { throw .invalid(issues) }
        let all = issues + RecordChecks.vendor(record, fileID: id, file: displayPath(path))
        guard !all.contains(where: { $0.severity == .error }) else { throw .invalid(all) }
        return record
    }

    /// The ids of every tool file, sorted.
    public func toolIDs() throws(RegistryError) -> [String] {
        do {
            return try FileIO.list(toolsDirectory, suffix: ".json").map { String($0.name.dropLast(5)) }
        } catch { throw .io(error) }
    }

    /// Parses, schema-checks and decodes one file. Returns nil with the issues when it cannot be decoded.
    /// Throws only when the file cannot be read at all.
    func load<T: Decodable>(_ type: T.Type, at path: String, schema: Schema) throws(RegistryError) -> (T?, [Issue]) {
        let bytes: [UInt8]
        do { bytes = try FileIO.read(path) } catch {
            if error.isNotFound {
                throw .invalid([Issue(code: .missingFile, file: displayPath(path), message: "file not found")])
            }
            throw .io(error)
        }
        return RecordCodec.decode(type, from: bytes, schema: schema, file: displayPath(path))
    }

    // MARK: Writing

    /// Writes a record in canonical form (schema key order, explicit nulls, two-space indent), atomically.
    public func write<T: Encodable>(_ value: T, schema: Schema, to path: String) throws(RegistryError) {
        let text = RecordCodec.canonicalText(value, schema: schema)
        do {
            try FileIO.makeDirectory(FileIO.parentDirectory(of: path))
            try FileIO.writeAtomically(Array(text.utf8), to: path)
        } catch { throw .io(error) }
    }
}
