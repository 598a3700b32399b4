import Crypto

/// Turns a fetched terms page into the text a lawyer would read, so that a changed script, tracking
/// parameter, attribute or indentation does not look like changed terms: markup, scripts, styles and
/// comments go, entities are decoded, block elements become line breaks, whitespace is collapsed.
public enum TextNormaliser {
    /// The normalised text of `body`; HTML when it looks like HTML (or the content type says so), else plain text.
    public static func normalise(_ body: [UInt8], contentType: String? = nil) -> String {
        let text = String(decoding: body, as: UTF8.self)
        let isHTML = contentType?.lowercased().contains("html") ?? looksLikeHTML(body)
        return collapse(isHTML ? stripMarkup(text) : text)
    }

    static func looksLikeHTML(_ body: [UInt8]) -> Bool {
        let head = String(decoding: body.prefix(512), as: UTF8.self).lowercased()
        return head.contains("<html") || head.contains("<!doctype html") || head.contains("<body") || head.contains("<div") || head.contains("<p>")
    }

    /// Elements whose content is never terms text.
    private static let dropped: Set<String> = ["script", "style", "noscript", "template", "svg", "head", "iframe"]
    /// Elements that end a line of text.
    private static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article",
        "header", "footer", "main", "nav", "blockquote", "pre", "dd", "dt", "dl", "hr", "title", "aside", "form",
    ]

    static func stripMarkup(_ html: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(html.unicodeScalars)
        var i = 0
        var skipUntil: String?  // inside a dropped element: its closing tag name
        while i < scalars.count {
            let c = scalars[i]
            if c == "<" {
                // Comment.
                if i + 3 < scalars.count, scalars[i + 1] == "!", scalars[i + 2] == "-", scalars[i + 3] == "-" {
                    i = index(of: ["-", "-", ">"], in: scalars, from: i + 4).map { $0 + 3 } ?? scalars.count
                    continue
                }
                let end = scalars[i...].firstIndex(of: ">") ?? scalars.count - 1
                let inside = String(String.UnicodeScalarView(scalars[(i + 1)..<max(i + 1, end)]))
                let closing = inside.hasPrefix("/")
                let name = String(inside.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber })).lowercased()
                i = end + 1
                if let waiting = skipUntil {
                    if closing && name == waiting { skipUntil = nil }
                    continue
                }
                if !closing, dropped.contains(name), !inside.hasSuffix("/") {
                    skipUntil = name
                    continue
                }
                if blocks.contains(name) { out.append("\n") } else { out.append(" ") }
                continue
            }
            if skipUntil == nil {
                if c == "&", let (decoded, length) = entity(at: i, in: scalars) {
                    out.append(contentsOf: decoded.unicodeScalars)
                    i += length
                    continue
                }
                out.append(c)
            }
            i += 1
        }
        return String(out)
    }

    private static func index(of needle: [Unicode.Scalar], in hay: [Unicode.Scalar], from start: Int) -> Int? {
        guard needle.count <= hay.count else { return nil }
        var i = start
        while i + needle.count <= hay.count {
            if hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "hellip": "…", "copy": "©", "reg": "®", "trade": "™",
        "sect": "§", "middot": "·", "bull": "•", "eacute": "é", "euro": "€",
    ]

    /// Decodes `&name;`, `&#123;` or `&#x7B;` at `i`; returns the text and how many scalars it used.
    private static func entity(at i: Int, in s: [Unicode.Scalar]) -> (String, Int)? {
        var j = i + 1
        while j < s.count, j - i <= 10, s[j] != ";" { j += 1 }
        guard j < s.count, s[j] == ";" else { return nil }
        let body = String(String.UnicodeScalarView(s[(i + 1)..<j]))
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return (String(Character(scalar)), j - i + 1)
        }
        guard let text = named[body.lowercased()] else { return nil }
        return (text, j - i + 1)
    }

    /// One space between words, no blank or padded lines, Unicode spaces folded, CRLF unified.
    static func collapse(_ text: String) -> String {
        var lines: [String] = []
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0.isNewline }) {
            let words = rawLine.split(whereSeparator: { $0.isWhitespace || $0 == "\u{200B}" })
            if !words.isEmpty { lines.append(words.joined(separator: " ")) }
        }
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }
}

extension TextNormaliser {
    /// Hex SHA-256 of the normalised text of `body`: what a refresh records for a watched document, and what an
    /// attestation's `documents[].sha256` (an in-toto subject's `digest.sha256`) must say.
    public static func sha256(_ body: [UInt8], contentType: String? = nil) -> String {
        Hex.string(SHA256.hash(data: Array(normalise(body, contentType: contentType).utf8)))
    }
}
