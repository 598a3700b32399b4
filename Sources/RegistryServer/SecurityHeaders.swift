import RegistryDomain

/// The security headers every response carries, the page and the API alike.
enum SecurityHeaders {
    /// No inline script or style at all: the page loads `static/app.js` and `static/style.css` only.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'self'; object-src 'none'; frame-ancestors 'none'"

    /// The same policy as a `<meta>` tag, for the published page on a server we do not configure
    /// (`frame-ancestors` is not allowed there, so it is left out).
    static let pageMetaPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'self'; object-src 'none'"

    static let all: [(String, String)] = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
    ]
}
