import RegistryDomain
import RegistryJSON
import RegistryStorage
import Testing

@testable import CurlTransport
@testable import RegistryRefresh

/// Every failure the transport reports becomes a failed status the docs and the refresh log know, and the
/// report says of each item what its status says.
@Suite struct RefreshStatusTests {
    @Test func everyTransportFailureIsAKnownFailedStatus() {
        let codes: [TransportError.Code] = [
            .bodyTooLarge, .headersTooLarge, .timedOut, .tooSlow, .tooManyRedirects, .forbiddenScheme, .plainHTTPNotAllowed,
            .couldNotResolve, .couldNotConnect, .tlsFailure, .truncatedBody, .invalidURL, .invalidRequest, .cancelled,
            .clientShutDown, .other(7),
        ]
        for code in codes {
            let status = TransportError(code, url: "https://x.example/", message: "failed").status
            #expect(RefreshStatus.all.contains(status), "\(code) → \(status)")
            #expect(status.failed, "\(code)")
        }
        #expect(TransportError(.httpStatus(404), url: "https://x.example/", message: "gone").status == .http(404))
        #expect(TransportError(.plainHTTPNotAllowed, url: "http://x.example/", message: "refused").status.rawValue == "plain-http-refused")
    }

    @Test func theReportSaysWhatTheStatusSays() {
        let now = Timestamp(secondsSinceEpoch: 1_800_000_000)
        let report = RefreshReport(
            started: now, finished: now,
            items: [
                RefreshItem(tool: "a", kind: .attestation, url: "https://a.example/att", status: .notModified, version: 3),
                RefreshItem(tool: "b", kind: .document, url: "https://b.example/terms", status: .http(404), message: "gone"),
                RefreshItem(tool: "c", kind: .attestation, url: "https://c.example/att", status: .rejected(.rollback), message: "lower"),
            ], filesWritten: 0, warnings: [])
        #expect(report.failures.map(\.tool) == ["b", "c"])
        #expect(!report.isSuccess)
        let items = report.json["items"]?.arrayValue ?? []
        #expect(items.map { $0["status"] } == [.string("not-modified"), .string("http-404"), .string("rollback")])
        #expect(items.map { $0["failed"] } == [.bool(false), .bool(true), .bool(true)])
        #expect(
            report.json["counts"]
                == .object([
                    JSONMember("http-404", .number("1")), JSONMember("not-modified", .number("1")), JSONMember("rollback", .number("1")),
                ]))
        let failures = report.logLine["failures"]?.arrayValue ?? []
        #expect(failures.map { $0["status"] } == [.string("http-404"), .string("rollback")])
    }
}
