/// Why a fetched page yields no terms text. The refresh reports it as a failed fetch with its own status — never as
/// "unchanged" (the terms may have changed behind it) nor "changed" (nothing was read).
public struct NoTermsText: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable, Equatable {
        /// A `select` selector matched no element, or only elements with no visible words.
        case selectorMatchedNothing = "selector-matched-nothing"
        /// A selector of the watched document does not parse.
        case invalidSelector = "invalid-selector"
        /// The page is a shell its scripts fill in: a plain fetch gets no text; it needs a browser.
        case scriptShell = "script-shell"
        /// An error, "not found", access-denied or bot-challenge page, served with status 200.
        case errorPage = "error-page"
        /// The page has no visible words at all.
        case empty = "no-terms-text"
    }

    public var reason: Reason
    public var message: String

    public var description: String { message }
}
