import Foundation
import Procurement
import RegistryDomain
import RegistryJSON
import TestSupport
import Testing

/// `report` on the shipped registry, checked the way people and tools read it: the HTML rendered by a real
/// headless Chromium, the CSV parsed back, the Markdown tables counted; and hostile text escaped everywhere.
@Suite struct ReportCLITests {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let shipped = package + "/Registry"
    static let asOf = "2026-11-21"

    /// The shipped tools' verdicts as `list` gives them, the reference every format must agree with.
    static func shippedVerdicts() throws -> [(tool: String, name: String, verdict: String, principles: [String])] {
        let out = try CLIRunner.run(["list", "--format", "json", "--registry", shipped, "--as-of", asOf])
        let rows = try JSONParser.parse(Array(out.stdout.utf8)).value.arrayValue ?? []
        return rows.map { row in
            (
                row["tool"]?.stringValue ?? "", row["name"]?.stringValue ?? "", row["verdict"]?.stringValue ?? "",
                ["no-store", "no-train", "enterprise-secured"].map { row["principles"]?[$0]?["status"]?.stringValue ?? "" }
            )
        }
    }

    func report(_ format: String, registry: String = Self.shipped) throws -> CLIRunner.Result {
        try CLIRunner.run(["report", "--format", format, "--registry", registry, "--as-of", Self.asOf])
    }

    // MARK: HTML in a browser

    /// The DOM Chromium builds from `html` (what a person would see), via `--dump-dom`.
    static func renderedDOM(_ html: String) throws -> String {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let chromium else {
            Issue.record("headless Chromium is not installed: run scripts/ensure-deps.sh (Debian package `chromium`)")
            return ""
        }
        let dir = NSTemporaryDirectory() + "report-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/report.html"
        try html.write(toFile: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(dir)/profile", "--dump-dom", "file://" + file,
        ]
        let out = dir + "/dom.html"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        if done.wait(timeout: .now() + 90) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            done.wait()
            Issue.record("chromium did not finish rendering within 90 s")
        }
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }

    /// Text as the DOM serialiser writes it inside elements.
    static func domText(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    @Test func htmlRendersInChromiumWithEveryToolAndItsVerdictWords() throws {
        let result = try report("html")
        #expect(result.status == 0, "\(result.stderr)")
        let html = result.stdout
        // Self-contained: no scripts, no stylesheets or images fetched, and a policy forbidding them.
        for forbidden in ["<script", "<link", "src=", "@import", "url("] { #expect(!html.contains(forbidden), "\(forbidden)") }
        #expect(html.contains("Content-Security-Policy"))

        let dom = try Self.renderedDOM(html)
        #expect(dom.contains("Verdict matrix"), "Chromium rendered the page")
        #expect(dom.contains("Policy version <strong>2026-12-05</strong>"))
        let matrix = dom.components(separatedBy: "<table class=\"matrix\">").dropFirst().first?.components(separatedBy: "</table>").first ?? ""
        let rows = matrix.components(separatedBy: "<tr>").filter { $0.contains("<th scope=\"row\">") }
        let expected = try Self.shippedVerdicts()
        #expect(rows.count == expected.count, "one matrix row per shipped tool")
        let words = [
            "compliant": "Compliant", "noncompliant": "Noncompliant", "undetermined": "Undetermined",
            "pass": "Pass", "fail": "Fail", "unknown": "Unknown",
        ]
        for tool in expected {
            let row = rows.first { $0.contains("href=\"#tool-\(tool.tool)\"") } ?? ""
            #expect(row.contains(Self.domText(tool.name)), "\(tool.tool): name in the matrix")
            #expect(
                row.contains("class=\"cell v-\(tool.verdict)\"") && row.contains(words[tool.verdict] ?? "?"), "\(tool.tool): verdict colour and word")
            let cells = row.components(separatedBy: "class=\"cell s-").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(cells == tool.principles, "\(tool.tool): principle cells")
            #expect(dom.contains("id=\"tool-\(tool.tool)\""), "\(tool.tool): detail section")
        }
        #expect(dom.contains("href=\"https://developers.openai.com/api/docs/guides/your-data\""), "evidence links")
    }

    @Test func hostileTextIsEscapedInEveryFormat() throws {
        var record = Fixture.compliant(id: "evil-tool")
        record.name = "<script>alert(1)</script> | **bold** & \"quoted\""
        record.tier = "=HYPERLINK(\"http://x\",\"click\")"
        record.notes = "<img src=x onerror=alert(1)>"
        let r = try TestRegistry(tools: [record])

        let html = try report("html", registry: r.root).stdout
        #expect(!html.contains("<script>alert") && !html.contains("<img src=x"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let dom = try Self.renderedDOM(html)
        #expect(!dom.contains("<script") && !dom.contains("<img"), "nothing injected into the rendered page")
        #expect(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "shown as text")

        let markdown = try report("markdown", registry: r.root).stdout
        #expect(Self.tableProblems(markdown).isEmpty, "\(Self.tableProblems(markdown))")
        #expect(markdown.contains("\\<script\\>") && !markdown.contains("<script>"))

        let csv = try Self.parseCSV(try report("csv", registry: r.root).stdout)
        #expect(csv.count == 2)
        #expect(csv[1][1] == record.name, "the name round-trips exactly")
        #expect(csv[1][4] == "'" + (record.tier ?? ""), "a formula is defused")
    }

    // MARK: CSV

    /// An RFC 4180 parser: fields separated by commas, records by CRLF, quoted fields may hold commas,
    /// CR/LF and doubled quotes. Throws on a malformed file.
    static func parseCSV(_ text: String) throws -> [[String]] {
        struct Malformed: Error, CustomStringConvertible { var description: String }
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var chars = Array(text.unicodeScalars)[...]
        var quoted = false, wasQuoted = false
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" {
                        field.unicodeScalars.append("\"")
                        chars.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty, !wasQuoted else { throw Malformed(description: "quote inside an unquoted field: \(field)") }
                quoted = true
                wasQuoted = true
            case ",":
                record.append(field)
                field = ""
                wasQuoted = false
            case "\r":
                guard chars.popFirst() == "\n" else { throw Malformed(description: "CR without LF") }
                record.append(field)
                records.append(record)
                record = []
                field = ""
                wasQuoted = false
            case "\n":
                throw Malformed(description: "bare LF ends a record (RFC 4180 wants CRLF)")
            default:
                guard !wasQuoted else { throw Malformed(description: "text after a closing quote") }
                field.unicodeScalars.append(c)
            }
        }
        guard !quoted else { throw Malformed(description: "unterminated quoted field") }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }

    @Test func csvParsesBackWithOneRowPerTool() throws {
        let result = try report("csv")
        #expect(result.status == 0)
        let rows = try Self.parseCSV(result.stdout)
        let expected = try Self.shippedVerdicts()
        #expect(rows.first == CSVReport.columns)
        #expect(rows.count == expected.count + 1)
        #expect(rows.allSatisfy { $0.count == CSVReport.columns.count }, "same number of fields on every row")
        // The report lists tools by name (case-insensitive), list by id.
        let byName = expected.sorted { ($0.name.lowercased(), $0.tool) < ($1.name.lowercased(), $1.tool) }
        for (row, tool) in zip(rows.dropFirst(), byName) {
            #expect(row[0] == tool.tool && row[1] == tool.name && row[6] == tool.verdict, "\(tool.tool)")
            #expect(Array(row[7...9]) == tool.principles, "\(tool.tool)")
        }
        #expect(rows.contains { $0.contains { $0.contains(",") } }, "the shipped data does exercise quoting")
    }

    // MARK: Markdown

    /// Problems with every GFM table in `markdown`: a row whose cell count differs from its header's,
    /// or a header without its delimiter row. Escaped pipes (`\|`) do not split cells.
    static func tableProblems(_ markdown: String) -> [String] {
        var problems: [String] = []
        let lines = markdown.components(separatedBy: "\n")
        var columns: Int?
        for (i, line) in lines.enumerated() {
            guard line.hasPrefix("|") else {
                columns = nil
                continue
            }
            var cells = 0, escaped = false
            for c in line {
                if escaped {
                    escaped = false
                    continue
                }
                if c == "\\" { escaped = true } else if c == "|" { cells += 1 }
            }
            cells -= 1
            if let expected = columns {
                if cells != expected { problems.append("line \(i + 1): \(cells) cells, header has \(expected)") }
            } else {
                columns = cells
                let delimiter = i + 1 < lines.count ? lines[i + 1] : ""
                let parts = delimiter.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count != cells || !parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { "-:".contains($0) } }) {
                    problems.append("line \(i + 2): not a delimiter row for \(cells) columns")
                }
            }
        }
        return problems
    }

    @Test func markdownTablesAreWellFormed() throws {
        let result = try report("markdown")
        #expect(result.status == 0)
        #expect(Self.tableProblems(result.stdout).isEmpty, "\(Self.tableProblems(result.stdout))")
        let expected = try Self.shippedVerdicts()
        let rows = result.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("| [") }
        #expect(rows.count == expected.count)
        for tool in expected {
            let row = rows.first { $0.contains("`\(tool.tool)`") } ?? ""
            #expect(
                row.contains("**\(tool.verdict == "compliant" ? "🟢" : tool.verdict == "noncompliant" ? "🔴" : "🟡") \(tool.verdict)**"), "\(tool.tool)")
        }
    }

    @Test func outWritesTheFileAndBadInputExitsWithTheSpecCode() throws {
        let dir = NSTemporaryDirectory() + "report-out-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let written = try CLIRunner.run(["report", "--format", "csv", "--registry", Self.shipped, "--as-of", Self.asOf, "--out", dir + "/r.csv"])
        #expect(written.status == 0 && written.stdout.isEmpty)
        #expect(try String(contentsOfFile: dir + "/r.csv", encoding: .utf8) == (try report("csv").stdout))
        #expect(try CLIRunner.run(["report", "--format", "pdf", "--registry", Self.shipped]).status == 64)
        #expect(try CLIRunner.run(["report", "--as-of", "soon", "--registry", Self.shipped]).status == 64)
        #expect(try CLIRunner.run(["report", "--registry", Self.shipped, "--out", dir + "/missing/r.html"]).status == 74)

        let r = try TestRegistry(tools: [Fixture.compliant(), Fixture.compliant(id: "tool-b")])
        try r.put("tools/tool-b.json", "{ \"id\": ")
        let broken = try CLIRunner.run(["report", "--format", "csv", "--registry", r.root, "--as-of", Self.asOf])
        #expect(broken.status == 65)
        #expect(try Self.parseCSV(broken.stdout).last?[6] == "invalid", "an invalid record is listed, never judged")
    }

    // MARK: docs/catalogue.md

    @Test func committedCatalogueIsUpToDate() throws {
        let path = Self.package + "/docs/catalogue.md"
        let committed = try String(contentsOfFile: path, encoding: .utf8)
        let marker = "--as-of "
        guard let range = committed.range(of: marker) else {
            Issue.record("docs/catalogue.md does not say which --as-of day it was generated for")
            return
        }
        let day = String(committed[range.upperBound...].prefix(10))
        let fresh = try CLIRunner.run(["report", "--format", "markdown", "--as-of", day, "--registry", Self.shipped])
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(
            fresh.stdout == committed,
            """
            docs/catalogue.md is out of date with the registry. Regenerate it with:
              swift run genai-registry report --format markdown --as-of \(day) --registry Registry --out docs/catalogue.md
            (use a later --as-of to re-date it) and commit the result.
            """)
    }
}
