/// A CSS selector list as a watched document's `select` and `remove` give it (Open Terms Archive's meaning):
/// type, universal, class, id and attribute selectors (`=`, `~=`, `|=`, `^=`, `$=`, `*=`, with ` i`),
/// `:first-child`, `:last-child`, `:only-child`, `:first-of-type`, `:last-of-type`, `:not(…)`, the descendant,
/// child (`>`), next-sibling (`+`) and subsequent-sibling (`~`) combinators, and lists (`a, b`).
/// Parsed here, in the domain, so `lint` can reject a selector the refresh could not apply.
public struct CSSSelector: Sendable, Equatable {
    /// The alternatives of the list; an element matches when any does.
    public var alternatives: [Complex]

    public struct Complex: Sendable, Equatable {
        /// The compounds, left to right; `combinators[i]` joins `compounds[i]` and `compounds[i + 1]`.
        public var compounds: [Compound]
        public var combinators: [Combinator]
    }

    public enum Combinator: Sendable, Equatable {
        case descendant, child, nextSibling, subsequentSibling
    }

    public struct Compound: Sendable, Equatable {
        /// The lowercased element name; nil for any element.
        public var type: String?
        public var conditions: [Condition]
    }

    public enum Condition: Sendable, Equatable {
        case id(String)
        case className(String)
        /// `[name]` (operator nil) or `[name OP value]`.
        case attribute(name: String, op: AttributeOperator?, value: String, caseInsensitive: Bool)
        case firstChild, lastChild, onlyChild, firstOfType, lastOfType
        case not(CSSSelector)
    }

    public enum AttributeOperator: String, Sendable, Equatable {
        case equals = "=", includes = "~=", dashMatch = "|=", prefix = "^=", suffix = "$=", substring = "*="
    }

    /// Parses `text`; the error says what is wrong and where.
    public init(parsing text: String) throws(CSSSelectorError) {
        var parser = Parser(Array(text.unicodeScalars), source: text)
        self = try parser.list()
        parser.skipSpace()
        if !parser.atEnd { throw parser.error("unexpected “\(parser.peek.map(String.init) ?? "")”") }
    }

    init(alternatives: [Complex]) { self.alternatives = alternatives }
}

public struct CSSSelectorError: Error, Sendable, Equatable, CustomStringConvertible {
    public var selector: String
    public var message: String
    public var description: String { "CSS selector “\(selector)”: \(message)" }
}

private struct Parser {
    let s: [Unicode.Scalar]
    let source: String
    var i = 0

    init(_ s: [Unicode.Scalar], source: String) {
        self.s = s
        self.source = source
    }

    var atEnd: Bool { i >= s.count }
    var peek: Unicode.Scalar? { atEnd ? nil : s[i] }

    func error(_ message: String) -> CSSSelectorError { CSSSelectorError(selector: source, message: message) }

    mutating func skipSpace() { while let c = peek, c.properties.isWhitespace { i += 1 } }

    mutating func list() throws(CSSSelectorError) -> CSSSelector {
        var alternatives: [CSSSelector.Complex] = []
        repeat {
            skipSpace()
            alternatives.append(try complex())
            skipSpace()
        } while take(",")
        return CSSSelector(alternatives: alternatives)
    }

    mutating func take(_ c: Unicode.Scalar) -> Bool {
        guard peek == c else { return false }
        i += 1
        return true
    }

    mutating func complex() throws(CSSSelectorError) -> CSSSelector.Complex {
        var compounds = [try compound()]
        var combinators: [CSSSelector.Combinator] = []
        while true {
            let before = i
            skipSpace()
            let sawSpace = i > before
            let combinator: CSSSelector.Combinator
            if take(">") {
                combinator = .child
            } else if take("+") {
                combinator = .nextSibling
            } else if take("~") {
                combinator = .subsequentSibling
            } else if sawSpace, let c = peek, c != ",", c != ")" {
                combinator = .descendant
            } else {
                return CSSSelector.Complex(compounds: compounds, combinators: combinators)
            }
            skipSpace()
            combinators.append(combinator)
            compounds.append(try compound())
        }
    }

    mutating func compound() throws(CSSSelectorError) -> CSSSelector.Compound {
        var compound = CSSSelector.Compound(type: nil, conditions: [])
        let start = i
        if take("*") {
        } else if let c = peek, Self.startsIdent(c) {
            compound.type = try identifier().lowercased()
        }
        while let c = peek {
            switch c {
            case "#":
                i += 1
                compound.conditions.append(.id(try identifier()))
            case ".":
                i += 1
                compound.conditions.append(.className(try identifier()))
            case "[":
                i += 1
                compound.conditions.append(try attribute())
            case ":":
                i += 1
                compound.conditions.append(try pseudoClass())
            default:
                if i == start { throw error(atEnd ? "a selector is missing" : "unexpected “\(String(c))”") }
                return compound
            }
        }
        if i == start { throw error("a selector is missing") }
        return compound
    }

    mutating func attribute() throws(CSSSelectorError) -> CSSSelector.Condition {
        skipSpace()
        let name = try identifier().lowercased()
        skipSpace()
        if take("]") { return .attribute(name: name, op: nil, value: "", caseInsensitive: false) }
        var opText = ""
        if let c = peek, "~|^$*".unicodeScalars.contains(c) {
            opText.unicodeScalars.append(c)
            i += 1
        }
        guard take("=") else { throw error("expected an attribute operator after “\(name)”") }
        opText += "="
        guard let op = CSSSelector.AttributeOperator(rawValue: opText) else { throw error("unknown operator “\(opText)”") }
        skipSpace()
        let value: String
        if let q = peek, q == "\"" || q == "'" { value = try quoted(q) } else { value = try identifier() }
        skipSpace()
        var caseInsensitive = false
        if let c = peek, c == "i" || c == "I" {
            i += 1
            caseInsensitive = true
            skipSpace()
        } else if let c = peek, c == "s" || c == "S" {
            i += 1
            skipSpace()
        }
        guard take("]") else { throw error("expected “]”") }
        return .attribute(name: name, op: op, value: value, caseInsensitive: caseInsensitive)
    }

    mutating func pseudoClass() throws(CSSSelectorError) -> CSSSelector.Condition {
        let name = try identifier().lowercased()
        switch name {
        case "first-child": return .firstChild
        case "last-child": return .lastChild
        case "only-child": return .onlyChild
        case "first-of-type": return .firstOfType
        case "last-of-type": return .lastOfType
        case "not":
            guard take("(") else { throw error("expected “(” after :not") }
            let inner = try list()
            skipSpace()
            guard take(")") else { throw error("expected “)” to close :not(") }
            return .not(inner)
        default:
            throw error("unsupported pseudo-class “:\(name)”")
        }
    }

    mutating func quoted(_ q: Unicode.Scalar) throws(CSSSelectorError) -> String {
        i += 1
        var out = String.UnicodeScalarView()
        while let c = peek {
            i += 1
            if c == q { return String(out) }
            if c == "\\", let next = peek {
                out.append(next)
                i += 1
                continue
            }
            out.append(c)
        }
        throw error("unterminated string")
    }

    static func startsIdent(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c == "_" || c == "-" || c == "\\" || c.value > 0x7F
    }

    mutating func identifier() throws(CSSSelectorError) -> String {
        var out = String.UnicodeScalarView()
        while let c = peek {
            if c == "\\" {
                i += 1
                guard let next = peek else { break }
                out.append(next)
                i += 1
            } else if Self.startsIdent(c) || ("0"..."9").contains(c) {
                out.append(c)
                i += 1
            } else {
                break
            }
        }
        if out.isEmpty { throw error(atEnd ? "a name is missing at the end" : "expected a name at “\(String(s[i]))”") }
        return String(out)
    }
}
