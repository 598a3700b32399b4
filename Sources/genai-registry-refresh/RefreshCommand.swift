import ArgumentParser
import CommandLineSupport
import CurlTransport
import Glibc
import RegistryJSON
import RegistryRefresh
import RegistryStorage
import Synchronization

/// `genai-registry refresh [TOOL…]`: fetch attestations and watched documents into the registry's state.
///
/// Its own executable so that only the refresh job links libcurl (and its many dependent libraries): loading
/// them would slow every other command's start-up. `genai-registry refresh …` executes this binary.
@main
struct RefreshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "genai-registry refresh",
        abstract: "Fetch vendors' signed attestations and watched terms documents (the cron job).",
        discussion: """
            Fetches concurrently over HTTPS (libcurl), verifies each attestation against the keys pinned \
            in Registry/vendors/, notices changed terms documents, and records what changed under \
            Registry/state/ — atomically, so a refresh killed at any moment leaves the registry whole. \
            Unchanged documents cost a 304. One refresh at a time: a second one exits (or waits with --wait).

            Exit: 0 everything fetched and verified, 1 some item failed (see the summary) or there was \
            nothing to fetch, \
            3 unknown tool, 65 invalid registry data, 74 another refresh is running or an I/O error.
            """)

    @OptionGroup var options: GlobalOptions

    @Argument(help: "Only these tools (ids, names or aliases); all when none is given.")
    var tools: [String] = []

    @Option(help: "Transfers in flight at once.")
    var concurrency = 32

    @Option(
        name: .customLong("per-host"),
        help: ArgumentHelp(
            "Connections to any one host at once.",
            discussion: "Kept low by default to be polite to vendors' servers; HTTP/2 hosts multiplex beyond it."))
    var perHost = 6

    @Flag(help: "Wait for a running refresh to finish instead of exiting.")
    var wait = false

    @Option(name: .customLong("ca-bundle"), help: ArgumentHelp("An extra CA bundle (PEM) to trust.", valueName: "file"))
    var caBundle: String?

    @Flag(name: .customLong("allow-plain-http"), help: ArgumentHelp("Allow http:// URLs (for loopback tests only).", visibility: .hidden))
    var allowPlainHTTP = false

    // `genai-registry attest digest FILE` runs this binary with these: the terms text is read by the same
    // HTML parser as a refresh's, which only this executable links.
    @Option(name: .customLong("document-digest"), help: ArgumentHelp("Print a document file's digest and exit.", visibility: .private))
    var documentDigest: String?

    @Option(name: .customLong("content-type"), help: ArgumentHelp("The digested document's media type.", visibility: .private))
    var contentType: String?

    /// Prints the digest a refresh would record for the document in `file`.
    static func digest(_ file: String, contentType: String?) throws {
        let bytes: [UInt8]
        do { bytes = try FileIO.read(file) } catch {
            Console.error(error.description)
            throw ExitCode(ExitStatus.ioError)
        }
        let lower = file.lowercased()
        let type = contentType ?? (lower.hasSuffix(".html") || lower.hasSuffix(".htm") ? "text/html" : lower.hasSuffix(".txt") ? "text/plain" : nil)
        do {
            Console.out(try DocumentDigest.terms(bytes, contentType: type).sha256)
        } catch {
            Console.error("\(file): no terms text to digest — \(error)")
            throw ExitCode(ExitStatus.invalidData)
        }
    }

    func validate() throws {
        guard (1...1024).contains(concurrency) else { throw ValidationError("--concurrency takes a number from 1 to 1024") }
        guard (1...256).contains(perHost) else { throw ValidationError("--per-host takes a number from 1 to 256") }
    }

    func run() async throws {
        if let documentDigest { return try Self.digest(documentDigest, contentType: contentType) }
        let store = try options.store()
        var ids: [String] = []
        for query in tools {
            do { ids.append(try ToolResolver(store: store).resolve(query)) } catch { throw ExitCode(ExitStatus.report(error)) }
        }
        var transport = TransportConfiguration()
        transport.allowPlainHTTP = allowPlainHTTP
        transport.maxConnectionsPerHost = perHost
        transport.extraCABundlePath = caBundle
        let refresher = Refresher(
            store: store, options: RefreshOptions(concurrency: concurrency, transport: transport, waitForLock: wait, tools: ids),
            now: Refresher.clock())
        let bar = ProgressBar(enabled: options.format == .text && isatty(STDERR_FILENO) == 1)
        let report: RefreshReport
        do {
            report = try await refresher.run { done, total, failed in bar.update(done: done, total: total, failed: failed) }
        } catch {
            bar.finish()
            Console.error(error.description)
            switch error {
            case .registry(let e): throw ExitCode(ExitStatus.report(e) == ExitStatus.invalidData ? ExitStatus.invalidData : ExitStatus.ioError)
            default: throw ExitCode(ExitStatus.ioError)
            }
        }
        bar.finish()
        if options.format == .json {
            Console.json(report.json)
        } else {
            render(report)
        }
        if !report.isSuccess { throw ExitCode(ExitStatus.noncompliant) }
    }

    private func render(_ report: RefreshReport) {
        for item in report.failures {
            Console.out(Console.styled("✗", .red) + " \(item.tool)  \(item.kind.rawValue)  \(item.status)")
            Console.out("    " + (item.message ?? item.url))
        }
        if !report.failures.isEmpty { Console.out("") }
        // The summary table: one row per outcome, attestations and documents side by side.
        let statuses = Set(report.items.map(\.status)).sorted { $0.rawValue < $1.rawValue }
        if !statuses.isEmpty {
            Console.out(Console.styled("OUTCOME".padding(22) + "ATTESTATIONS".padding(14) + "DOCUMENTS", .bold))
            for status in statuses {
                let attestations = report.items.filter { $0.status == status && $0.kind == .attestation }.count
                let documents = report.items.filter { $0.status == status && $0.kind == .document }.count
                let label = status.failed ? Console.styled(status.rawValue.padding(22), .red) : status.rawValue.padding(22)
                Console.out(label + String(attestations).padding(14) + String(documents))
            }
        }
        let seconds = max(0, report.finished.secondsSinceEpoch - report.started.secondsSinceEpoch)
        let verdict =
            report.isSuccess
            ? Console.styled("OK", .green, .bold)
            : report.items.isEmpty
                ? Console.styled("NOTHING FETCHED", .red, .bold)
                : Console.styled("\(report.failures.count) FAILED", .red, .bold)
        Console.out(
            "\(verdict) — \(report.items.count) checked in \(seconds) s\(report.items.isEmpty ? " (nothing to fetch)" : ""); "
                + "\(report.filesWritten) state file\(report.filesWritten == 1 ? "" : "s") written")
        for warning in report.warnings { Console.out(Console.styled("warning: ", .yellow) + warning) }
    }
}

/// A one-line progress bar on standard error, only on a terminal.
final class ProgressBar: Sendable {
    private let enabled: Bool
    private let last = ForwardCounter()

    init(enabled: Bool) { self.enabled = enabled }

    func update(done: Int, total: Int, failed: Int) {
        guard enabled, total > 0 else { return }
        // Redraw at most ~50 times a run: a terminal write per item would cost more than the fetch.
        let step = max(1, total / 50)
        guard done == total || last.advance(to: done / step) else { return }
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let failures = failed > 0 ? "  \(failed) failed" : ""
        Console.writeAll("\r\(bar) \(done)/\(total)\(failures)\u{1B}[K", to: Console.standardError)
    }

    func finish() {
        guard enabled else { return }
        Console.writeAll("\r\u{1B}[K", to: Console.standardError)
    }
}

/// A counter that only moves forward; `advance` says whether it moved.
final class ForwardCounter: Sendable {
    // Atomic: the progress callback runs on whichever task finished an item.
    private let value = Atomic<Int>(-1)

    func advance(to next: Int) -> Bool {
        var current = value.load(ordering: .relaxed)
        while next > current {
            let (exchanged, original) = value.compareExchange(expected: current, desired: next, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
        return false
    }
}
