import RegistryDomain
import RegistryJSON

/// Lint's rules for where a cited page may come from: never a link shortener, a copy of someone else's page,
/// a preview deploy or a malformed host; and `source: vendor` only on the vendor's own domains (or its own
/// account on a shared host, such as `github.com/openai`).
enum SourceChecks {
    /// Link shorteners: the page behind them can change without the record changing.
    static let shorteners: Set<String> = [
        "aka.ms", "amzn.to", "bit.ly", "buff.ly", "cutt.ly", "git.io", "goo.gl", "is.gd", "lnkd.in", "ow.ly",
        "rb.gy", "rebrand.ly", "s.id", "shorturl.at", "t.co", "t.ly", "tiny.cc", "tinyurl.com", "v.gd", "youtu.be",
    ]

    /// Sites that host copies of other people's documents (mirrors, document sharing, flipbooks).
    static let copyHosts: Set<String> = [
        "dataintegration.info", "docplayer.net", "dokumen.pub", "fliphtml5.com", "issuu.com", "pdfcoffee.com",
        "scribd.com", "slideshare.net", "studocu.com", "webkkk.net", "yumpu.com",
    ]

    /// Hosting services whose subdomains are preview or throwaway deploys, not a publisher's page.
    static let previewSuffixes = ["vercel.app", "netlify.app", "pages.dev", "herokuapp.com", "onrender.com"]

    /// What is wrong with `url` as a cited source, or nil when nothing is.
    static func problem(with url: String) -> String? {
        guard let host = URLCheck.host(of: url) else { return nil }
        if host.hasSuffix(".") {
            return "the host \"\(host)\" ends with a dot; cite the page at its ordinary address"
        }
        if shorteners.contains(where: { URLCheck.host(host, isWithin: $0) }) {
            return "\(host) is a link shortener; cite the page it leads to"
        }
        if copyHosts.contains(where: { URLCheck.host(host, isWithin: $0) }) {
            return "\(host) hosts copies of other publishers' documents; cite the original page"
        }
        if previewSuffixes.contains(where: { host.hasSuffix("." + $0) }) {
            return "\(host) is a preview or throwaway deploy; cite the published page"
        }
        return nil
    }

    /// Whether `url` is on one of `vendor`'s own domains (its website's host, without `www.`, counts).
    static func isVendorOwned(_ url: String, vendor: VendorRecord) -> Bool {
        var domains = vendor.domains
        if let site = URLCheck.host(of: vendor.website) {
            domains.append(site.hasPrefix("www.") ? String(site.dropFirst(4)) : site)
        }
        return domains.contains { URLCheck.url(url, isWithin: $0) }
    }

    /// Every cited source of a record with its JSON path: the record's evidence, then each condition's.
    static func citations(of t: ToolRecord) -> [(path: JSONPath, evidence: Evidence)] {
        let root = JSONPath.root
        var all = t.evidence.enumerated().map { (root.appending("evidence").appending(index: $0.offset), $0.element) }
        for (i, condition) in t.conditions.enumerated() {
            let path = root.appending("conditions").appending(index: i).appending("evidence")
            all += condition.evidence.enumerated().map { (path.appending(index: $0.offset), $0.element) }
        }
        return all
    }

    /// Evidence marked `vendor` whose page is not on the vendor's domains.
    static func vendorMismatches(_ t: ToolRecord, vendor: VendorRecord, file: String) -> [Issue] {
        citations(of: t).compactMap { path, e in
            guard e.source == .vendor, !isVendorOwned(e.url, vendor: vendor) else { return nil }
            let host = URLCheck.host(of: e.url) ?? e.url
            return Issue(
                code: .notVendorSource, file: file, path: path.appending("url"),
                message:
                    "marked source \"vendor\", but \(host) is not one of \(vendor.id)'s domains (vendors/\(vendor.id).json \"domains\"); mark it \"secondary\" or add the domain if the vendor owns it"
            )
        }
    }
}
