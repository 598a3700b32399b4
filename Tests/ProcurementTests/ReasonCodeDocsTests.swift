import Foundation
import Procurement
import RegistryDomain
import RegistryStorage
import TestSupport
import Testing

/// docs/reason-codes.md lists exactly the reason codes there are: none missing, none stale.
@Suite struct ReasonCodeDocsTests {
    /// The codes in the first column of every table of the page (`a` / `b` rows name several).
    static func documentedCodes() throws -> [String] {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let text = try String(contentsOf: url.appendingPathComponent("docs/reason-codes.md"), encoding: .utf8)
        var codes: [String] = []
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cell = line.dropFirst(2).prefix { $0 != "|" }
            // Backticked tokens are the odd pieces between backticks.
            codes += cell.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }
        return codes
    }

    @Test func everyCodeIsDocumented() throws {
        let documented = Set(try Self.documentedCodes())
        let missing = ReasonCode.all.map(\.rawValue).filter { !documented.contains($0) }
        #expect(missing.isEmpty, "not in docs/reason-codes.md: \(missing)")
    }

    @Test func everyDocumentedCodeExists() throws {
        let codes = Set(ReasonCode.all.map(\.rawValue))
        let stale = try Self.documentedCodes().filter { !codes.contains($0) }
        #expect(stale.isEmpty, "in docs/reason-codes.md but given by nothing: \(stale)")
    }

    @Test func theParserFindsTheTables() throws {
        // A parser that found nothing would make both checks above pass vacuously.
        let documented = try Self.documentedCodes()
        #expect(documented.contains("terms-changed") && documented.contains("enterprise-tenant") && documented.contains("enterprise-contract"))
    }

    /// Every code the shipped catalogue's verdicts give (a wide sample of the rules' paths) is a listed one,
    /// so a rule cannot give a code that `ReasonCode.all`, and so this page, leaves out.
    @Test func everyCodeTheCatalogueGivesIsListed() throws {
        let snapshot = try RegistrySnapshot.load(RegistryStore(root: ShippedRegistry.root))
        let policy = try #require(snapshot.policy)
        let validator = Validator(policy: policy, today: ShippedRegistry.today)
        let listed = Set(ReasonCode.all)
        var given = Set<ReasonCode>()
        for record in snapshot.tools.values {
            let verdict = validator.evaluate(record)
            given.formUnion(verdict.reasons.map(\.code) + verdict.principles.flatMap { $0.reasons.map(\.code) })
            given.insert(ProcurementReport.mainReason(verdict).code)
        }
        #expect(given.count > 20, "the catalogue exercises many rules")
        #expect(given.subtracting(listed).map(\.rawValue).sorted() == [])
    }

    @Test func everyApprovalStatusHasADocumentedCode() throws {
        let codes = Set(ReasonCode.all)
        for status in [ApprovalCoverage.Status.covered, .pending, .denied, .expired, .usesNotCovered, .verdictWorse, .termsChanged] {
            #expect(codes.contains(.approval(status)), "\(status)")
        }
    }
}
