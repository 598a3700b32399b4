import RegistryDomain
import RegistryJSON

/// The report as CSV (RFC 4180: CRLF line ends, a header row, quoted fields where needed): one row per tool.
public enum CSVReport {
    /// The header row's column names.
    public static var columns: [String] {
        let tool: [String] = ["tool", "name", "vendor", "vendorName", "tier", "categories", "verdict"]
        let rest: [String] = [
            "mainReasonCode", "mainReason", "reviewStatus", "reviewedOn", "reviewedBy", "reviewDue", "attestation", "policyVersion", "asOf",
        ]
        return tool + Principle.allCases.map(\.rawValue) + rest
    }

    /// The whole file.
    public static func render(_ report: ProcurementReport) -> String {
        var rows: [[String]] = [columns]
        for row in report.rows {
            let v = row.verdict
            let tool: [String] = [
                v.tool, v.name, v.vendor, v.vendorName ?? "", v.tier ?? "", v.categories.map(\.rawValue).joined(separator: " "),
                v.verdict.rawValue,
            ]
            let principles: [String] = Principle.allCases.map { v.result($0)?.status.rawValue ?? "unknown" }
            let rest: [String] = [
                row.mainReason.code.rawValue, row.mainReason.message, v.review.status, v.review.on?.description ?? "", v.review.by ?? "",
                v.review.due?.description ?? "", v.attestation.status, report.policyVersion, report.asOf.description,
            ]
            rows.append(tool + principles + rest)
        }
        for bad in report.invalid {
            let reason = bad.problems.first.map { "\($0.path): \($0.message)" } ?? "invalid record"
            let tool: [String] = [bad.id, "", "", "", "", "", "invalid"]
            let rest: [String] = [ReasonCode.invalidRecord.rawValue, reason, "", "", "", "", "", report.policyVersion, report.asOf.description]
            rows.append(tool + Array(repeating: "", count: Principle.allCases.count) + rest)
        }
        return rows.map { $0.map(ReportEscaping.csv).joined(separator: ",") + "\r\n" }.joined()
    }
}
