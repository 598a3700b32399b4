import Foundation
import RegistryDomain
import RegistryJSON
import RegistryStorage
import TestSupport
import Testing

/// `new TOOL --vendor V`: a record with every field present, and `lint` naming exactly what is left to fill in.
@Suite struct NewCLITests {
    func run(_ r: TestRegistry, _ args: [String]) throws -> CLIRunner.Result {
        try CLIRunner.run(args + ["--registry", r.root])
    }

    /// Every object key path of a JSON value (array elements share their array's path).
    static func keyPaths(_ value: JSONValue, _ prefix: String = "$") -> Set<String> {
        switch value {
        case .object(let members):
            return members.reduce(into: Set<String>()) { out, m in
                out.insert(prefix + "." + m.key)
                out.formUnion(keyPaths(m.value, prefix + "." + m.key))
            }
        case .array(let elements): return elements.reduce(into: Set<String>()) { $0.formUnion(keyPaths($1, prefix + "[]")) }
        default: return []
        }
    }

    @Test func newThenLintReportsExactlyTheUnfilledFields() throws {
        let r = try TestRegistry()
        let created = try run(r, ["new", "acme-video", "--vendor", "vendor-a"])
        #expect(created.status == 0, "\(created.stderr)")
        let text = try r.text("tools/acme-video.json")

        // Every field of a full record is present (compared with a record that fills every object in).
        var full = Fixture.compliant()
        full.arrangement = Arrangement(reference: "x")
        let fullPaths = Self.keyPaths(try JSONParser.parse(Array(RecordCodec.canonicalText(full, schema: RegistrySchemas.tool).utf8)).value)
        let scaffold = try JSONParser.parse(Array(text.utf8)).value
        let reviewPaths = fullPaths.filter { $0.hasPrefix("$.review.") }
        #expect(
            Self.keyPaths(scaffold) == fullPaths.subtracting(reviewPaths).subtracting(fullPaths.filter { $0.contains("[]") }),
            "every field present; review is null until `review done`, arrays are empty")
        #expect(scaffold["terms"]?["training"]?["inputs"] == .null && scaffold["review"] == .null)

        // lint names exactly the fields still to fill in, and nothing else: the empty name and categories
        // (the nulls are valid "not known" statements; `review` lists those).
        #expect(try lintFindings(r) == ["error $.categories too-few-items", "error $.name empty-text"])
        #expect(try run(r, ["lint"]).status == 65)
        // `new` told the user the same list.
        #expect(created.stdout.contains("$.name") && created.stdout.contains("$.categories"))

        // Filling in the name and a category makes it valid; lint then only warns that no evidence is cited yet.
        try r.put(
            "tools/acme-video.json",
            text.replacingOccurrences(of: "\"name\": \"\"", with: "\"name\": \"Acme Video\"")
                .replacingOccurrences(of: "\"categories\": []", with: "\"categories\": [\"video\"]"))
        #expect(try lintFindings(r) == ["warning $.evidence no-evidence", "warning $.evidence no-evidence", "warning $.evidence no-evidence"])
        let after = try run(r, ["lint"])
        #expect(after.status == 0, "\(after.stdout)")
        // A new record is never compliant: not reviewed and nothing known.
        #expect(try run(r, ["check", "acme-video"]).status == 2)
    }

    /// "severity path code" of each lint issue about the new record, sorted.
    func lintFindings(_ r: TestRegistry) throws -> [String] {
        let lint = try JSONParser.parse(Array(try run(r, ["lint", "--format", "json"]).stdout.utf8)).value
        let issues = (lint["issues"]?.arrayValue ?? []).filter { $0["file"]?.stringValue?.hasSuffix("tools/acme-video.json") == true }
        return issues.map { "\($0["severity"]?.stringValue ?? "") \($0["path"]?.stringValue ?? "") \($0["code"]?.stringValue ?? "")" }.sorted()
    }

    @Test func nameOptionFillsTheName() throws {
        let r = try TestRegistry()
        #expect(try run(r, ["new", "acme-video", "--vendor", "vendor-a", "--name", "Acme Video"]).status == 0)
        #expect(!(try run(r, ["lint"]).stdout.contains("$.name")))
    }

    @Test func refusesToOverwrite() throws {
        let r = try TestRegistry()
        let before = try r.text("tools/tool-a.json")
        let result = try run(r, ["new", "tool-a", "--vendor", "vendor-a"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("already exists"))
        #expect(try r.text("tools/tool-a.json") == before)
    }

    @Test(arguments: [["new", "Bad_Id", "--vendor", "vendor-a"], ["new", "ok-id", "--vendor", "Bad Vendor"], ["new", "ok-id"]])
    func invalidIdsAreUsageErrors(args: [String]) throws {
        let r = try TestRegistry()
        let result = try run(r, args)
        #expect(result.status == 64)
        #expect(!FileIO.isFile(r.root + "/tools/ok-id.json"))
    }

    @Test func warnsWhenTheVendorDoesNotExistYet() throws {
        let r = try TestRegistry()
        let result = try run(r, ["new", "ghost-tool", "--vendor", "ghost"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("vendors/ghost.json does not exist yet"))
    }
}
