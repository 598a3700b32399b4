import Foundation
import RegistryDomain
import Testing

/// The principles as every output names them: registered once, in a fixed order, read and written by id.
@Suite struct PrincipleTests {
    @Test func theRegisteredPrinciplesInTheirOrder() {
        #expect(Principle.allCases.map(\.rawValue) == ["no-store", "no-train", "enterprise-secured"])
        #expect(Principle.countWord == "three")
    }

    @Test func anIdReadsAsItsPrincipleAndNothingElseDoes() throws {
        #expect(Principle(rawValue: "no-train") == .noTrain)
        #expect(Principle(rawValue: "no-train")?.title == "No training")
        #expect(Principle(rawValue: "no-training") == nil)
        let decoded = try JSONDecoder().decode([Principle].self, from: Data(#"["enterprise-secured"]"#.utf8))
        #expect(decoded == [.enterpriseSecured])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Principle].self, from: Data(#"["no-share"]"#.utf8)) }
        #expect(String(decoding: try JSONEncoder().encode([Principle.noStore]), as: UTF8.self) == #"["no-store"]"#)
    }

    @Test(arguments: Principle.allCases)
    func everyPrincipleHasItsWords(principle: Principle) {
        #expect(!principle.title.isEmpty && principle.summary.hasSuffix("."))
        #expect(!principle.heading.isEmpty)
        // The CLI's list gives each principle a 12-character column.
        #expect(principle.shortName.count <= 10)
        // Exactly one emphasised word, for the reports' sentence.
        #expect(principle.clause.filter { $0 == "*" }.count == 2)
        #expect(!principle.clause(emphasis: { "<b>\($0)</b>" }).contains("*"))
    }

    @Test func theReportsSentenceJoinsEveryClause() {
        #expect(
            Principle.clauses { "**\($0)**" }
                == "does not **store** or reuse production inputs and outputs, does not **train** on them, and runs in an **enterprise-secured** environment"
        )
    }

    @Test func everyPrincipleIsRequiredByDefaultAndEachCanBeDropped() {
        let policy = Policy(version: "1", studio: "S")
        #expect(Principle.allCases.allSatisfy(policy.principles.isRequired))
        var relaxed = policy.principles
        relaxed.required["no-train"] = false
        #expect(Principle.allCases.filter(relaxed.isRequired) == [.noStore, .enterpriseSecured])
    }
}
