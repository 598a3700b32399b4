import Foundation
import RegistryDomain
import RegistryJSON
import RegistryStorage
import TestSupport
import Testing

/// End to end: the built binary on registries made for the test, asserting output and exit codes.
@Suite struct CLITests {
    /// A registry with one tool of each verdict, sharing the `video` category, plus an ambiguous pair.
    func registry() throws -> TestRegistry {
        var good = Fixture.compliant(id: "acme-video-enterprise", vendor: "acme", categories: [.video, .image])
        good.name = "Acme Video Enterprise"
        good.aliases = ["Acme for Studios"]
        var bad = Fixture.compliant(id: "acme-video-free", vendor: "acme", categories: [.video])
        bad.name = "Acme Video Free"
        bad.terms.training = Training(inputs: .optOut, outputs: .optOut)
        var open = Fixture.compliant(id: "mystery-tool", vendor: "acme", categories: [.audio])
        open.name = "Mystery Tool"
        open.terms.retention.vendorRetention = nil
        return try TestRegistry(tools: [good, bad, open], vendors: [Fixture.vendor("acme")])
    }

    func run(_ r: TestRegistry, _ args: [String], env: [String: String] = [:]) throws -> CLIRunner.Result {
        try CLIRunner.run(args + ["--registry", r.root, "--as-of", Fixture.today.description], environment: env)
    }

    @Test func compliantExitsZeroWithReasonsAndEvidence() throws {
        let r = try registry()
        let result = try run(r, ["check", "acme-video-enterprise"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("COMPLIANT"))
        #expect(result.stdout.contains("no-train"))
        #expect(result.stdout.contains("source: https://vendor.example/training"))
        #expect(!result.stdout.contains("\u{1B}["), "no colour when not on a terminal")
    }

    @Test func noncompliantExitsOneAndSuggestsAlternatives() throws {
        let r = try registry()
        let result = try run(r, ["check", "acme video free"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("NOT COMPLIANT"))
        #expect(result.stdout.contains("unless the customer opts out"))
        #expect(result.stdout.contains("Alternatives") && result.stdout.contains("acme-video-enterprise"))
    }

    @Test func undeterminedExitsTwo() throws {
        let r = try registry()
        let result = try run(r, ["check", "MYSTERY TOOL"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("UNDETERMINED"))
    }

    @Test func unknownToolExitsThreeWithSuggestion() throws {
        let r = try registry()
        let result = try run(r, ["check", "acme vidoe enterprise"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("did you mean acme-video-enterprise"))
    }

    @Test func aToolNotInTheRegistryIsNotApprovedAndNamesTheContact() throws {
        let r = try registry()
        var policy = Fixture.policy
        policy.procurementContact = "buyer@studio.example"
        try r.store.write(policy, schema: RegistrySchemas.policy, to: r.store.policyPath)
        let result = try run(r, ["check", "Brand New Generator"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("\"Brand New Generator\" is not in the registry, so it is not approved"))
        #expect(result.stderr.contains("ask buyer@studio.example"))
        let assess = try run(r, ["assess", "Brand New Generator", "--use", "final-deliverable"])
        #expect(assess.status == 3)
        #expect(assess.stderr.contains("ask buyer@studio.example"))
    }

    @Test(arguments: [
        "AcmeVideoEnterprise", "acme-video enterprise", "Acme.Video.Enterprise", "acme forstudios",
        "Acme Video Enterprise 2", "acme video enterprise v3.1", "Acme for Studios 4o",
    ])
    func spacesHyphensAndPunctuationDoNotMatter(query: String) throws {
        let r = try registry()
        let result = try run(r, ["check", query, "--format", "json"])
        #expect(result.status == 0, "\(query): \(result.stderr)")
    }

    @Test func aVersionAfterAnUnknownNameIsStillUnknown() throws {
        let r = try registry()
        let result = try run(r, ["check", "Brand New Generator 3"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("\"Brand New Generator 3\" is not in the registry"))
    }

    @Test func checkSaysWhatWouldMakeItCompliant() throws {
        var record = Fixture.compliant(id: "acme-api", vendor: "acme")
        record.terms.retention.vendorRetention = [RetentionUse(purpose: .serviceOperation, days: nil)]
        record.conditions = [
            Condition(
                principle: .noStore, action: "Have zero data retention enabled.", arrangement: .zeroDataRetention,
                evidence: [Fixture.evidence(.retention)])
        ]
        let r = try TestRegistry(tools: [record], vendors: [Fixture.vendor("acme")])
        let text = try run(r, ["check", "acme-api"])
        #expect(text.status == 1)
        #expect(text.stdout.contains("Compliant once"))
        #expect(text.stdout.contains("Have zero data retention enabled. [no-store]"))
        let json = try JSONParser.parse(Array(try run(r, ["check", "acme-api", "--format", "json"]).stdout.utf8)).value
        #expect(json["compliantOnceConditionsMet"]?.boolValue == true)
        let condition = json["conditions"]?.arrayValue?.first
        #expect(condition?["met"]?.boolValue == false)
        #expect(condition?["principle"]?.stringValue == "no-store")

        record.arrangement = Arrangement(zeroDataRetention: true, reference: "MSA-7")
        try r.store.write(record, schema: RegistrySchemas.tool, to: r.store.toolPath("acme-api"))
        let met = try run(r, ["check", "acme-api"])
        #expect(met.status == 0)
        #expect(met.stdout.contains("arrangement MSA-7"))
        #expect(!met.stdout.contains("Compliant once"))
    }

    @Test func ambiguousNameListsTheChoicesAndExitsThree() throws {
        let r = try registry()
        let result = try run(r, ["check", "acme video"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("acme-video-free") && result.stderr.contains("acme-video-enterprise"))
    }

    @Test func aliasFindsTheTool() throws {
        let r = try registry()
        #expect(try run(r, ["check", "acme FOR studios"]).status == 0)
    }

    @Test func jsonKeepsTheContractKeys() throws {
        let r = try registry()
        let result = try run(r, ["check", "acme-video-free", "--format", "json"])
        #expect(result.status == 1)
        let json = try JSONParser.parse(Array(result.stdout.utf8)).value
        #expect(json["tool"]?.stringValue == "acme-video-free")
        #expect(json["name"]?.stringValue == "Acme Video Free")
        #expect(json["vendor"]?.stringValue == "acme")
        #expect(json["verdict"]?.stringValue == "noncompliant")
        for p in ["no-store", "no-train", "enterprise-secured"] {
            let principle = json["principles"]?[p]
            #expect(principle?["status"]?.stringValue != nil, "\(p)")
            #expect(principle?["reasons"]?.arrayValue?.first?["code"]?.stringValue != nil, "\(p)")
            #expect(principle?["evidence"]?.arrayValue != nil, "\(p)")
        }
        #expect(json["principles"]?["no-train"]?["status"]?.stringValue == "fail")
        #expect(json["attestation"]?["status"]?.stringValue == "none")
        #expect(json["alternatives"]?.arrayValue == [.string("acme-video-enterprise")])
    }

    @Test func severalToolsGiveAnArrayAndTheWorstExitCode() throws {
        let r = try registry()
        let result = try run(r, ["check", "acme-video-enterprise", "mystery-tool", "--format", "json"])
        #expect(result.status == 2)
        #expect(try JSONParser.parse(Array(result.stdout.utf8)).value.arrayValue?.count == 2)
        #expect(try run(r, ["check", "acme-video-enterprise", "acme-video-free", "mystery-tool"]).status == 1)
        #expect(try run(r, ["check", "acme-video-enterprise", "nope-nothing"]).status == 3)
    }

    @Test func assessDecisionsAndExitCodes() throws {
        let r = try registry()
        let proceed = try run(r, ["assess", "acme-video-enterprise"])
        #expect(proceed.status == 0)
        #expect(proceed.stdout.contains("PROCEED"))
        let approval = try run(r, ["assess", "acme-video-enterprise", "--use", "final-deliverable,talent-likeness", "--format", "json"])
        #expect(approval.status == 2)
        let json = try JSONParser.parse(Array(approval.stdout.utf8)).value
        #expect(json["decision"]?.stringValue == "written-approval-required")
        #expect(json["check"]?["verdict"]?.stringValue == "compliant")
        #expect(json["reasons"]?.arrayValue?.compactMap { $0["code"]?.stringValue }.contains("talent-likeness") == true)
        let refused = try run(r, ["assess", "acme-video-free", "--use", "final-deliverable"])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("NOT PERMITTED") && refused.stdout.contains("acme-video-enterprise"))
    }

    @Test func usageErrorsExit64() throws {
        let r = try registry()
        let badUse = try run(r, ["assess", "acme-video-enterprise", "--use", "sneaky"])
        #expect(badUse.status == 64)
        #expect(badUse.stderr.contains("final-deliverable"))
        #expect(try CLIRunner.run(["check", "x", "--as-of", "yesterday"]).status == 64)
        #expect(try CLIRunner.run(["frobnicate"]).status == 64)
        #expect(try CLIRunner.run(["check"]).status == 64)
    }

    @Test func missingRegistryExits74() throws {
        let result = try CLIRunner.run(["check", "x", "--registry", "/nonexistent/registry"])
        #expect(result.status == 74)
        #expect(result.stderr.contains("/nonexistent/registry"))
    }

    @Test func brokenRecordIsNeverTreatedAsPassing() throws {
        let r = try registry()
        try r.put(
            "tools/acme-video-enterprise.json",
            try r.text("tools/acme-video-enterprise.json").replacingOccurrences(of: "\"sso\": true", with: "\"sso\": \"true\""))
        let check = try run(r, ["check", "acme-video-enterprise"])
        #expect(check.status == 65)
        #expect(check.stderr.contains("$.terms.environment.sso"))
        #expect(!check.stdout.contains("COMPLIANT"))
        #expect(try run(r, ["assess", "acme-video-enterprise"]).status == 65)
        #expect(try run(r, ["show", "acme-video-enterprise"]).status == 65)
        let list = try run(r, ["list", "--format", "json"])
        #expect(list.status == 65)
        let broken = try JSONParser.parse(Array(list.stdout.utf8)).value.arrayValue?.first { $0["tool"]?.stringValue == "acme-video-enterprise" }
        #expect(broken?["verdict"]?.stringValue == "invalid")
        // It is no longer offered as an alternative either.
        #expect(!(try run(r, ["check", "acme-video-free"]).stdout.contains("acme-video-enterprise")))
    }

    @Test func lintReportsFilePathAndExits65() throws {
        let r = try registry()
        try r.put(
            "tools/mystery-tool.json",
            try r.text("tools/mystery-tool.json").replacingOccurrences(of: "\"vendor\": \"acme\"", with: "\"vendor\": \"ghost\""))
        let result = try run(r, ["lint"])
        #expect(result.status == 65)
        #expect(result.stdout.contains("Registry/tools/mystery-tool.json"))
        #expect(result.stdout.contains("$.vendor"))
        #expect(result.stdout.contains("[dangling-vendor]"))
        let json = try JSONParser.parse(Array(try run(r, ["lint", "--format", "json"]).stdout.utf8)).value
        #expect(json["ok"] == .bool(false))
        #expect(json["errors"]?.intValue == 1)
    }

    @Test func lintPassesOnAGoodRegistry() throws {
        let r = try registry()
        let result = try run(r, ["lint"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("OK"))
    }

    @Test func listFiltersByVerdictCategoryAndVendor() throws {
        let r = try registry()
        func ids(_ extra: [String]) throws -> [String] {
            let out = try run(r, ["list", "--format", "json"] + extra)
            return try JSONParser.parse(Array(out.stdout.utf8)).value.arrayValue?.compactMap { $0["tool"]?.stringValue } ?? []
        }
        #expect(try ids([]) == ["acme-video-enterprise", "acme-video-free", "mystery-tool"])
        #expect(try ids(["--verdict", "compliant"]) == ["acme-video-enterprise"])
        #expect(try ids(["--category", "audio"]) == ["mystery-tool"])
        #expect(try ids(["--vendor", "nobody"]) == [])
        #expect(try run(r, ["list", "--category", "smell"]).status == 64)
    }

    @Test func checkAndAssessGiveTheSameNextStepForAnUndeterminedTool() throws {
        let r = try registry()
        let check = try run(r, ["check", "mystery-tool"])
        let assess = try run(r, ["assess", "mystery-tool"])
        #expect(check.status == 2 && assess.status == 2)
        let step = "procurement must review it; until then, use it only with written approval from your studio contact"
        #expect(check.stdout.contains(step), "\(check.stdout)")
        // assess wraps its reasons: compare with the line breaks undone.
        let assessText = assess.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(assessText.contains(step), "\(assess.stdout)")
        #expect(assess.stdout.contains("WRITTEN APPROVAL REQUIRED"))
    }

    @Test func assessListsNoPositiveLineAmongTheReasonsForApproval() throws {
        let r = try registry()
        let assess = try run(r, ["assess", "acme-video-enterprise", "--use", "final-deliverable"])
        #expect(assess.status == 2)
        let reasons = assess.stdout.split(separator: "\n").filter { $0.hasPrefix("  - ") }
        #expect(reasons.count == 1, "\(assess.stdout)")
        #expect(!reasons.contains { $0.contains("meets every principle") }, "\(assess.stdout)")
        // A compliant tool without a sensitive use still says why it may proceed.
        let proceed = try run(r, ["assess", "acme-video-enterprise"])
        #expect(proceed.status == 0)
        #expect(proceed.stdout.contains("  - Acme Video Enterprise meets every principle the policy requires."), "\(proceed.stdout)")
    }

    @Test func pathsPrintRelativeToTheCurrentFolder() throws {
        let r = try registry()
        try r.put(
            "tools/mystery-tool.json",
            try r.text("tools/mystery-tool.json").replacingOccurrences(of: "\"vendor\": \"acme\"", with: "\"vendor\": \"ghost\""))
        let registryParent = URL(fileURLWithPath: r.root).deletingLastPathComponent()
        let temporary = registryParent.deletingLastPathComponent().path
        let folder = registryParent.lastPathComponent
        // From the registry's grandparent, with the registry named absolutely: a path that opens from there.
        let above = try CLIRunner.run(["lint", "--registry", r.root], in: temporary)
        #expect(above.stdout.contains("\(folder)/Registry/tools/mystery-tool.json:"), "\(above.stdout)")
        // From a folder outside the registry: the absolute path.
        let outside = try CLIRunner.run(["lint", "--registry", r.root], in: "/proc")
        #expect(outside.stdout.contains("\(r.root)/tools/mystery-tool.json:"), "\(outside.stdout)")
        // Named relatively: as named.
        let relative = try CLIRunner.run(["lint", "--registry", "\(folder)/Registry"], in: temporary)
        #expect(relative.stdout.contains("\(folder)/Registry/tools/mystery-tool.json:"), "\(relative.stdout)")
        let review = try CLIRunner.run(["review", "--registry", r.root, "--as-of", Fixture.today.description], in: temporary)
        #expect(review.stdout.contains("\(folder)/Registry/tools/mystery-tool.json"), "\(review.stdout)")
    }

    @Test func countsReadInTheRightNumber() throws {
        let r = try registry()
        let one = try run(r, ["list", "--category", "audio"])
        #expect(one.stdout.contains("1 tool: 0 compliant, 0 noncompliant, 1 undetermined"), "\(one.stdout)")
        #expect(!one.stdout.contains("1 tools"))
        #expect(try run(r, ["list"]).stdout.contains("3 tools: "))
    }

    @Test func showKeepsEveryValueInItsColumn() throws {
        let r = try registry()
        let show = try run(r, ["show", "acme-video-enterprise"])
        let lines = show.stdout.split(separator: "\n").map(String.init)
        // Where each row's value starts, after its label and at least two spaces.
        let starts = try ["Public by default", "Customer-controlled storage", "SSO"].map { label -> Int in
            let row = try #require(lines.first { $0.hasPrefix("  " + label + " ") }, "\(label): \(show.stdout)")
            let spaces = row.dropFirst(2 + label.count).prefix { $0 == " " }.count
            #expect(spaces >= 2, "\(row)")
            return 2 + label.count + spaces
        }
        #expect(Set(starts).count == 1, "\(starts)")
    }

    @Test func reportAndPageListToolsByName() throws {
        // Ids in one order, names in the other.
        var first = Fixture.compliant(id: "zz-claude-api", vendor: "acme")
        first.name = "Claude API"
        var second = Fixture.compliant(id: "aa-studio", vendor: "acme")
        second.name = "Studio Flow"
        var third = Fixture.compliant(id: "mm-autodesk", vendor: "acme")
        third.name = "autodesk Flow"
        let r = try TestRegistry(tools: [first, second, third], vendors: [Fixture.vendor("acme")])
        let byName = ["mm-autodesk", "zz-claude-api", "aa-studio"]
        func order(_ text: String) -> [String] {
            byName.sorted { text.range(of: $0)!.lowerBound < text.range(of: $1)!.lowerBound }
        }
        let csv = try run(r, ["report", "--format", "csv"])
        #expect(order(csv.stdout) == byName, "\(csv.stdout)")
        let markdown = try run(r, ["report", "--format", "markdown"])
        #expect(order(markdown.stdout) == byName)
        let out = NSTemporaryDirectory() + "publish-order-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let publish = try run(r, ["publish", out])
        #expect(publish.status == 0, "\(publish.stderr)")
        #expect(publish.stdout.contains("published 3 tools"), "\(publish.stdout)")
        let page = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        let cards = page.components(separatedBy: "<ul id=\"results\"").last ?? ""
        #expect(order(cards) == byName, "cards by name")
        let options = page.components(separatedBy: "<select id=\"ask-tool\"").last ?? ""
        #expect(order(options) == byName, "the form's tools by name")
    }

    @Test func listShowsInvalidRecordsWhateverTheFiltersAndExits65() throws {
        let r = try registry()
        try r.put(
            "tools/acme-video-free.json",
            try r.text("tools/acme-video-free.json").replacingOccurrences(of: "\"sso\": true", with: "\"sso\": \"true\""))
        for filters in [[], ["--verdict", "compliant"], ["--category", "audio"], ["--vendor", "acme"]] {
            let text = try run(r, ["list"] + filters)
            #expect(text.status == 65, "\(filters): \(text.stdout)")
            #expect(text.stdout.contains("acme-video-free") && text.stdout.contains("invalid"), "\(filters): \(text.stdout)")
        }
        let all = try run(r, ["list"])
        #expect(all.stdout.contains("acme-video-enterprise"), "the rest are listed")
    }

    @Test func listRefusesAVerdictToToolsOfABrokenVendorFile() throws {
        let r = try registry()
        try r.put("vendors/acme.json", try r.text("vendors/acme.json").replacingOccurrences(of: "\"name\": ", with: "\"name\": 5, \"oops\": "))
        #expect(try run(r, ["check", "acme-video-enterprise"]).status == 65, "check refuses it")
        let list = try run(r, ["list", "--format", "json"])
        #expect(list.status == 65, "\(list.stdout)")
        let rows = try JSONParser.parse(Array(list.stdout.utf8)).value.arrayValue ?? []
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0["verdict"]?.stringValue == "invalid" }, "\(list.stdout)")
    }

    @Test func showPrintsTheWholeRecord() throws {
        let r = try registry()
        let text = try run(r, ["show", "acme-video-enterprise"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Watched documents") && text.stdout.contains("https://vendor.example/terms"))
        let json = try JSONParser.parse(Array(try run(r, ["show", "acme-video-enterprise", "--format", "json"]).stdout.utf8)).value
        #expect(json["record"]?["id"]?.stringValue == "acme-video-enterprise")
        #expect(json["verdict"]?["verdict"]?.stringValue == "compliant")
    }

    @Test func staleAsOfLaterDate() throws {
        let r = try registry()
        let result = try CLIRunner.run([
            "check", "acme-video-enterprise", "--registry", r.root, "--as-of", Fixture.today.adding(days: 400).description,
        ])
        #expect(result.status == 2)
        #expect(result.stdout.contains("More than") || result.stdout.contains("more than") || result.stdout.contains("due for review"))
    }

    @Test func helpExplainsExitCodes() throws {
        let result = try CLIRunner.run(["check", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Exit: 0 compliant"))
    }
}
