import Crypto
import FoundationEssentials
import RegistryJSON

/// The refresh job's files under `Registry/state/`:
///
/// ```
/// state/tools/XX.json        tool states, sharded by the first byte of SHA-256(tool id): a lookup reads
///                            one small file, a refresh rewrites only the shards that changed
/// state/documents/SHA.txt    normalised text of watched documents, content-addressed, written once
/// state/refresh-log.jsonl    one line per refresh: what was checked, unchanged, changed and failed
/// state/.lock                held by the running refresh (not committed)
/// ```
public struct StateStore: Sendable {
    public let root: String

    public init(registry: RegistryStore) { root = registry.root + "/state" }

    /// Why state could not be read.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }

        public init(path: String, message: String) {
            self.path = path
            self.message = message
        }
    }

    static let format = "genai-registry-state/v1"

    /// The shard a tool's state lives in: two hex digits.
    public static func shard(for toolID: String) -> String {
        var id = toolID
        let byte = id.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)).withUnsafeBytes { $0.first ?? 0 } }
        return shardNames[Int(byte)]
    }

    /// How many shards there are (every tool hashes to one of them).
    public static var shardCount: Int { shardNames.count }

    /// "00" … "ff": a refresh asks for 10,000 shard names.
    private static let shardNames = (0..<256).map { String($0 >> 4, radix: 16) + String($0 & 0xF, radix: 16) }

    public var toolsDirectory: String { root + "/tools" }
    public var documentsDirectory: String { root + "/documents" }
    public var logPath: String { root + "/refresh-log.jsonl" }
    public var lockPath: String { root + "/.lock" }
    public func shardPath(_ shard: String) -> String { "\(toolsDirectory)/\(shard).json" }
    public func snapshotPath(sha256: String) -> String { "\(documentsDirectory)/\(sha256).txt" }

    /// The state of one tool (reads one shard); nil when the refresh job never recorded anything.
    public func toolState(id: String) throws(Failure) -> ToolState? {
        try shard(Self.shard(for: id))[id]
    }

    /// Every tool state of one shard.
    public func shard(_ shard: String) throws(Failure) -> [String: ToolState] {
        let path = shardPath(shard)
        let bytes: [UInt8]
        do { bytes = try FileIO.read(path) } catch {
            if error.isNotFound { return [:] }
            throw Failure(path: path, message: error.description)
        }
        do {
            let file = try JSONValueDecoder.decode(ShardFile.self, from: try JSONParser.parse(bytes).value)
            guard file.format == Self.format else { throw Failure(path: path, message: "unknown state format \"\(file.format)\"") }
            return file.tools
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(path: path, message: "unreadable state file (\(error)); a refresh rebuilds it")
        }
    }

    /// Every tool state of every shard; throws the first shard that cannot be read.
    public func allToolStates() throws(Failure) -> [String: ToolState] {
        let loaded = loadAllShards()
        if let failure = loaded.unreadable.sorted(by: { $0.key < $1.key }).first?.value { throw failure }
        return loaded.states
    }

    /// Every readable shard's tool states in one pass, and the problem with each shard that cannot be read
    /// (keyed by shard; `allShards` when the folder itself cannot be listed).
    public func loadAllShards() -> (states: [String: ToolState], unreadable: [String: Failure]) {
        let names: [String]
        do { names = try FileIO.list(toolsDirectory, suffix: ".json").map(\.name) } catch {
            if error.isNotFound { return ([:], [:]) }
            return ([:], [Self.allShards: Failure(path: toolsDirectory, message: error.description)])
        }
        let loaded = decodeShards(names.map { String($0.dropLast(5)) })
        var states: [String: ToolState] = [:]
        states.reserveCapacity(loaded.count * 40)
        var unreadable: [String: Failure] = [:]
        for (shard, result) in loaded {
            switch result {
            case .success(let tools): states.merge(tools) { a, _ in a }
            case .failure(let failure): unreadable[shard] = failure
            }
        }
        return (states, unreadable)
    }

    /// Each of `shards` read and decoded, on every core (256 shards of a 10,000-tool registry are a tenth of a
    /// second of parsing); results in the order given.
    func decodeShards(_ shards: [String]) -> [(shard: String, result: Result<[String: ToolState], Failure>)] {
        Parallel.map(shards, minimumPerWorker: 16) { shard in
            (shard, Result { () throws(Failure) in try self.shard(shard) })
        }
    }

    /// The `unreadable` key of `loadAllShards` meaning "the state folder could not be listed".
    public static let allShards = "*"

    /// The file bytes of a shard in the registry's JSON layout: sorted keys and fixed indentation, so git diffs
    /// show only what changed.
    public static func encodeShard(_ tools: [String: ToolState]) -> [UInt8] {
        // Encoding these models cannot fail: every field is a string, an integer or an object of them.
        JSONWriter.bytes((try? JSONValueEncoder.encode(ShardFile(format: format, tools: tools))) ?? .null, capacity: tools.count * 2_400 + 64)
    }

    struct ShardFile: Codable {
        var format: String
        var tools: [String: ToolState]
    }
}
