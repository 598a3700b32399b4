/// A declarative description of one JSON file kind. It drives `lint` (every problem with its JSON path),
/// the canonical writer (key order, explicit nulls) and the `new` scaffold, so the three never disagree.
public indirect enum Schema: Sendable {
    case string(StringRule)
    case integer(ClosedRange<Int>)
    case boolean
    case array(Schema, minCount: Int = 0, unique: Bool = false)
    case object([Field])
    /// The value may also be `null`, meaning "not known".
    case nullable(Schema)

    /// One member of an object.
    public struct Field: Sendable {
        public var name: String
        public var schema: Schema
        /// A required field must be present (it may still be `null` when its schema is nullable).
        public var required: Bool

        public init(_ name: String, _ schema: Schema, required: Bool = true) {
            self.name = name
            self.schema = schema
            self.required = required
        }
    }

    /// What a string must look like.
    public enum StringRule: Sendable {
        /// Any non-empty text, at most `maxLength` characters.
        case text(maxLength: Int)
        /// A registry id: lowercase `[a-z0-9-]`, 1–64 characters, no leading/trailing/double hyphen.
        case identifier
        /// An absolute `https://` (or `http://`) URL with a host.
        case url
        /// An absolute `https://` URL with a host.
        case httpsURL
        /// `YYYY-MM-DD`.
        case day
        /// `YYYY-MM-DD` or the word `undated`.
        case dayOrUndated
        /// RFC 3339 date-time.
        case timestamp
        /// 64 lowercase hex digits.
        case sha256
        /// A lowercase DNS host name with at least two labels (`openai.com`), no scheme, no trailing dot, optionally
        /// followed by a path that narrows it to an account on a shared host (`github.com/openai`).
        case hostname
        /// One of the listed words.
        case oneOf([String])
    }

    /// The schema with any `nullable` wrapper removed.
    var unwrapped: Schema {
        if case .nullable(let inner) = self { return inner.unwrapped }
        return self
    }

    var isNullable: Bool {
        if case .nullable = self { return true }
        return false
    }
}

/// One problem found in a registry file.
public struct Issue: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case warning, error
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs == .warning && rhs == .error }
    }

    public var severity: Severity
    /// A stable machine code (`unknown-field`, `wrong-type`, …).
    public var code: IssueCode
    /// The file, relative to the registry root when known.
    public var file: String
    public var path: JSONPath
    /// 1-based line, when known.
    public var line: Int?
    public var message: String

    public init(_ severity: Severity = .error, code: IssueCode, file: String, path: JSONPath = .root, line: Int? = nil, message: String) {
        self.severity = severity
        self.code = code
        self.file = file
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(severity.rawValue): \(path): \(message) [\(code)]"
    }
}
