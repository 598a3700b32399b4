import ArgumentParser
import CommandLineSupport
import FoundationEssentials
import Procurement
import RegistryJSON
import RegistryStorage

/// The formats `report` writes.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case html, markdown, csv
}

extension GenAIRegistryCommand {
    /// `report`: an export of every verdict for procurement and legal.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Export every tool's verdict for procurement and legal: HTML, Markdown or CSV.",
            discussion: """
                HTML is one self-contained file (no scripts, no external requests): the verdict matrix, \
                colour-coded with a word in every cell, then each tool's reasons and evidence links, with \
                the policy version and the day evaluated. Markdown has the same matrix as a GFM table; CSV \
                (RFC 4180) has one row per tool. Output is deterministic for a registry and --as-of day.

                Example: genai-registry report --format markdown --as-of 2026-11-21 --out docs/catalogue.md

                Exit: 0 written, 65 when the policy or any record is invalid (invalid records are still \
                listed, never judged), 74 I/O error.
                """)

        @Option(name: .long, help: ArgumentHelp("The registry folder (default: ./Registry, else the shipped one).", valueName: "dir"))
        var registry: String?

        @Option(help: "html, markdown or csv.")
        var format: ReportFormat = .html

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Evaluate as of this day (YYYY-MM-DD) instead of today.", valueName: "date"))
        var asOf: String?

        @Option(help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
        var out: String?

        func run() throws {
            // Reuse the shared registry and date handling; `--format` here means the export format instead.
            let options: GlobalOptions
            do {
                options = try GlobalOptions.parse((registry.map { ["--registry", $0] } ?? []) + (asOf.map { ["--as-of", $0] } ?? []))
            } catch {
                Console.error(GlobalOptions.message(for: error))
                throw ExitCode(ExitStatus.usage)
            }
            let store = try options.store()
            let snapshot: RegistrySnapshot
            do { snapshot = try RegistrySnapshot.load(store) } catch { throw ExitCode(ExitStatus.report(error)) }
            guard let policy = snapshot.policy else {
                throw ExitCode(ExitStatus.report(.invalid(snapshot.issues.filter { $0.file == store.displayPath(store.policyPath) })))
            }
            let report = ProcurementReport.build(store: store, snapshot: snapshot, policy: policy, today: options.today, now: options.now)
            let text: String
            switch format {
            case .html: text = HTMLReport.render(report)
            case .markdown: text = MarkdownReport.render(report, command: "genai-registry report --format markdown --as-of \(report.asOf)")
            case .csv: text = CSVReport.render(report)
            }
            if let out {
                do { try FileIO.writeAtomically(Array(text.utf8), to: out) } catch {
                    Console.error(error.description)
                    throw ExitCode(ExitStatus.ioError)
                }
                Console.writeAll(
                    "Wrote \(out): \(report.countsLine) (policy \(report.policyVersion), as of \(report.asOf)).\n", to: Console.standardError)
            } else {
                Console.writeAll(text, to: Console.standardOutput)
            }
            if !report.invalid.isEmpty {
                Console.error(
                    "\(report.invalid.count) invalid record\(report.invalid.count == 1 ? "" : "s") listed without a verdict; run `genai-registry lint`"
                )
                throw ExitCode(ExitStatus.invalidData)
            }
        }
    }
}
