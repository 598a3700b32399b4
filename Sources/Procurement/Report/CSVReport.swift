import RegistryDomain
import RegistryJSON

/// The report as CSV (RFC 4180: CRLF line ends, a header row, quoted fields where needed): one row per tool.
public enum CSVReport {
    /// The header row's column names.
    public static let columns = [
        "tool", "name", "vendor", "vendorName", "tier", "categories", "verdict", "no-store", "no-train", "enterprise-secured",
        "mainReasonCode", "mainReason", "reviewStatus", "reviewedOn", "reviewedBy", "reviewDue", "attestation", "policyVersion", "asOf",
    ]

    /// The whole file.
    public static func render(_ report: ProcurementReport) -> String {
        var rows: [[String]] = [columns]
        for row in report.rows {
            let v = row.verdict
            rows.append([
                v.tool, v.name, v.vendor, v.vendorName ?? "", v.tier ?? "", v.categories.map(\.rawValue).joined(separator: " "),
                v.verdict.rawValue,
            ] + Principle.allCases.map { v.result($0)?.status.rawValue ?? "unknown" } + [
                row.mainReason.code, row.mainReason.message, v.review.status, v.review.on?.description ?? "", v.review.by ?? "",
                v.review.due?.description ?? "", v.attestation.status, report.policyVersion, report.asOf.description,
            ])
        }
        for bad in report.invalid {
            let reason = bad.problems.first.map { "\($0.path): \($0.message)" } ?? "invalid record"
            rows.append([bad.id, "", "", "", "", "", "invalid", "", "", "", "invalid-record", reason, "", "", "", "", "", report.policyVersion, report.asOf.description])
        }
        return rows.map { $0.map(ReportEscaping.csv).joined(separator: ",") + "\r\n" }.joined()
    }
}
