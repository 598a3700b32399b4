import FoundationEssentials
import Glibc
public import RegistryJSON

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
        writeAll(text + "\n", to: STDOUT_FILENO)
    }

    /// Lines on standard output, in one write.
    public static func lines(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        writeAll(lines.joined(separator: "\n") + "\n", to: STDOUT_FILENO)
    }

    /// A message on standard error, prefixed with the program name.
    public static func error(_ text: String) {
        writeAll("genai-registry: " + text + "\n", to: STDERR_FILENO)
    }

    /// A JSON document on standard output.
    public static func json(_ value: JSONValue) {
        writeAll(JSONWriter.bytes(value), to: STDOUT_FILENO)
    }

    /// Standard output's and standard error's descriptors, for `writeAll`.
    public static let standardOutput = STDOUT_FILENO
    public static let standardError = STDERR_FILENO

    /// `text` exactly as given (no newline added) on a file descriptor, all of it.
    public static func writeAll(_ text: String, to fd: Int32) {
        writeAll(Array(text.utf8), to: fd)
    }

    /// `bytes` on a file descriptor, all of them (retrying short writes and interruptions).
    public static func writeAll(_ bytes: [UInt8], to fd: Int32) {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, base + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return }
                offset += n
            }
        }
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
