/// Registry ids: lowercase `[a-z0-9-]`, at most 64 characters; the file name is the id.
public enum Identifier {
    /// Whether `s` is a valid tool or vendor id.
    public static func isValid(_ s: String) -> Bool {
        let b = s.utf8
        guard !b.isEmpty, b.count <= 64, b.first != UInt8(ascii: "-"), b.last != UInt8(ascii: "-") else { return false }
        var previousHyphen = false
        for c in b {
            let hyphen = c == UInt8(ascii: "-")
            guard hyphen || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) else { return false }
            if hyphen && previousHyphen { return false }
            previousHyphen = hyphen
        }
        return true
    }

    /// The id-shaped form of what a person typed: "Claude for Work" → "claude-for-work".
    public static func slug(_ text: String) -> String {
        var out = ""
        var pendingHyphen = false
        for scalar in Suggest.fold(text).unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                if pendingHyphen, !out.isEmpty { out += "-" }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return out
    }
}

/// URL checks that agree with what libcurl will fetch: absolute http(s) with a host, no credentials, no spaces.
public enum URLCheck {
    /// Whether `s` is a lowercase DNS name of two or more labels (`docs.openai.com`).
    public static func isHostname(_ s: String) -> Bool {
        let labels = s.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, s.utf8.count <= 253 else { return false }
        return labels.allSatisfy { label in
            let bytes = Array(label.utf8)
            guard let first = bytes.first, let last = bytes.last, bytes.count <= 63 else { return false }
            return first != UInt8(ascii: "-") && last != UInt8(ascii: "-")
                && bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") }
        }
    }

    /// Whether `s` is a host name, optionally followed by a lowercase path (`github.com/openai`).
    public static func isDomain(_ s: String) -> Bool {
        let (host, path) = splitDomain(s)
        guard isHostname(host) else { return false }
        guard let path else { return true }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { segment in
            !segment.isEmpty
                && segment.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F }
        }
    }

    /// A domain entry's host and, when it names an account on a shared host, its path (no leading slash).
    package static func splitDomain(_ s: String) -> (host: String, path: String?) {
        guard let slash = s.firstIndex(of: "/") else { return (s, nil) }
        return (String(s[..<slash]), String(s[s.index(after: slash)...]))
    }

    /// Whether `url` lies within the domain entry `domain`: on the host or a subdomain of it, or, for an entry with
    /// a path, on exactly that host under that path (compared without case, as code hosts treat account names).
    public static func url(_ url: String, isWithin domain: String) -> Bool {
        guard let host = host(of: url) else { return false }
        let (domainHost, path) = splitDomain(domain)
        guard let path else { return URLCheck.host(host, isWithin: domainHost) }
        guard host == domainHost else { return false }
        // "https:", "", the authority, then the path after its first slash.
        let parts = url.lowercased().split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        let rest = "/" + parts[3]
        let prefix = "/" + path
        return rest == prefix || rest.hasPrefix(prefix + "/") || rest.hasPrefix(prefix + "?") || rest.hasPrefix(prefix + "#")
    }

    /// The host of an absolute http(s) URL, lowercased (brackets kept for IPv6), or nil when there is none.
    public static func host(of url: String) -> String? {
        let lower = url.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = lower.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = lower.dropFirst(7)
        } else {
            return nil
        }
        let authority = rest.prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" })
        let hostPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? authority
        let host = hostPort.hasPrefix("[") ? hostPort.prefix(while: { $0 != "]" }) + "]" : hostPort.prefix(while: { $0 != ":" })
        return host.isEmpty ? nil : String(host)
    }

    /// Whether `host` is `domain` or a subdomain of it.
    public static func host(_ host: String, isWithin domain: String) -> Bool {
        host == domain || host.hasSuffix("." + domain)
    }

    /// What is wrong with `s` as a registry URL, or nil when it is fine.
    public static func problem(with s: String, requireHTTPS: Bool) -> String? {
        if s.utf8.withContiguousStorageIfAvailable({ plainlyFine($0, requireHTTPS: requireHTTPS) }) == true { return nil }
        let lower = s.lowercased()
        let scheme: String
        if lower.hasPrefix("https://") {
            scheme = "https"
        } else if lower.hasPrefix("http://") {
            scheme = "http"
        } else {
            return "\"\(s)\" is not an absolute http(s) URL"
        }
        if requireHTTPS && scheme != "https" { return "\"\(s)\" must use https" }
        if s.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0 == "\\" }) {
            return "\"\(s)\" contains spaces, control characters or backslashes"
        }
        let rest = s.dropFirst(scheme.count + 3)
        let authority = rest.prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" })
        if authority.contains("@") { return "\"\(s)\" carries credentials; put none in registry URLs" }
        let host = authority.hasPrefix("[") ? authority.prefix(while: { $0 != "]" }) + "]" : authority.prefix(while: { $0 != ":" })
        if host.isEmpty || host == "[]" { return "\"\(s)\" has no host" }
        if authority.count > host.count {
            let port = authority.dropFirst(host.count)
            guard port.first == ":", let n = Int(port.dropFirst()), (1...65535).contains(n) else {
                return "\"\(s)\" has an invalid port"
            }
        }
        return nil
    }

    /// Whether `url`, in printable ASCII, passes every check below (false: let the full check decide and say why).
    /// Thousands of attestation documents are checked per refresh; this walks the bytes once, allocating nothing.
    private static func plainlyFine(_ url: UnsafeBufferPointer<UInt8>, requireHTTPS: Bool) -> Bool {
        func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        func hasPrefix(_ prefix: StaticString) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard url.count >= count else { return false }
            for i in 0..<count where lower(url[i]) != prefix.utf8Start[i] { return false }
            return true
        }
        guard url.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }) else { return false }
        let start: Int
        if hasPrefix("https://") {
            start = 8
        } else if !requireHTTPS, hasPrefix("http://") {
            start = 7
        } else {
            return false
        }
        var end = start
        while end < url.count, url[end] != UInt8(ascii: "/"), url[end] != UInt8(ascii: "?"), url[end] != UInt8(ascii: "#") { end += 1 }
        let authority = url[start..<end]
        guard let first = authority.first, first != UInt8(ascii: "["), first != UInt8(ascii: ":"),
            !authority.contains(UInt8(ascii: "@"))
        else { return false }
        guard let colon = authority.firstIndex(of: UInt8(ascii: ":")) else { return true }
        let port = authority[(colon + 1)...]
        guard (1...5).contains(port.count), port.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        let number = port.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        return (1...65535).contains(number)
    }
}
