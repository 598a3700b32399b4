import Foundation
import TestSupport
import Testing

@testable import RegistryDomain
@testable import RegistryJSON
@testable import RegistryStorage

/// Each kind of broken file, and the issue `lint` must report for it: file, JSON path and code.
struct BrokenFile: CustomTestStringConvertible, Sendable {
    let name: String
    let file: String
    let code: IssueCode
    let path: String
    let edit: @Sendable (String) -> String
    var testDescription: String { name }
}

@Suite struct LintTests {
    static func replacing(_ old: String, _ new: String) -> @Sendable (String) -> String {
        { text in text.replacingOccurrences(of: old, with: new) }
    }

    static let cases: [BrokenFile] = [
        BrokenFile(name: "bad JSON", file: "tools/tool-a.json", code: .badJSON, path: "$", edit: replacing("\"tier\": null,", "\"tier\": null")),
        BrokenFile(
            name: "trailing comma", file: "tools/tool-a.json", code: .badJSON, path: "$", edit: replacing("\"notes\": null", "\"notes\": null,")),
        BrokenFile(
            name: "wrong type", file: "tools/tool-a.json", code: .wrongType, path: "$.terms.environment.sso",
            edit: replacing("\"sso\": true", "\"sso\": \"yes\"")),
        BrokenFile(
            name: "unknown field", file: "tools/tool-a.json", code: .unknownField, path: "$.terms.training.input",
            edit: replacing("\"inputs\": \"never\"", "\"input\": \"never\", \"inputs\": \"never\"")),
        BrokenFile(
            name: "missing field", file: "tools/tool-a.json", code: .missingField, path: "$.terms.training.outputs",
            edit: replacing(",\n      \"outputs\": \"never\"", "")),
        BrokenFile(
            name: "bad enum word", file: "tools/tool-a.json", code: .badValue, path: "$.terms.training.inputs",
            edit: replacing("\"inputs\": \"never\"", "\"inputs\": \"sometimes\"")),
        BrokenFile(
            name: "null where not allowed", file: "tools/tool-a.json", code: .nullNotAllowed, path: "$.name",
            edit: replacing("\"name\": \"Tool tool-a\"", "\"name\": null")),
        BrokenFile(
            name: "bad id", file: "tools/tool-a.json", code: .badID, path: "$.vendor",
            edit: replacing("\"vendor\": \"vendor-a\"", "\"vendor\": \"Vendor A\"")),
        BrokenFile(
            name: "id differs from file name", file: "tools/tool-a.json", code: .idMismatch, path: "$.id",
            edit: replacing("\"id\": \"tool-a\"", "\"id\": \"tool-b\"")),
        BrokenFile(
            name: "dangling vendor", file: "tools/tool-a.json", code: .danglingVendor, path: "$.vendor",
            edit: replacing("\"vendor\": \"vendor-a\"", "\"vendor\": \"nobody\"")),
        BrokenFile(
            name: "bad URL", file: "tools/tool-a.json", code: .badURL, path: "$.evidence[0].url",
            edit: replacing("https://vendor.example/retention", "vendor.example/retention")),
        BrokenFile(
            name: "attestation URL not a URL", file: "tools/tool-a.json", code: .badURL, path: "$.attestationURL",
            edit: replacing("\"attestationURL\": null", "\"attestationURL\": \"vendor.example/a.json\"")),
        BrokenFile(
            name: "bad date", file: "tools/tool-a.json", code: .badDate, path: "$.review.on",
            edit: replacing("\"on\": \"2026-11-20\"", "\"on\": \"2026-02-30\"")),
        BrokenFile(
            name: "next review before review", file: "tools/tool-a.json", code: .badDate, path: "$.review.nextReviewBy",
            edit: replacing("\"nextReviewBy\": \"2027-05-10\"", "\"nextReviewBy\": \"2026-01-01\"")),
        BrokenFile(
            name: "duplicate key", file: "tools/tool-a.json", code: .duplicateKey, path: "$.name",
            edit: replacing("\"name\": \"Tool tool-a\",", "\"name\": \"Tool tool-a\", \"name\": \"Other\",")),
        BrokenFile(
            name: "negative days", file: "tools/tool-a.json", code: .outOfRange, path: "$.terms.retention.vendorRetention[0].days",
            edit: replacing("\"days\": 30", "\"days\": -1")),
        BrokenFile(
            name: "empty categories", file: "tools/tool-a.json", code: .tooFewItems, path: "$.categories",
            edit: replacing("\"categories\": [\"text\"]", "\"categories\": []")),
        BrokenFile(
            name: "vendor source off the vendor's domains", file: "tools/tool-a.json", code: .notVendorSource, path: "$.evidence[0].url",
            edit: replacing("https://vendor.example/retention", "https://news.example/vendor-retention")),
        BrokenFile(
            name: "link shortener", file: "tools/tool-a.json", code: .unacceptableSource, path: "$.evidence[0].url",
            edit: replacing("https://vendor.example/retention", "https://tinyurl.com/retention")),
        BrokenFile(
            name: "copy of a vendor page", file: "tools/tool-a.json", code: .unacceptableSource, path: "$.evidence[1].url",
            edit: replacing("https://vendor.example/training", "https://www.scribd.com/document/1/terms")),
        BrokenFile(
            name: "host with a trailing dot", file: "tools/tool-a.json", code: .unacceptableSource, path: "$.evidence[2].url",
            edit: replacing("https://vendor.example/environment", "https://vendor.example./environment")),
        BrokenFile(
            name: "condition without evidence", file: "tools/tool-a.json", code: .tooFewItems, path: "$.conditions[0].evidence",
            edit: replacing(
                "\"conditions\": []",
                "\"conditions\": [{\"principle\": \"no-store\", \"action\": \"Ask for zero retention.\", \"arrangement\": \"zeroDataRetention\", \"evidence\": []}]"
            )),
        BrokenFile(
            name: "condition naming no arrangement field", file: "tools/tool-a.json", code: .badValue, path: "$.conditions[0].arrangement",
            edit: replacing(
                "\"conditions\": []",
                "\"conditions\": [{\"principle\": \"no-store\", \"action\": \"Ask.\", \"arrangement\": \"zdr\", \"evidence\": [{\"about\": \"retention\", \"url\": \"https://vendor.example/zdr\", \"source\": \"vendor\", \"published\": \"undated\", \"retrieved\": \"2026-11-20\", \"summary\": \"ZDR on request.\", \"quote\": null}]}]"
            )),
        BrokenFile(
            name: "condition source off the vendor's domains", file: "tools/tool-a.json", code: .notVendorSource,
            path: "$.conditions[0].evidence[0].url",
            edit: replacing(
                "\"conditions\": []",
                "\"conditions\": [{\"principle\": \"no-store\", \"action\": \"Ask.\", \"arrangement\": \"zeroDataRetention\", \"evidence\": [{\"about\": \"retention\", \"url\": \"https://blog.example/zdr\", \"source\": \"vendor\", \"published\": \"undated\", \"retrieved\": \"2026-11-20\", \"summary\": \"ZDR on request.\", \"quote\": null}]}]"
            )),
        BrokenFile(
            name: "vendor domain that is a URL", file: "vendors/vendor-a.json", code: .badHost, path: "$.domains[0]",
            edit: replacing("\"vendor.example\"", "\"https://vendor.example\"")),
        BrokenFile(
            name: "selector that cannot be applied", file: "tools/tool-a.json", code: .invalidSelector, path: "$.watch[0].select[1]",
            edit: replacing(
                "\"url\": \"https://vendor.example/terms\"", "\"url\": \"https://vendor.example/terms\", \"select\": [\"main\", \"main >\"]")),
        BrokenFile(
            name: "empty select", file: "tools/tool-a.json", code: .tooFewItems, path: "$.watch[0].select",
            edit: replacing("\"url\": \"https://vendor.example/terms\"", "\"url\": \"https://vendor.example/terms\", \"select\": []")),
        BrokenFile(
            name: "policy wrong type", file: "policy.json", code: .wrongType, path: "$.review.intervalDays",
            edit: replacing("\"intervalDays\": 180", "\"intervalDays\": \"180\"")),
        BrokenFile(
            name: "vendor bad key", file: "vendors/vendor-a.json", code: .badKey, path: "$.keys[0].publicKey",
            edit: replacing(
                "\"keys\": []",
                "\"keys\": [{\"keyid\": \"k1\", \"algorithm\": \"ed25519\", \"publicKey\": \"AAAA\", \"validFrom\": \"2026-01-01T00:00:00Z\", \"validUntil\": null}]"
            )),
        BrokenFile(
            name: "vendor bad timestamp", file: "vendors/vendor-a.json", code: .badDate, path: "$.keys[0].validFrom",
            edit: replacing(
                "\"keys\": []",
                "\"keys\": [{\"keyid\": \"k1\", \"algorithm\": \"ed25519\", \"publicKey\": \"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\", \"validFrom\": \"2026-01-01 00:00\", \"validUntil\": null}]"
            )),
    ]

    func registry() throws -> TestRegistry {
        var record = Fixture.compliant()
        record.review = Review(by: "T", on: Day("2026-11-20") ?? Fixture.today, nextReviewBy: Day("2027-05-10"))
        return try TestRegistry(tools: [record])
    }

    @Test func cleanRegistryHasNoIssues() async throws {
        let r = try registry()
        let snapshot = try RegistrySnapshot.load(r.store)
        #expect(snapshot.issues.isEmpty, "\(snapshot.issues)")
        #expect(snapshot.tools.count == 1)
    }

    @Test(arguments: cases)
    func reportsEachKindOfError(_ c: BrokenFile) async throws {
        let r = try registry()
        let original = try r.text(c.file)
        let broken = c.edit(original)
        try #require(broken != original, "the edit must change the file")
        try r.put(c.file, broken)
        let snapshot = try RegistrySnapshot.load(r.store)
        let match = snapshot.issues.first { $0.code == c.code && $0.path.description == c.path && $0.file.hasSuffix(c.file) }
        #expect(match != nil, "got: \(snapshot.issues.map(\.description))")
        #expect(match?.severity == .error)
        #expect(snapshot.hasErrors)
        #expect(match?.file == r.store.displayPath("\(r.root)/\(c.file)"), "files are named as the store displays them (from the current folder)")
        if c.file.hasPrefix("tools/") {
            // No command may treat the broken record as valid.
            #expect(snapshot.tools["tool-a"] == nil)
            #expect(snapshot.invalidTools.contains("tool-a"))
            #expect(throws: RegistryError.self) { try Lookup(store: r.store, policy: Fixture.policy, today: Fixture.today).verdict(id: "tool-a") }
        }
    }

    @Test func plainHTTPAttestationURLIsAWarning() async throws {
        let r = try registry()
        try r.put(
            "tools/tool-a.json",
            try r.text("tools/tool-a.json").replacingOccurrences(
                of: "\"attestationURL\": null", with: "\"attestationURL\": \"http://vendor.example/a.json\""))
        let snapshot = try RegistrySnapshot.load(r.store)
        #expect(snapshot.issues.map(\.code) == [.plainHTTP])
        #expect(snapshot.issues.first?.severity == .warning)
        #expect(snapshot.tools["tool-a"] != nil)
    }

    @Test func reportsLineNumbers() async throws {
        let r = try registry()
        try r.put("tools/tool-a.json", try r.text("tools/tool-a.json").replacingOccurrences(of: "\"sso\": true", with: "\"sso\": 1"))
        let issue = try #require(try RegistrySnapshot.load(r.store).issues.first { $0.code == .wrongType })
        let expectedLine = try r.text("tools/tool-a.json").split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0.contains("\"sso\"")
        }.map { $0 + 1 }
        #expect(issue.line == expectedLine)
    }

    @Test func duplicateIdsAcrossFilesAreReported() async throws {
        let r = try registry()
        try r.put("tools/tool-b.json", try r.text("tools/tool-a.json"))
        let issues = try RegistrySnapshot.load(r.store).issues
        #expect(issues.contains { $0.code == .duplicateID && $0.file.hasSuffix("tool-a.json") })
        #expect(issues.contains { $0.code == .duplicateID && $0.file.hasSuffix("tool-b.json") })
    }

    @Test func badFileNamesAreReportedNotRead() async throws {
        let r = try registry()
        try r.put("tools/Tool A.json", try r.text("tools/tool-a.json"))
        let issues = try RegistrySnapshot.load(r.store).issues
        #expect(issues.contains { $0.code == .badID && $0.file.hasSuffix("Tool A.json") })
    }

    @Test func unknownFieldSuggestsTheRightOne() async throws {
        let r = try registry()
        try r.put("tools/tool-a.json", try r.text("tools/tool-a.json").replacingOccurrences(of: "\"aliases\"", with: "\"alias\""))
        let issue = try #require(try RegistrySnapshot.load(r.store).issues.first { $0.code == .unknownField })
        #expect(issue.message.contains("did you mean \"aliases\""))
    }

    @Test func canonicalWriterRoundTripsByteForByte() throws {
        let r = try registry()
        let text = try r.text("tools/tool-a.json")
        let (record, issues) = RecordCodec.decode(ToolRecord.self, from: Array(text.utf8), schema: RegistrySchemas.tool, file: "x")
        #expect(issues.isEmpty)
        let decoded = try #require(record)
        #expect(RecordCodec.canonicalText(decoded, schema: RegistrySchemas.tool) == text)
        // Every schema field is written, nulls included, so "not known" stays visible.
        #expect(text.contains("\"arrangement\": null"))
        #expect(text.contains("\"customerControlledStorage\": null"))
    }

    @Test func scaffoldHasEveryFieldAndFailsLintOnlyForBlanks() {
        let scaffold = CanonicalForm.scaffold(RegistrySchemas.tool)
        let issues = SchemaValidator.validate(scaffold, against: RegistrySchemas.tool, file: "new.json")
        #expect(!issues.contains { $0.code == .missingField || $0.code == .unknownField || $0.code == .wrongType })
        #expect(issues.contains { $0.path.description == "$.id" && $0.code == .badID })
    }
}
