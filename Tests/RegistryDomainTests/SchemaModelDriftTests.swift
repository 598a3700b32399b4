import Foundation
import RegistryDomain
import RegistryJSON
import RegistryStorage
import Testing

/// The record schemas (`RegistrySchemas`) and the Codable models are written separately; these tests fail as
/// soon as one gains, loses or renames a field, or an enum value, that the other does not.
@Suite struct SchemaModelDriftTests {
    /// One record kind: its schema, and how to read a document into its model and list the keys the model writes.
    struct Kind: Sendable, CustomTestStringConvertible {
        var name: String
        var schema: Schema
        var modelKeys: @Sendable ([UInt8]) throws -> Set<String>
        var testDescription: String { name }

        static func of<T: Codable & Sendable>(_ name: String, _ type: T.Type, _ schema: Schema) -> Kind {
            Kind(name: name, schema: schema) { bytes in
                let (value, issues) = RecordCodec.decode(T.self, from: bytes, schema: schema, file: name)
                guard let value else { throw DriftError("\(name) does not decode: \(issues.map(\.description))") }
                let log = KeyLog()
                try value.encode(to: KeyRecorder(log: log, path: ""))
                return log.paths
            }
        }
    }

    static let kinds: [Kind] = [
        .of("tool", ToolRecord.self, RegistrySchemas.tool),
        .of("vendor", VendorRecord.self, RegistrySchemas.vendor),
        .of("production", Production.self, RegistrySchemas.production),
        .of("approval", Approval.self, RegistrySchemas.approval),
        .of("policy", Policy.self, RegistrySchemas.policy),
    ]

    /// Every key path the schema allows (`a.b`, `a[].b`), whether required or not.
    static func schemaKeys(_ schema: Schema, _ path: String = "") -> Set<String> {
        switch schema {
        case .nullable(let inner): return schemaKeys(inner, path)
        case .array(let item, _, _): return schemaKeys(item, path + "[]")
        case .object(let fields):
            return fields.reduce(into: Set<String>()) { keys, field in
                keys.insert(path + "." + field.name)
                keys.formUnion(schemaKeys(field.schema, path + "." + field.name))
            }
        default: return []
        }
    }

    /// Every `oneOf` word list of the schema, by key path.
    static func schemaWords(_ schema: Schema, _ path: String = "") -> [String: [String]] {
        switch schema {
        case .nullable(let inner): return schemaWords(inner, path)
        case .array(let item, _, _): return schemaWords(item, path + "[]")
        case .object(let fields):
            return fields.reduce(into: [:]) { words, field in words.merge(schemaWords(field.schema, path + "." + field.name)) { a, _ in a } }
        case .string(.oneOf(let values)): return [path: values]
        default: return [:]
        }
    }

    /// A document with every field present and not null, one item in every array, and `choice` for the
    /// word at the path it names (the first word elsewhere), as JSON bytes.
    static func populated(_ schema: Schema, choice: (path: String, word: String)? = nil) throws -> [UInt8] {
        func value(_ schema: Schema, _ path: String) -> Any {
            switch schema {
            case .nullable(let inner): return value(inner, path)
            case .boolean: return true
            case .integer(let range): return range.lowerBound
            case .array(let item, _, _): return [value(item, path + "[]")]
            case .object(let fields):
                return Dictionary(uniqueKeysWithValues: fields.map { ($0.name, value($0.schema, path + "." + $0.name)) })
            case .string(let rule):
                switch rule {
                case .text: return "x"
                case .identifier: return "acme"
                case .url, .httpsURL: return "https://acme.example/terms"
                case .day, .dayOrUndated: return "2026-01-01"
                case .timestamp: return "2026-01-01T00:00:00Z"
                case .sha256: return String(repeating: "a", count: 64)
                case .hostname: return "acme.example"
                case .oneOf(let words): return choice?.path == path ? choice?.word ?? "" : words.first ?? ""
                }
            }
        }
        return Array(try JSONSerialization.data(withJSONObject: value(schema, ""), options: [.sortedKeys]))
    }

    @Test(arguments: kinds)
    func schemaAndModelHaveTheSameKeys(kind: Kind) throws {
        let schema = Self.schemaKeys(kind.schema)
        let model = try kind.modelKeys(try Self.populated(kind.schema))
        #expect(schema.subtracting(model).sorted() == [], "\(kind.name): in the schema, not written by the model")
        #expect(model.subtracting(schema).sorted() == [], "\(kind.name): written by the model, not in the schema")
        #expect(schema.count > 3, "the walk found the schema's fields")
    }

    /// The Swift enum behind each word list of the schemas, by kind and key path.
    static let enums: [String: [String: [String]]] = [
        "tool": [
            ".categories[]": words(ToolCategory.self),
            ".terms.retention.vendorRetention[].purpose": words(RetentionPurpose.self),
            ".terms.training.inputs": words(TrainingUse.self),
            ".terms.training.outputs": words(TrainingUse.self),
            ".terms.environment.deployment": words(Deployment.self),
            ".terms.environment.certifications[]": words(Certification.self),
            ".evidence[].about": words(EvidenceTopic.self),
            ".evidence[].source": words(SourceKind.self),
            ".conditions[].principle": words(Principle.self),
            ".conditions[].arrangement": words(ArrangementField.self),
            ".conditions[].evidence[].about": words(EvidenceTopic.self),
            ".conditions[].evidence[].source": words(SourceKind.self),
            ".watch[].type": words(DocumentType.self),
        ],
        "vendor": [".keys[].algorithm": words(SigningKey.Algorithm.self)],
        "production": [:],
        "approval": [
            ".kind": words(Approval.Kind.self),
            ".judged.verdict": words(OverallVerdict.self),
            ".decision.outcome": words(Approval.Outcome.self),
        ],
        "policy": [
            ".principles.no-store.allowedPurposes[]": words(RetentionPurpose.self),
            ".principles.no-store.exemptFromDayLimit[]": words(RetentionPurpose.self),
            ".principles.enterprise-secured.acceptedCertifications[]": words(Certification.self),
            ".assessment.whenUndetermined": words(Policy.Decision.self),
            ".assessment.whenNoncompliant": words(Policy.Decision.self),
            ".assessment.uses[].decision": words(Policy.Decision.self),
        ],
    ]

    static func words<T: RawRepresentable & CaseIterable>(_: T.Type) -> [String] where T.RawValue == String { T.allCases.map(\.rawValue) }

    @Test(arguments: kinds)
    func schemaWordsAreTheEnumsCases(kind: Kind) throws {
        let schema = Self.schemaWords(kind.schema)
        let swift = try #require(Self.enums[kind.name])
        #expect(Set(schema.keys) == Set(swift.keys), "\(kind.name): word lists without a Swift enum in this test, or gone from the schema")
        for (path, words) in schema {
            #expect(Set(words) == Set(swift[path] ?? []), "\(kind.name) \(path)")
            // And the model reads every word the schema lets through.
            for word in words {
                #expect(throws: Never.self, "\(kind.name) \(path) = \(word)") {
                    _ = try kind.modelKeys(try Self.populated(kind.schema, choice: (path, word)))
                }
            }
        }
    }

    @Test func arrangementFieldsAreTheArrangementsFlags() throws {
        guard case .object(let tool) = RegistrySchemas.tool,
            case .nullable(.object(let arrangement))? = tool.first(where: { $0.name == "arrangement" })?.schema
        else {
            Testing.Issue.record("no arrangement object in the tool schema")
            return
        }
        let flags = arrangement.filter { if case .nullable(.boolean) = $0.schema { true } else { false } }.map(\.name)
        #expect(Set(flags) == Set(ArrangementField.allCases.map(\.rawValue)))
    }
}

struct DriftError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The key paths an encoder was asked to write, `nil` optionals included.
final class KeyLog {
    var paths: Set<String> = []
}

/// An `Encoder` that writes nothing and records every key, so a model's optional fields count even when nil.
struct KeyRecorder: Encoder {
    let log: KeyLog
    let path: String
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Keyed<Key>(log: log, path: path))
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(log: log, path: path + "[]") }
    func singleValueContainer() -> any SingleValueEncodingContainer { Single(log: log, path: path) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let log: KeyLog
        let path: String
        var codingPath: [any CodingKey] = []

        private func at(_ key: Key) -> String {
            let child = path + "." + key.stringValue
            log.paths.insert(child)
            return child
        }
        private func nested<T: Encodable>(_ value: T?, _ key: Key) throws {
            let child = at(key)
            if let value { try value.encode(to: KeyRecorder(log: log, path: child)) }
        }

        mutating func encodeNil(forKey key: Key) throws { _ = at(key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try nested(value, key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { _ = at(key) }
        mutating func encode(_ value: String, forKey key: Key) throws { _ = at(key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { _ = at(key) }
        mutating func encode(_ value: Float, forKey key: Key) throws { _ = at(key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { _ = at(key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { _ = at(key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { _ = at(key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { _ = at(key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { _ = at(key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { _ = at(key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { _ = at(key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { _ = at(key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { _ = at(key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { _ = at(key) }
        // Synthesized Codable writes optionals through these; the defaults would skip a nil and hide its key.
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try nested(value, key) }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { _ = at(key) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { _ = at(key) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { _ = at(key) }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { _ = at(key) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { _ = at(key) }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { _ = at(key) }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { _ = at(key) }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { _ = at(key) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { _ = at(key) }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { _ = at(key) }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { _ = at(key) }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { _ = at(key) }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { _ = at(key) }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { _ = at(key) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(Keyed<NestedKey>(log: log, path: at(key)))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { Unkeyed(log: log, path: at(key) + "[]") }
        mutating func superEncoder() -> any Encoder { KeyRecorder(log: log, path: path) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { KeyRecorder(log: log, path: at(key)) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let log: KeyLog
        let path: String
        var codingPath: [any CodingKey] = []
        var count = 0

        mutating func encodeNil() throws { count += 1 }
        mutating func encode<T: Encodable>(_ value: T) throws {
            count += 1
            try value.encode(to: KeyRecorder(log: log, path: path))
        }
        mutating func encode(_ value: Bool) throws { count += 1 }
        mutating func encode(_ value: String) throws { count += 1 }
        mutating func encode(_ value: Double) throws { count += 1 }
        mutating func encode(_ value: Float) throws { count += 1 }
        mutating func encode(_ value: Int) throws { count += 1 }
        mutating func encode(_ value: Int8) throws { count += 1 }
        mutating func encode(_ value: Int16) throws { count += 1 }
        mutating func encode(_ value: Int32) throws { count += 1 }
        mutating func encode(_ value: Int64) throws { count += 1 }
        mutating func encode(_ value: UInt) throws { count += 1 }
        mutating func encode(_ value: UInt8) throws { count += 1 }
        mutating func encode(_ value: UInt16) throws { count += 1 }
        mutating func encode(_ value: UInt32) throws { count += 1 }
        mutating func encode(_ value: UInt64) throws { count += 1 }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(Keyed<NestedKey>(log: log, path: path))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(log: log, path: path + "[]") }
        mutating func superEncoder() -> any Encoder { KeyRecorder(log: log, path: path) }
    }

    struct Single: SingleValueEncodingContainer {
        let log: KeyLog
        let path: String
        var codingPath: [any CodingKey] = []

        mutating func encodeNil() throws {}
        mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: KeyRecorder(log: log, path: path)) }
        mutating func encode(_ value: Bool) throws {}
        mutating func encode(_ value: String) throws {}
        mutating func encode(_ value: Double) throws {}
        mutating func encode(_ value: Float) throws {}
        mutating func encode(_ value: Int) throws {}
        mutating func encode(_ value: Int8) throws {}
        mutating func encode(_ value: Int16) throws {}
        mutating func encode(_ value: Int32) throws {}
        mutating func encode(_ value: Int64) throws {}
        mutating func encode(_ value: UInt) throws {}
        mutating func encode(_ value: UInt8) throws {}
        mutating func encode(_ value: UInt16) throws {}
        mutating func encode(_ value: UInt32) throws {}
        mutating func encode(_ value: UInt64) throws {}
    }
}
