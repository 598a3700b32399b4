import Foundation
public import RegistryDomain
public import RegistryStorage

/// A throwaway registry folder on disk, written through the canonical writer, removed on deinit.
public final class TestRegistry {
    public let root: String
    public var store: RegistryStore { RegistryStore(root: root) }

    public init(policy: Policy = Fixture.policy, tools: [ToolRecord] = [Fixture.compliant()], vendors: [VendorRecord] = [Fixture.vendor()]) throws {
        root = NSTemporaryDirectory() + "genai-registry-test-\(UUID().uuidString)/Registry"
        try FileIO.makeDirectory(root + "/tools")
        try FileIO.makeDirectory(root + "/vendors")
        try store.write(policy, schema: RegistrySchemas.policy, to: store.policyPath)
        for t in tools { try store.write(t, schema: RegistrySchemas.tool, to: store.toolPath(t.id)) }
        for v in vendors { try store.write(v, schema: RegistrySchemas.vendor, to: store.vendorPath(v.id)) }
    }

    /// Writes raw text to a file relative to the registry root.
    public func put(_ relativePath: String, _ text: String) throws {
        try FileIO.writeAtomically(Array(text.utf8), to: "\(root)/\(relativePath)", sync: false)
    }

    /// The text of a file relative to the registry root.
    public func text(_ relativePath: String) throws -> String {
        String(decoding: try FileIO.read("\(root)/\(relativePath)"), as: UTF8.self)
    }

    deinit { try? FileManager.default.removeItem(atPath: FileIO.parentDirectory(of: root)) }
}
