/// Checks a parsed JSON value against a `Schema`, collecting every problem (not just the first).
public struct SchemaValidator {
    private var issues: [Issue] = []
    private let file: String
    private let lines: [JSONPath: Int]

    /// All problems of `value` against `schema`, each with path and line.
    public static func validate(_ value: JSONValue, against schema: Schema, file: String, lines: [JSONPath: Int] = [:]) -> [Issue] {
        var validator = SchemaValidator(file: file, lines: lines)
        validator.check(value, schema, at: .root)
        return validator.issues
    }

    /// Whether `value` matches `schema`, without building paths or messages: the common case of a valid
    /// file costs no allocation; only a file that fails is walked again by `validate` for the details.
    public static func isValid(_ value: JSONValue, against schema: Schema) -> Bool {
        // Written against retains: the schemas are shared by every thread, so each retain of a schema box or a
        // field name is an atomic on a contended cache line (with `unwrapped` and closures over fields, retains
        // were most of this function's cost in a refresh). Elements are read in place through their indexes.
        switch schema {
        case .nullable(let inner):
            if case .null = value { return true }
            return isValid(value, against: inner)
        case .boolean:
            if case .bool = value { return true }
            return false
        case .integer(let range):
            guard case .number(let text) = value, let n = Int(text) else { return false }
            return range.contains(n)
        case .string(let rule):
            guard case .string(let s) = value else { return false }
            return problem(with: s, rule) == nil
        case .array(let element, let minCount, let unique):
            guard case .array(let elements) = value, elements.count >= minCount else { return false }
            for i in elements.indices {
                guard isValid(elements[i], against: element) else { return false }
                if unique, elements[..<i].contains(elements[i]) { return false }
            }
            return true
        case .object(let fields):
            guard case .object(let members) = value, members.count <= fields.count else { return false }
            var matched = 0
            for f in fields.indices {
                guard let m = members.indices.first(where: { members[$0].key == fields[f].name }) else {
                    if fields[f].required { return false }
                    continue
                }
                guard isValid(members[m].value, against: fields[f].schema) else { return false }
                matched += 1
            }
            // Each field matched at most one member, so every member is a known field, and none repeats a key,
            // exactly when every member was matched.
            return matched == members.count
        }
    }

    private init(file: String, lines: [JSONPath: Int]) {
        self.file = file
        self.lines = lines
    }

    private mutating func report(_ code: IssueCode, _ path: JSONPath, _ message: String) {
        issues.append(Issue(code: code, file: file, path: path, line: lines[path], message: message))
    }

    private mutating func check(_ value: JSONValue, _ schema: Schema, at path: JSONPath) {
        if case .null = value {
            if !schema.isNullable { report(.nullNotAllowed, path, "may not be null; expected \(Self.expectation(schema))") }
            return
        }
        switch schema.unwrapped {
        case .nullable: break  // unreachable: unwrapped
        case .boolean:
            guard case .bool = value else { return wrongType(value, schema, path) }
        case .integer(let range):
            guard case .number(let text) = value else { return wrongType(value, schema, path) }
            guard let n = Int(text) else { return report(.wrongType, path, "expected a whole number, found \(text)") }
            if !range.contains(n) { report(.outOfRange, path, "\(n) is outside \(range.lowerBound)…\(range.upperBound)") }
        case .string(let rule):
            guard case .string(let s) = value else { return wrongType(value, schema, path) }
            if let problem = Self.problem(with: s, rule) { report(problem.code, path, problem.message) }
        case .array(let element, let minCount, let unique):
            guard case .array(let elements) = value else { return wrongType(value, schema, path) }
            if elements.count < minCount {
                report(.tooFewItems, path, "needs at least \(minCount) item\(minCount == 1 ? "" : "s")")
            }
            var seen: [JSONValue] = []
            for (i, e) in elements.enumerated() {
                check(e, element, at: path.appending(index: i))
                if unique {
                    if seen.contains(e) {
                        report(.duplicateItem, path.appending(index: i), "repeats an earlier item: \(JSONWriter.compact(e))")
                    }
                    seen.append(e)
                }
            }
        case .object(let fields):
            guard case .object(let members) = value else { return wrongType(value, schema, path) }
            for field in fields where field.required && !members.contains(where: { $0.key == field.name }) {
                let hint = field.schema.isNullable ? " (write null if it is not known)" : ""
                report(.missingField, path.appending(field.name), "required field is missing\(hint)")
            }
            for member in members {
                guard let field = fields.first(where: { $0.name == member.key }) else {
                    let known = fields.map(\.name)
                    let suggestion = Suggest.closest(to: member.key, in: known).map { "; did you mean \"\($0)\"?" } ?? ""
                    report(.unknownField, path.appending(member.key), "unknown field\(suggestion) (known: \(known.joined(separator: ", ")))")
                    continue
                }
                check(member.value, field.schema, at: path.appending(member.key))
            }
        }
    }

    private mutating func wrongType(_ value: JSONValue, _ schema: Schema, _ path: JSONPath) {
        report(.wrongType, path, "expected \(Self.expectation(schema)), found \(value.typeName) \(Self.preview(value))")
    }

    static func preview(_ value: JSONValue) -> String {
        let text = JSONWriter.compact(value)
        return text.count > 40 ? String(text.prefix(37)) + "…" : text
    }

    /// A short phrase for what `schema` expects ("a string (YYYY-MM-DD) or null").
    static func expectation(_ schema: Schema) -> String {
        let base: String
        switch schema.unwrapped {
        case .nullable: base = ""
        case .boolean: base = "true or false"
        case .integer: base = "a whole number"
        case .array: base = "an array"
        case .object: base = "an object"
        case .string(let rule):
            switch rule {
            case .oneOf(let words): base = "one of " + words.map { "\"\($0)\"" }.joined(separator: ", ")
            case .day: base = "a date string YYYY-MM-DD"
            case .dayOrUndated: base = "a date string YYYY-MM-DD or \"undated\""
            case .timestamp: base = "an RFC 3339 date-time string"
            case .url, .httpsURL: base = "a URL string"
            case .identifier: base = "an id string"
            case .sha256: base = "a SHA-256 hex string"
            case .hostname: base = "a host name string"
            case .text: base = "a string"
            }
        }
        return schema.isNullable ? base + " or null" : base
    }

    /// What is wrong with `s` under `rule`, or nil when it is fine.
    static func problem(with s: String, _ rule: Schema.StringRule) -> (code: IssueCode, message: String)? {
        switch rule {
        case .text(let maxLength):
            // Without walking characters: a first byte that is visible ASCII starts a character that is not
            // whitespace, and no more UTF-8 bytes than the limit means no more characters either.
            if let first = s.utf8.first, first > 0x20, first < 0x7F, s.utf8.count <= maxLength { return nil }
            if s.allSatisfy(\.isWhitespace) { return (.emptyText, "may not be empty") }
            if s.count > maxLength { return (.tooLong, "is \(s.count) characters; at most \(maxLength)") }
        case .identifier:
            if !Identifier.isValid(s) {
                return (.badID, "\"\(s)\" is not a valid id: use 1–64 lowercase letters, digits and single hyphens (e.g. \"openai-api\")")
            }
        case .url, .httpsURL:
            if let problem = URLCheck.problem(with: s, requireHTTPS: { if case .httpsURL = rule { true } else { false } }()) {
                return (.badURL, problem)
            }
        case .day:
            if Day(s) == nil { return (.badDate, "\"\(s)\" is not a real calendar date written YYYY-MM-DD") }
        case .dayOrUndated:
            if s != "undated", Day(s) == nil { return (.badDate, "\"\(s)\" is not a date YYYY-MM-DD or \"undated\"") }
        case .timestamp:
            if Timestamp(s) == nil { return (.badDate, "\"\(s)\" is not an RFC 3339 date-time such as 2026-01-01T00:00:00Z") }
        case .sha256:
            if s.utf8.count != 64 || !s.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) {
                return (.badDigest, "expected 64 lowercase hex digits")
            }
        case .hostname:
            if !URLCheck.isDomain(s) {
                return (
                    .badHost,
                    "\"\(s)\" is not a host name: lowercase labels joined by dots, such as \"openai.com\", or a host and an account path on a shared host, such as \"github.com/openai\" (no scheme, no trailing dot)"
                )
            }
        case .oneOf(let words):
            if !words.contains(s) {
                let hint = Suggest.closest(to: s, in: words).map { "; did you mean \"\($0)\"?" } ?? ""
                return (.badValue, "\"\(s)\" is not one of \(words.joined(separator: ", "))\(hint)")
            }
        }
        return nil
    }
}
