/// Which elements a reader of the page never sees, or sees but never reads as the terms.
enum ReaderVisibility {
    /// Elements whose content is never shown as text: code, metadata, media, embedded documents, form
    /// controls (a `<select>` shows one option of many, and its list changes with the visitor's locale).
    static let neverText: Set<String> = [
        "script", "style", "noscript", "template", "head", "title", "meta", "link", "base", "svg", "math", "iframe",
        "frame", "frameset", "object", "embed", "canvas", "audio", "video", "source", "track", "map", "select",
        "datalist", "textarea", "input", "img", "picture",
    ]

    /// Classes that the common CSS frameworks use for text only screen readers get ("(opens in a new window)",
    /// "Skip to content"): sighted readers never see it, and sites reword it freely.
    static let screenReaderClasses: Set<Substring> = [
        "sr-only", "sr-only-focusable", "visually-hidden", "visually-hidden-focusable", "visuallyhidden",
        "screen-reader-text", "screen-reader-only", "screenreader-only", "screenreader", "a11y-hidden",
        "assistive-text", "offscreen", "u-visually-hidden", "element-invisible",
    ]

    /// Whether `node` (an element) is hidden from every reader: by name, by the `hidden` attribute,
    /// `aria-hidden="true"`, an inline `display:none` or `visibility:hidden`, or a screen-reader-only class.
    static func isHidden(_ node: HTMLTree.Node) -> Bool {
        guard let name = node.name else { return false }
        if neverText.contains(name) { return true }
        for (key, value) in node.attributes {
            switch key {
            case "hidden": return true
            case "aria-hidden": if value.trimmingSpaces.lowercased() == "true" { return true }
            case "style": if hidesByStyle(value) { return true }
            case "class": if HTMLTree.tokens(value).contains(where: { screenReaderClasses.contains(Substring($0.lowercased())) }) { return true }
            default: continue
            }
        }
        return false
    }

    /// `display: none` or `visibility: hidden` (or `collapse`) among an inline style's declarations.
    static func hidesByStyle(_ style: String) -> Bool {
        for declaration in style.split(separator: ";") {
            let parts = declaration.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let property = String(parts[0]).trimmingSpaces.lowercased()
            let value = String(parts[1]).lowercased().replacingImportant.trimmingSpaces
            if property == "display" && value == "none" { return true }
            if property == "visibility" && (value == "hidden" || value == "collapse") { return true }
        }
        return false
    }
}

extension String {
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }

    fileprivate var replacingImportant: String {
        guard let bang = firstIndex(of: "!") else { return self }
        return String(self[..<bang])
    }
}
