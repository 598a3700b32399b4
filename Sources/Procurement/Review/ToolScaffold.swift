import RegistryDomain
public import RegistryJSON
import RegistryStorage

/// The record `new` writes: every field of the tool schema present, `null` where "not known" is allowed
/// and empty otherwise, so the editor sees every field and `lint` names exactly what is still to fill in.
public enum ToolScaffold {
    /// The canonical file text of a new record `id` of `vendor`, named `name` when given.
    /// The review stays `null` (never reviewed) until `review done` records one.
    public static func text(id: String, vendor: String, name: String?) -> String {
        guard case .object(var members) = CanonicalForm.scaffold(RegistrySchemas.tool) else { return "null\n" }
        for i in members.indices {
            switch members[i].key {
            case "id": members[i].value = .string(id)
            case "vendor": members[i].value = .string(vendor)
            case "name": members[i].value = .string(name ?? "")
            case "review": members[i].value = .null
            default: break
            }
        }
        return JSONWriter.write(.object(members))
    }

    /// What `lint` will say about `text` as `file` on its own (the cross-file checks aside): the fields still to fill in.
    public static func openIssues(_ text: String, id: String, file: String) -> [Issue] {
        let (record, issues) = RecordCodec.decode(ToolRecord.self, from: Array(text.utf8), schema: RegistrySchemas.tool, file: file)
        return issues + (record.map { RecordChecks.tool($0, fileID: id, file: file) } ?? [])
    }

    /// The JSON paths of every `null` ("not known") leaf in `text`, in file order.
    public static func nullPaths(_ text: String) -> [String] {
        guard let value = try? JSONParser.parse(Array(text.utf8)).value else { return [] }
        var out: [String] = []
        func walk(_ v: JSONValue, _ path: JSONPath) {
            switch v {
            case .null: out.append(path.description)
            case .object(let members): for m in members { walk(m.value, path.appending(m.key)) }
            case .array(let elements): for (i, e) in elements.enumerated() { walk(e, path.appending(index: i)) }
            default: break
            }
        }
        walk(value, .root)
        return out
    }
}
