import Foundation
import RegistryJSON
import RegistryStorage
import Testing

/// The docs list exactly the lint issue codes and refresh statuses that exist: every one documented, none
/// documented that does not exist.
@Suite struct DocumentedCodesTests {
    /// The rows of the first table under `heading` in docs/`page`: the word in backticks of the first cell,
    /// and the other cells.
    static func table(_ page: String, under heading: String) throws -> [(word: String, cells: [String])] {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let text = try String(contentsOf: url.appendingPathComponent("docs/\(page)"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: heading), "docs/\(page) has no heading \"\(heading)\"")
        var rows: [(String, [String])] = []
        for line in lines[(start + 1)...] {
            if line.hasPrefix("#") { break }
            if !rows.isEmpty, !line.hasPrefix("|") { break }
            guard line.hasPrefix("| `") else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let first = cells.first ?? ""
            // One code per row, alone in its cell, so the list can be compared word for word.
            try #require(
                first.hasPrefix("`") && first.hasSuffix("`") && first.filter { $0 == "`" }.count == 2,
                "docs/\(page): a row's first cell must be one code in backticks: \(line)")
            rows.append((String(first.dropFirst().dropLast()), Array(cells.dropFirst())))
        }
        try #require(!rows.isEmpty, "docs/\(page): no table under \"\(heading)\"")
        return rows
    }

    @Test func recordFormatListsEveryLintIssueCode() throws {
        let documented = try Self.table("record-format.md", under: "## Lint issue codes").map(\.word)
        #expect(documented.count == Set(documented).count, "listed twice: \(documented.filter { w in documented.filter { $0 == w }.count > 1 })")
        let existing = Set(IssueCode.all.map(\.rawValue))
        #expect(existing.subtracting(documented).sorted() == [], "codes docs/record-format.md does not list")
        #expect(Set(documented).subtracting(existing).sorted() == [], "codes docs/record-format.md lists that do not exist")
    }

    @Test func refreshDocsListEveryStatusAndWhetherItFailed() throws {
        let rows = try Self.table("refresh.md", under: "## Item statuses")
        let documented = rows.map(\.word)
        #expect(documented.count == Set(documented).count, "listed twice: \(documented.filter { w in documented.filter { $0 == w }.count > 1 })")
        // `http(_)` is one row: its number varies.
        let existing = Set(RefreshStatus.all.map(\.rawValue)).union(["http-NNN"])
        #expect(existing.subtracting(documented).sorted() == [], "statuses docs/refresh.md does not list")
        #expect(Set(documented).subtracting(existing).sorted() == [], "statuses docs/refresh.md lists that do not exist")
        for (word, cells) in rows {
            guard let status = word == "http-NNN" ? .http(404) : RefreshStatus(rawValue: word) else { continue }
            #expect(cells.first == (status.failed ? "yes" : "no"), "docs/refresh.md: the \"failed\" cell of \(word)")
        }
    }
}
