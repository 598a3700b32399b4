import RegistryDomain
import RegistryJSON

/// The plain words the lookup page uses for verdicts, statuses and decisions.
enum PageWords {
    static func verdict(_ v: OverallVerdict) -> String {
        switch v {
        case .compliant: "Compliant — may be used"
        case .noncompliant: "Not compliant — do not use"
        case .undetermined: "Undetermined — ask procurement first"
        }
    }

    static func status(_ s: PrincipleStatus) -> String {
        switch s {
        case .pass: "Passes"
        case .fail: "Fails"
        case .unknown: "Not known"
        }
    }

    static func principle(_ p: Principle) -> String { p.heading }

    static func decision(_ d: Policy.Decision) -> String {
        switch d {
        case .proceed: "Proceed — inform your studio contact"
        case .writtenApprovalRequired: "Written approval required before use"
        case .notPermitted: "Not permitted for this production"
        }
    }

    static func attestation(_ a: AttestationSummary) -> String {
        switch a.status {
        case "none": return "The vendor publishes no signed attestation."
        case "not-fetched": return "The vendor publishes a signed attestation; it has not been fetched yet."
        case "verified":
            let version = a.version.map { " version \($0)" } ?? ""
            let until = a.expires.map { ", valid until \($0.day)" } ?? ""
            return "Signed attestation\(version) verified\(until)."
        default:
            return "Attestation not accepted (\(a.status))" + (a.message.map { ": \($0)" } ?? ".")
        }
    }

    static func review(_ r: ReviewSummary) -> String {
        switch r.status {
        case "current": "Reviewed \(r.on?.description ?? "")\(r.by.map { " by \($0)" } ?? ""); next review due \(r.due?.description ?? "—")."
        case "stale": "Review out of date (last \(r.on?.description ?? "—"), due \(r.due?.description ?? "—"))."
        default: "Never reviewed by procurement."
        }
    }
}
