import Foundation
public import GenAIRegistry

/// Writing to the terminal: colour only on a terminal, never with NO_COLOR or TERM=dumb.
public enum Console {
    public static let colour: Bool = {
        let env = ProcessInfo.processInfo.environment
        if let noColour = env["NO_COLOR"], !noColour.isEmpty { return false }
        if env["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }()

    /// A line on standard output.
    public static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// A message on standard error, prefixed with the program name.
    public static func error(_ text: String) {
        FileHandle.standardError.write(Data(("genai-registry: " + text + "\n").utf8))
    }

    /// A JSON document on standard output.
    public static func json(_ value: JSONValue) {
        FileHandle.standardOutput.write(Data(JSONWriter.write(value).utf8))
    }

    public enum Style: String, Sendable {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", cyan = "36"
    }

    /// `text` in `style` when colour is on.
    public static func styled(_ text: String, _ styles: Style...) -> String {
        guard colour, !styles.isEmpty else { return text }
        return "\u{1B}[" + styles.map(\.rawValue).joined(separator: ";") + "m" + text + "\u{1B}[0m"
    }
}

extension String {
    /// Left-aligned in a column of `width` characters (never truncated).
    public func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
