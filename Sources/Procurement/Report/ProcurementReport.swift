public import RegistryDomain
public import RegistryJSON
public import RegistryStorage

/// Everything an export for procurement and legal shows: every tool's verdict under the policy as of one
/// day, with what it rests on, and the records that could not be judged. The renderers only format this.
public struct ProcurementReport: Sendable {
    /// One judged tool.
    public struct Row: Sendable {
        public var record: ToolRecord
        public var vendor: VendorRecord?
        public var verdict: ToolVerdict
        /// The one reason that decides the verdict, for the matrix.
        public var mainReason: Reason
    }

    /// A record with errors: listed, never judged.
    public struct Invalid: Sendable {
        public var id: String
        public var problems: [Issue]
    }

    public var studio: String
    public var policyVersion: String
    public var asOf: Day
    public var rows: [Row]
    public var invalid: [Invalid]

    /// The report for `snapshot` (whose policy must be valid) as of `today`, with what refresh recorded.
    public static func build(store: RegistryStore, snapshot: RegistrySnapshot, policy: Policy, today: Day, now: Timestamp) -> ProcurementReport {
        let validator = Validator(policy: policy, today: today)
        let context = StateContext.wholeRegistry(store: store, policy: policy, now: now)
        // By name, as people look for a tool ("Autodesk Flow Studio" before "Claude API", whatever the ids).
        let records = snapshot.tools.values.sorted { byName(($0.id, $0.name), ($1.id, $1.name)) }
        let rows = zip(records, context.evaluate(records, vendors: snapshot.vendors, with: validator)).map { record, evaluated in
            Row(record: record, vendor: snapshot.vendors[record.vendor], verdict: evaluated.verdict, mainReason: mainReason(evaluated.verdict))
        }
        let invalid = snapshot.invalidTools.sorted().map { id in
            Invalid(id: id, problems: snapshot.issues.filter { $0.file == store.displayPath(store.toolPath(id)) && $0.severity == .error })
        }
        return ProcurementReport(studio: policy.studio, policyVersion: policy.version, asOf: today, rows: rows, invalid: invalid)
    }

    /// The reason that decides `verdict`: the first failing required principle's; else what holds the
    /// verdict back (stale review, conflict, changed terms); else the first unknown required principle's.
    public static func mainReason(_ verdict: ToolVerdict) -> Reason {
        let required = verdict.principles.filter(\.required)
        switch verdict.verdict {
        case .noncompliant:
            if let p = required.first(where: { $0.status == .fail }), let r = p.reasons.first {
                return Reason(r.code, "\(p.principle.rawValue): \(r.message)")
            }
        case .undetermined:
            if let r = verdict.reasons.first { return r }
            if let p = required.first(where: { $0.status == .unknown }), let r = p.reasons.first {
                return Reason(r.code, "\(p.principle.rawValue): \(r.message)")
            }
        case .compliant:
            let due = verdict.review.due.map { "; review current until \($0)" } ?? ""
            return Reason(.compliant, "Every required principle passes\(due).")
        }
        return Reason(ReasonCode(rawValue: verdict.verdict.rawValue), verdict.verdict.rawValue)
    }

    /// How many tools have each verdict, in the fixed order compliant, noncompliant, undetermined.
    public var counts: [(verdict: OverallVerdict, count: Int)] {
        OverallVerdict.allCases.map { v in (v, rows.filter { $0.verdict.verdict == v }.count) }
    }

    /// "38 tools: 1 compliant, 21 noncompliant, 16 undetermined" (and invalid records, if any).
    public var countsLine: String {
        counted(rows.count + invalid.count, "tool") + ": " + counts.map { "\($0.count) \($0.verdict.rawValue)" }.joined(separator: ", ")
            + (invalid.isEmpty ? "" : ", \(invalid.count) invalid")
    }
}

/// Escaping for each output format, so that no text from a record (a hostile tool name, a URL, a note)
/// can inject markup, table cells or spreadsheet formulas.
public enum ReportEscaping {
    /// Text safe inside HTML element content and double- or single-quoted attributes.
    public static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters (other than tab and newline) have no business in a report.
                if c.value < 0x20 && c != "\n" && c != "\t" { out += " " } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    /// A URL that may be put in `href`: only absolute http(s) (the schema allows nothing else, but a report
    /// must not rely on that), escaped for the attribute; nil otherwise.
    public static func href(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), !url.contains(where: { $0.isWhitespace || $0.isNewline }) else { return nil }
        return html(url)
    }

    /// Text safe in one GFM table cell: on one line, with Markdown and HTML punctuation backslash-escaped
    /// (CommonMark lets any ASCII punctuation be escaped, and an escaped `|` does not split the cell).
    public static func markdown(_ text: String) -> String {
        var out = ""
        for c in text {
            if c.isNewline {
                out += " "
                continue
            }
            if "\\`*_[]<>|~&#!".contains(c) { out += "\\" }
            out.append(c)
        }
        return out
    }

    /// One RFC 4180 field: quoted when it holds a comma, quote, CR or LF (quotes doubled). A field a
    /// spreadsheet would run as a formula (starting with = + - @ or a tab/CR) is prefixed with `'`,
    /// the usual defence against CSV injection.
    public static func csv(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return value }
        return "\"" + value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
