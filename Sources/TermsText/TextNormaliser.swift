import RegistryDomain

/// Turns a fetched terms page into the text a reader sees of its terms, so that scripts, markup, hidden
/// text, navigation, banners and link targets — which sites change on every request or every deploy —
/// never look like changed terms, and a real wording change always does.
///
/// HTML is parsed with libxml2's HTML parser. A watched document's `select` selectors pick the terms out of
/// the page and its `remove` selectors drop parts of them; without `select`, the terms are the page's main
/// content (`main`, else `[role=main]`, else `article`, else the body) less navigation, side menus, the
/// site's header and footer, dialogs and consent banners. Either way nothing hidden from readers counts.
public enum TextNormaliser {
    /// The terms text of `body`: HTML when the content type says so or the bytes look like it, else plain text.
    /// Throws when the page yields no terms text (see `NoTermsText`).
    public static func normalise(
        _ body: [UInt8], contentType: String? = nil, select: [String]? = nil,
        remove: [String] = []
    ) throws(NoTermsText) -> String {
        let isHTML = contentType.map { $0.lowercased().contains("html") } ?? looksLikeHTML(body)
        guard isHTML else {
            var text = ReadableText()
            for line in String(decoding: body, as: UTF8.self).split(whereSeparator: \.isNewline) {
                text.append(String(line))
                text.endLine()
            }
            guard !text.lines.isEmpty else { throw NoTermsText(reason: .empty, message: "the document has no text") }
            return text.text
        }
        let selectors = try parse(select: select, remove: remove)
        let tree = HTMLTree.parse(body, encoding: charset(contentType) ?? (declaresCharset(body) ? nil : "UTF-8"))
        if let failure = PageDiagnosis.diagnose(tree) { throw failure }
        return try TermsRegion.text(of: tree, select: selectors.select, remove: selectors.remove)
    }

    /// What a document's hash covers: its text without whitespace. Where a space falls between words is
    /// decided by markup (an inline tag boundary may or may not add one), and no edit of terms changes
    /// only spacing, so a change of layout alone never reads as a change of terms.
    public static func fingerprint(of text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars where !c.properties.isWhitespace {
            bytes.append(contentsOf: String(c).utf8)
        }
        return bytes
    }

    static func looksLikeHTML(_ body: [UInt8]) -> Bool {
        let head = String(decoding: body.prefix(512), as: UTF8.self).lowercased()
        return head.contains("<html") || head.contains("<!doctype html") || head.contains("<body") || head.contains("<div") || head.contains("<p>")
    }

    /// Whether the page's head names its encoding (`<meta charset>` or an `http-equiv` content type); a page
    /// that names none is read as UTF-8, which the web now is, not as libxml2's default of Latin-1.
    static func declaresCharset(_ body: [UInt8]) -> Bool {
        String(decoding: body.prefix(4096), as: UTF8.self).lowercased().contains("charset")
    }

    /// The `charset` parameter of a content type, if any; else libxml2 reads `<meta charset>` from the page.
    static func charset(_ contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, String(pair[0]).trimmingSpaces.lowercased() == "charset" else { continue }
            let value = String(pair[1]).trimmingSpaces.trimmingCharacters(in: "\"'")
            return value.isEmpty ? nil : value
        }
        return nil
    }

    private static func parse(select: [String]?, remove: [String]) throws(NoTermsText) -> (select: [(String, CSSSelector)]?, remove: [CSSSelector]) {
        do {
            let picked = try select.map { texts throws(CSSSelectorError) in
                try texts.map { text throws(CSSSelectorError) in (text, try CSSSelector(parsing: text)) }
            }
            let dropped = try remove.map { text throws(CSSSelectorError) in try CSSSelector(parsing: text) }
            return (picked, dropped)
        } catch {
            throw NoTermsText(reason: .invalidSelector, message: error.description)
        }
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = self[...]
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
