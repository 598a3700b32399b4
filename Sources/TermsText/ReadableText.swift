/// The words a reader sees in parts of an `HTMLTree`: one line per block (paragraph, heading, list item,
/// table cell), inline markup joined as the browser joins it, whitespace collapsed, invisible characters
/// (zero-width spaces and joiners, soft hyphens, byte-order marks) dropped. Link targets and attributes are
/// not text, so they never count.
struct ReadableText {
    static let blocks: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog", "div", "dl",
        "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hgroup", "hr", "html", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "ul", "menu", "center",
    ]

    private(set) var lines: [String] = []
    private var line = String.UnicodeScalarView()
    private var pendingSpace = false

    /// The text of `roots` (and everything below them that `skip` does not exclude), in document order.
    static func of(_ roots: [Int], in tree: HTMLTree, skip: (Int, HTMLTree.Node) -> Bool) -> ReadableText {
        var out = ReadableText()
        // Depth first without recursion; a negative entry closes the block of element -(entry + 1).
        var stack: [Int] = roots.reversed()
        while let entry = stack.popLast() {
            if entry < 0 {
                out.endLine()
                continue
            }
            let node = tree[entry]
            guard let name = node.name else {
                out.append(node.text)
                continue
            }
            if skip(entry, node) { continue }
            let isBlock = blocks.contains(name)
            if isBlock {
                out.endLine()
                stack.append(-(entry + 1))
            }
            stack.append(contentsOf: node.children.reversed())
        }
        out.endLine()
        return out
    }

    /// The lines joined, each ending in a newline (empty when there are no words).
    var text: String { lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n" }

    var wordCount: Int { lines.reduce(0) { $0 + $1.split(separator: " ").count } }

    private static func isInvisible(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: return true
        default: return false
        }
    }

    mutating func append(_ text: String) {
        for c in text.unicodeScalars {
            if Self.isInvisible(c) { continue }
            if c.properties.isWhitespace {
                if !line.isEmpty { pendingSpace = true }
                continue
            }
            if pendingSpace {
                line.append(" ")
                pendingSpace = false
            }
            line.append(c)
        }
    }

    mutating func endLine() {
        if !line.isEmpty { lines.append(String(line)) }
        line = String.UnicodeScalarView()
        pendingSpace = false
    }
}
