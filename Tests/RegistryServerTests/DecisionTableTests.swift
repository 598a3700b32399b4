import Foundation
import RegistryDomain
import RegistryJSON
import RegistryServer
import TestSupport
import Testing

/// `/v1/decisions`, the assessor's rule as data, holds everything needed to give `assess`'s answer: applied
/// as the published page's script applies it, it gives the assessor's decision and reasons, whatever the
/// policy says about verdicts and uses.
@Suite(.timeLimit(.minutes(1)))
struct DecisionTableTests {
    /// The answer built from `table` for `verdict` under `uses`, with the steps of page.js's `ask`.
    func answer(_ table: JSONValue, policy: Policy, verdict: ToolVerdict, uses: [String]) -> JSONValue {
        let strings = { (key: String) in table[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        let decisions = strings("decisions"), shown = strings("useReasonShown"), answerCodes = strings("answerCodes")
        var asked: [Policy.UseRule] = []
        for use in uses where !asked.contains(where: { $0.use == use }) {
            if let rule = policy.assessment.uses.first(where: { $0.use == use }) { asked.append(rule) }
        }
        var level = decisions.first ?? ""
        for rule in asked where (decisions.firstIndex(of: rule.decision.rawValue) ?? -1) > (decisions.firstIndex(of: level) ?? -1) {
            level = rule.decision.rawValue
        }
        let row = table["rows"]?.arrayValue?.first { $0["verdict"]?.stringValue == verdict.verdict.rawValue && $0["uses"]?.stringValue == level }
        // The tool's own reasons come from its published assessment, which is `assess` without uses.
        let base = Assessor(policy: policy).assess(verdict, uses: [])
        var reasons: [String] = []
        for part in row?["reasons"]?.arrayValue ?? [] {
            switch part["from"]?.stringValue {
            case "tool": reasons += base.reasons.filter { !answerCodes.contains($0.code.rawValue) }.map(\.message)
            case "uses": reasons += asked.filter { shown.contains($0.decision.rawValue) }.map(\.reason)
            default:
                let placeholder = table["namePlaceholder"]?.stringValue ?? "{name}"
                reasons.append((part["message"]?.stringValue ?? "").replacingOccurrences(of: placeholder, with: verdict.name))
            }
        }
        return .object([JSONMember("decision", row?["decision"] ?? .null), JSONMember("reasons", .array(reasons.map(JSONValue.string)))])
    }

    /// What the assessor answers, in the same shape.
    func expected(_ policy: Policy, _ verdict: ToolVerdict, _ uses: [String]) -> JSONValue {
        let a = Assessor(policy: policy).assess(verdict, uses: uses)
        return .object([JSONMember("decision", .string(a.decision.rawValue)), JSONMember("reasons", .array(a.reasons.map { .string($0.message) }))])
    }

    /// No use, each use, all uses, a repeated use and all in reverse order.
    func useSets(_ policy: Policy) -> [[String]] {
        let uses = policy.assessment.uses.map(\.use)
        return [[]] + uses.map { [$0] } + [uses, [uses[0], uses[0]], uses.reversed()]
    }

    @Test func theServedTableGivesTheAssessorsAnswers() async throws {
        let registry = try sampleRegistry()
        let served = await RegistryHolder.load(testConfiguration(registry)).current()
        let policy = try #require(served.policy)
        let table = try await withServer(testConfiguration(registry)) { client in
            let r = try await client.get("/v1/decisions")
            #expect(r.status == 200)
            #expect(try await client.get("/v1/decisions.json").body == r.body)
            #expect(try await client.get("/v1/decisions?x=1").status == 400)
            return try r.json()
        }
        #expect(table["rows"]?.arrayValue?.count == OverallVerdict.allCases.count * Policy.Decision.allCases.count)
        #expect(table["headings"]?["not-permitted"] == .string("Not permitted for this production"))
        for id in served.ids {
            let verdict = try #require(served.verdicts[id])
            for uses in useSets(policy) {
                #expect(answer(table, policy: policy, verdict: verdict, uses: uses) == expected(policy, verdict, uses), "\(id) with \(uses)")
            }
        }
    }

    /// Other policies: every decision for undetermined and noncompliant tools, and uses that proceed or are not permitted.
    @Test func theTableFollowsThePolicy() async throws {
        let registry = try sampleRegistry()
        let served = await RegistryHolder.load(testConfiguration(registry)).current()
        let original = try #require(served.policy)
        var decisionsSeen = Set<String>()
        for whenUndetermined in Policy.Decision.allCases {
            for whenNoncompliant in Policy.Decision.allCases {
                var policy = original
                policy.assessment.whenUndetermined = whenUndetermined
                policy.assessment.whenNoncompliant = whenNoncompliant
                policy.assessment.uses += [
                    Policy.UseRule(use: "mood-board", decision: .proceed, reason: "Internal reference only."),
                    Policy.UseRule(use: "broadcast-logo", decision: .notPermitted, reason: "Logos are never generated."),
                ]
                let table = DecisionTable(policy: policy).json
                for id in served.ids {
                    let verdict = try #require(served.verdicts[id])
                    for uses in useSets(policy) + [["mood-board"], ["mood-board", "final-deliverable"], ["final-deliverable", "broadcast-logo"]] {
                        let built = answer(table, policy: policy, verdict: verdict, uses: uses)
                        #expect(
                            built == expected(policy, verdict, uses),
                            "\(id) with \(uses), undetermined → \(whenUndetermined), noncompliant → \(whenNoncompliant)")
                        decisionsSeen.insert(built["decision"]?.stringValue ?? "")
                    }
                }
            }
        }
        #expect(decisionsSeen == Set(Policy.Decision.allCases.map(\.rawValue)), "the cases reach every decision")
    }
}
