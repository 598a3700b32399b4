import Procurement

/// HTML escaping. Every string from a record, the policy or the request goes through `escape` before it
/// reaches the page, so a tool named `<script>…` or `"onmouseover=` is shown as text, never run.
enum HTML {
    /// `text` safe inside element content and inside double- or single-quoted attribute values
    /// (the same rules as the procurement report: one implementation, in the library).
    static func escape(_ text: some StringProtocol) -> String { ReportEscaping.html(String(text)) }

    /// A link target from a record: only absolute http(s) URLs become links (never `javascript:`), else nil.
    static func safeURL(_ url: String) -> String? { ReportEscaping.href(url) }

    /// Percent-encodes a query value (`?tool=…&use=…`).
    static func queryValue(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
