import Foundation
import RegistryDomain
import RegistryJSON
import RegistryStorage
import TestSupport
import Testing

/// `show TOOL --history` end to end, inside and outside a git repository.
@Suite struct HistoryCLITests {
    func git(_ dir: String, _ args: [String], date: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", dir] + args
        var env = ProcessInfo.processInfo.environment
        for key in ["GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"] { env[key] = "Procurement Bot" }
        for key in ["GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"] { env[key] = "bot@studio.example" }
        for key in ["GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"] { env[key] = date }
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["HOME"] = dir
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(args)")
    }

    @Test func outsideGitSaysSoPlainly() throws {
        let r = try TestRegistry()
        let text = try CLIRunner.run(["show", "tool-a", "--history", "--registry", r.root, "--as-of", Fixture.today.description])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("is not in a git repository"))
        #expect(text.stdout.contains("No refresh recorded"))
        let json = try JSONParser.parse(
            Array(
                try CLIRunner.run([
                    "show", "tool-a", "--history", "--format", "json", "--registry", r.root,
                    "--as-of", Fixture.today.description,
                ]).stdout.utf8)
        ).value
        #expect(json["history"]?["git"]?["available"] == .bool(false))
        #expect(json["verdict"]?["verdict"]?.stringValue == "compliant")
    }

    @Test func insideGitListsVersionsAndSinceWhenCompliant() throws {
        let r = try TestRegistry()
        let top = FileIO.parentDirectory(of: r.root)
        try git(top, ["init", "-q"], date: "2026-11-20T10:00:00Z")
        try git(top, ["add", "."], date: "2026-11-20T10:00:00Z")
        try git(top, ["commit", "-q", "-m", "Add tool-a"], date: "2026-11-20T10:00:00Z")
        let args = ["show", "tool-a", "--history", "--registry", r.root, "--as-of", Fixture.today.description]
        let text = try CLIRunner.run(args)
        #expect(text.status == 0)
        #expect(text.stdout.contains("Compliant in every committed version since 2026-11-20"))
        #expect(text.stdout.contains("reviewed by Tester on \(Fixture.today.adding(days: -1))"))
        let json = try JSONParser.parse(Array(try CLIRunner.run(args + ["--format", "json"]).stdout.utf8)).value
        #expect(json["history"]?["git"]?["compliantSince"]?.stringValue == "2026-11-20")
        let versions = json["history"]?["git"]?["versions"]?.arrayValue ?? []
        #expect(versions.count == 1 && versions.first?["author"]?.stringValue == "Procurement Bot")
        #expect(versions.first?["reviewedBy"]?.stringValue == "Tester")
        #expect(versions.first?["policyOnly"] == .bool(false))
    }

    @Test func oneVersionReadsAsOne() throws {
        var record = Fixture.compliant(id: "tool-a")
        record.terms.training = Training(inputs: .optOut, outputs: .optOut)
        let r = try TestRegistry(tools: [record])
        let top = FileIO.parentDirectory(of: r.root)
        try git(top, ["init", "-q"], date: "2026-11-20T10:00:00Z")
        try git(top, ["add", "."], date: "2026-11-20T10:00:00Z")
        try git(top, ["commit", "-q", "-m", "Add tool-a"], date: "2026-11-20T10:00:00Z")
        let text = try CLIRunner.run(["show", "tool-a", "--history", "--registry", r.root, "--as-of", Fixture.today.description])
        #expect(text.stdout.contains("Never compliant in its one committed version."), "\(text.stdout)")
        #expect(!text.stdout.contains("any of its 1 committed"))
    }
}
