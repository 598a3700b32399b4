/// One JSON document read and written through a schema: parsed strictly, checked (every problem with its path and
/// line), decoded; written in the schema's canonical form.
public enum RecordCodec {
    /// Parses, schema-checks and decodes `bytes`; nil with every issue (JSON path and line) when not valid.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], schema: Schema, file: String) -> (T?, [Issue]) {
        let parsed: JSONParser.Result
        do { parsed = try JSONParser.parse(bytes) } catch {
            return (nil, [Issue(code: .badJSON, file: file, line: error.line, message: error.description)])
        }
        return decode(type, parsed: parsed, from: bytes, schema: schema, file: file)
    }

    /// `decode` of a document already parsed (without line numbers) from `bytes`.
    package static func decode<T: Decodable>(_ type: T.Type, parsed: JSONParser.Result, from bytes: [UInt8], schema: Schema, file: String) -> (
        T?, [Issue]
    ) {
        // Fast path: a valid file is checked without building a path or a message for every value.
        if parsed.duplicateKeys.isEmpty, SchemaValidator.isValid(parsed.value, against: schema) {
            do {
                return (try JSONValueDecoder.decode(T.self, from: parsed.value), [])
            } catch {
                // The schema accepted it, so this is a disagreement between schema and model: still an error.
                return (nil, [Issue(code: .undecodable, file: file, message: "cannot be read: \(error)")])
            }
        }
        // Something is wrong: walk it again with paths and lines for messages a person can act on.
        let detailed = (try? JSONParser.parse(bytes, recordLines: true)) ?? parsed
        var issues = detailed.duplicateKeys.map {
            Issue(
                code: .duplicateKey, file: file, path: $0, line: detailed.lines[$0],
                message: "key appears twice in the same object; the second would silently win")
        }
        issues += SchemaValidator.validate(detailed.value, against: schema, file: file, lines: detailed.lines)
        if issues.isEmpty {
            // The two checks should always agree; if they ever do not, the detailed one decides.
            return ((try? JSONValueDecoder.decode(T.self, from: detailed.value)), [])
        }
        return (nil, issues)
    }

    /// `value` as the JSON tree of its canonical form (for embedding a record in command output).
    public static func jsonValue<T: Encodable>(_ value: T, schema: Schema) -> JSONValue {
        // Encoding our own Codable models cannot fail: every field is a string, number, bool, array or object.
        guard let encoded = try? JSONValueEncoder.encode(value) else { return .null }
        return CanonicalForm.apply(encoded, schema)
    }

    /// The canonical file text of `value` under `schema`.
    public static func canonicalText<T: Encodable>(_ value: T, schema: Schema) -> String {
        JSONWriter.write(jsonValue(value, schema: schema))
    }
}
