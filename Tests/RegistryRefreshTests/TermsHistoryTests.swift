import CurlTransport
import Foundation
import RegistryRefresh
import RegistryStorage
import TestSupport
import Testing

/// Real terms pages' history (Fixtures/terms-history: snapshots of four vendors' pages with the label of each
/// transition) replayed through the refresh on loopback, in order: every real wording change must read as
/// "changed" and every other byte change as "unchanged" — with the pages' selectors, and with the
/// main-content default alone.
@Suite struct TermsHistoryTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/terms-history").path

    struct Transition {
        var document: String
        var index: Int
        var label: String
    }

    /// The labelled snapshots, by document, in order.
    static func histories() throws -> [String: [Transition]] {
        let text = try String(contentsOfFile: fixtures + "/labels.tsv", encoding: .utf8)
        var out: [String: [Transition]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count == 3, let index = Int(f[1]) else { throw CocoaError(.fileReadCorruptFile) }
            out[f[0], default: []].append(Transition(document: f[0], index: index, label: f[2]))
        }
        return out
    }

    /// The snapshots, unpacked with the system's tar and xz into a fresh folder.
    static func unpack() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("terms-history-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "-xJf", fixtures + "/snapshots.tar.xz", "-C", dir]
        try tar.run()
        tar.waitUntilExit()
        guard tar.terminationStatus == 0 else { throw CocoaError(.fileReadCorruptFile) }
        return dir
    }

    @Test(arguments: [true, false])
    func realWordingChangesAlarmAndNothingElseDoes(withSelectors: Bool) async throws {
        let histories = try Self.histories()
        let snapshots = try Self.unpack()
        defer { try? FileManager.default.removeItem(atPath: snapshots) }
        let selectors =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/selectors.json")))
            as? [String: [String: [String]]] ?? [:]
        let documents = histories.keys.sorted()
        let harness = try RefreshHarness(tools: documents)
        let pages = Locked<[String: [UInt8]]>([:])
        for document in documents {
            harness.route("/\(document)") { _, c in
                c.respond(200, headers: [("Content-Type", "text/html; charset=utf-8")], body: pages.withLock { $0[document] ?? [] })
            }
            var watch: [String: Any] = ["type": "terms", "url": harness.server.url("/\(document)")]
            if withSelectors {
                watch["select"] = selectors[document]?["select"] ?? []
                if let remove = selectors[document]?["remove"], !remove.isEmpty { watch["remove"] = remove }
            }
            let entry = String(decoding: try JSONSerialization.data(withJSONObject: watch, options: [.sortedKeys]), as: UTF8.self)
            try harness.registry.put(
                "tools/\(document).json",
                try harness.registry.text("tools/\(document).json")
                    .replacingOccurrences(of: "\"watch\": []", with: "\"watch\": [\(entry)]")
                    .replacingOccurrences(of: "\"attestationURL\": \"\(harness.server.url("/att/\(document)"))\"", with: "\"attestationURL\": null"))
        }
        var options = harness.options()
        options.transport.defaultLimits.maxBodyBytes = 4 << 20
        let steps = histories.values.map(\.count).max() ?? 0
        for step in 0..<steps {
            for (document, history) in histories where step < history.count {
                let path =
                    snapshots + "/\(document)/" + String(repeating: "0", count: max(0, 3 - String(history[step].index).count))
                    + "\(history[step].index).html"
                let body = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
                pages.withLock { $0[document] = body }
            }
            let report = try await Refresher(store: harness.registry.store, options: options, now: harness.now).run()
            for (document, history) in histories where step < history.count {
                let t = history[step]
                let status = report.items.first { $0.tool == document && $0.kind == .document }?.status
                let expected: RefreshStatus = t.label == "baseline" ? .firstSeen : t.label == "changed" ? .changed : .unchanged
                #expect(status == expected, "\(document) \(t.index) (\(t.label)), \(withSelectors ? "with selectors" : "main content")")
            }
        }
    }
}
