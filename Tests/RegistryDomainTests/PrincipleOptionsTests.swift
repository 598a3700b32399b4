import Foundation
import RegistryJSON
import TestSupport
import Testing

@testable import RegistryDomain

/// A principle that exists only here, to show that a rule brings its own policy options: it fails a tool
/// whose record has no notes.
private struct TestOnlyRule: PrincipleRule {
    static let principle = Principle(
        id: "test-only", title: "Test only", summary: "the record has notes.", heading: "Notes recorded",
        clause: "has *notes*", shortName: "test-only")
    static let notesMissing = ReasonCode("test-notes-missing")
    static let notesPresent = ReasonCode("test-notes-present")

    var principle: Principle { Self.principle }
    var topic: EvidenceTopic { .retention }
    var reasonCodes: [ReasonCode] { [Self.notesMissing, Self.notesPresent] }

    func evaluate(_ record: ToolRecord, _ arrangement: CountedArrangement, _ policy: Policy) -> PrincipleResult {
        var f = Findings()
        if record.notes == nil {
            f.add(.fail, Self.notesMissing, "The record has no notes.")
        } else {
            f.add(.pass, Self.notesPresent, "The record has notes.")
        }
        return f.result(principle, evidence: evidence(record), passNeedsEvidence: false)
    }

    func blockingUnknowns(_ terms: Terms, _ arrangement: CountedArrangement, _ policy: Policy) -> [String] { [] }
}

/// Each principle's options in the policy come from its rule: a new principle needs no change to `Policy`
/// or to the policy schema, and a policy written before it existed still reads, with the principle required.
@Suite struct PrincipleOptionsTests {
    static let rules: [any PrincipleRule] = Principles.rules + [TestOnlyRule()]
    static let shipped: String = {
        (try? String(contentsOfFile: ShippedRegistry.root + "/policy.json", encoding: .utf8)) ?? ""
    }()

    static func read(_ text: String, schema: Schema) -> (Policy?, [RegistryJSON.Issue]) {
        RecordCodec.decode(Policy.self, from: Array(text.utf8), schema: schema, file: "policy.json")
    }

    @Test func theShippedPolicyReadsAndWritesTheSameBytes() throws {
        #expect(!Self.shipped.isEmpty)
        let (policy, issues) = Self.read(Self.shipped, schema: RegistrySchemas.policy)
        #expect(issues.isEmpty)
        let read = try #require(policy)
        #expect(RecordCodec.canonicalText(read, schema: RegistrySchemas.policy) == Self.shipped)
        // The built-in default policy is the shipped one's principles.
        #expect(read.principles == Policy.Principles())
    }

    @Test func thePolicySchemaListsTheRegisteredPrinciplesInOrder() throws {
        guard case .object(let fields) = RegistrySchemas.policy,
            case .object(let principles)? = fields.first(where: { $0.name == "principles" })?.schema
        else {
            Testing.Issue.record("the policy schema has no principles object")
            return
        }
        #expect(principles.map(\.name) == Principle.allCases.map(\.rawValue))
        #expect(principles.allSatisfy { !$0.required })
        for field in principles {
            guard case .object(let options) = field.schema else {
                Testing.Issue.record("\(field.name) is not an object")
                continue
            }
            #expect(options.first?.name == "required" && options.first?.required == true)
        }
    }

    @Test func aPrincipleLeftOutIsRequiredWithItsDefaults() throws {
        let strict = Policy.NoStoreRules(maxRetentionDays: 7)
        var given = Policy(version: "1", studio: "S")
        given.principles = .init(noStore: strict, enterpriseSecured: .init(required: false), required: ["no-train": false])
        let full = RecordCodec.canonicalText(given, schema: RegistrySchemas.policy)
        // Leave out no-train and enterprise-secured.
        var object = try #require(try JSONSerialization.jsonObject(with: Data(full.utf8)) as? [String: Any])
        object["principles"] = ["no-store": try #require((object["principles"] as? [String: Any])?["no-store"])]
        let trimmed = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)

        let (policy, issues) = Self.read(trimmed, schema: RegistrySchemas.policy)
        #expect(issues.isEmpty)
        let read = try #require(policy)
        #expect(read.principles.noStore == strict)
        #expect(read.principles.enterpriseSecured == .init())
        #expect(Principle.allCases.allSatisfy(read.principles.isRequired))
        // Written back, every principle's object is explicit.
        let written = RecordCodec.canonicalText(read, schema: RegistrySchemas.policy)
        #expect(written.contains("\"no-train\": {\n      \"required\": true\n    }"))
        #expect(written.contains("\"acceptedCertifications\""))
    }

    @Test func aRuleDefinedElsewhereIsJudgedWithoutAnyChangeToThePolicy() throws {
        // The shipped policy knows nothing of test-only: it reads under the schema built for the rules, and requires it.
        let (policy, issues) = Self.read(Self.shipped, schema: RegistrySchemas.policy(for: Self.rules))
        #expect(issues.isEmpty)
        let read = try #require(policy)
        #expect(TestOnlyRule().isRequired(read.principles))

        let validator = Validator(policy: read, today: Fixture.today, rules: Self.rules)
        let without = validator.evaluate(Fixture.compliant())
        #expect(without.principles.map(\.principle) == Principle.allCases + [TestOnlyRule.principle])
        #expect(without.codes(TestOnlyRule.principle) == ["test-notes-missing"])
        #expect(without.result(TestOnlyRule.principle)?.required == true)
        #expect(without.verdict == .noncompliant)

        var noted = Fixture.compliant()
        noted.notes = "Reviewed by legal."
        let with = validator.evaluate(noted)
        #expect(with.status(TestOnlyRule.principle) == .pass)
        #expect(with.verdict == .compliant)
        // The registered validator does not judge it.
        #expect(Validator(policy: read, today: Fixture.today).evaluate(Fixture.compliant()).verdict == .compliant)
    }

    @Test func requiredFalseInItsOwnObjectTakesItOutOfTheVerdict() throws {
        // test-only goes last in `principles`, where the canonical writer puts it.
        let relaxedText = Self.shipped.replacingOccurrences(
            of: "\n    }\n  },\n  \"review\"",
            with: "\n    },\n    \"test-only\": {\n      \"required\": false\n    }\n  },\n  \"review\"")
        #expect(relaxedText != Self.shipped)
        let schema = RegistrySchemas.policy(for: Self.rules)
        let (policy, issues) = Self.read(relaxedText, schema: schema)
        #expect(issues.isEmpty)
        let relaxed = try #require(policy)
        #expect(relaxed.principles.required["test-only"] == false)
        #expect(!TestOnlyRule().isRequired(relaxed.principles))
        // The canonical writer for those rules writes it back byte for byte.
        #expect(RecordCodec.canonicalText(relaxed, schema: schema) == relaxedText)

        let v = Validator(policy: relaxed, today: Fixture.today, rules: Self.rules).evaluate(Fixture.compliant())
        #expect(v.status(TestOnlyRule.principle) == .fail)
        #expect(v.result(TestOnlyRule.principle)?.required == false)
        #expect(v.codes(TestOnlyRule.principle).contains("not-required"))
        #expect(v.verdict == .compliant)

        // The registered principles' schema has no such principle.
        let (_, refused) = Self.read(relaxedText, schema: RegistrySchemas.policy)
        #expect(refused.map(\.code) == [.unknownField])
    }
}
