/// The stable machine code of a lint issue; the raw value is the word `lint --format json` and every report
/// print (docs/record-format.md lists them all).
///
/// An enum so that a mistyped code is a compile error and a word that is not a code does not decode.
public enum IssueCode: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    // The file as JSON.
    /// The file is not valid JSON.
    case badJSON = "bad-json"
    /// A key appears twice in the same object (the second would silently win).
    case duplicateKey = "duplicate-key"
    /// The JSON matches the schema but cannot be read as a record.
    case undecodable
    /// A file the registry needs does not exist.
    case missingFile = "missing-file"
    /// A folder the registry needs does not exist.
    case missingFolder = "missing-folder"
    /// A file or folder cannot be read.
    case unreadable

    // The schema.
    /// A required field is missing.
    case missingField = "missing-field"
    /// A field the schema does not know.
    case unknownField = "unknown-field"
    /// A value of the wrong JSON type.
    case wrongType = "wrong-type"
    /// `null` where the schema does not allow it.
    case nullNotAllowed = "null-not-allowed"
    /// A number outside its allowed range.
    case outOfRange = "out-of-range"
    /// A list with fewer items than it needs.
    case tooFewItems = "too-few-items"
    /// A list repeats an item.
    case duplicateItem = "duplicate-item"
    /// A text that is empty or only whitespace.
    case emptyText = "empty-text"
    /// A text longer than its limit.
    case tooLong = "too-long"
    /// An id (or a file name) that is not 1–64 lowercase letters, digits and single hyphens.
    case badID = "bad-id"
    /// A URL that is malformed or not HTTPS where HTTPS is required.
    case badURL = "bad-url"
    /// A date that is not a real date, or dates in an impossible order.
    case badDate = "bad-date"
    /// A SHA-256 that is not 64 lowercase hex digits.
    case badDigest = "bad-digest"
    /// A host name that is not a lowercase DNS name (optionally with an account path).
    case badHost = "bad-host"
    /// A word that is not one of the allowed ones.
    case badValue = "bad-value"

    // One file's content.
    /// A record's id differs from its file name.
    case idMismatch = "id-mismatch"
    /// A retention purpose is listed twice.
    case duplicatePurpose = "duplicate-purpose"
    /// A condition to comply is listed twice.
    case duplicateCondition = "duplicate-condition"
    /// A watched URL is listed twice.
    case duplicateURL = "duplicate-url"
    /// Two aliases differ only in case or accents (a warning).
    case duplicateAlias = "duplicate-alias"
    /// A signing key id is used twice in a vendor file.
    case duplicateKeyid = "duplicate-keyid"
    /// A use is listed twice in the policy.
    case duplicateUse = "duplicate-use"
    /// A source on a link shortener, a document-copy site or a throwaway deploy, not the publisher's own page.
    case unacceptableSource = "unacceptable-source"
    /// A record cites no evidence about retention, training or environment (a warning: that principle stays unknown).
    case noEvidence = "no-evidence"
    /// An attestation URL over plain HTTP, which the refresh refuses (a warning).
    case plainHTTP = "plain-http"
    /// A watched document's CSS selector that does not parse or is not supported.
    case invalidSelector = "invalid-selector"
    /// A document reviewed but not watched, so its changes go unnoticed (a warning).
    case unwatchedDocument = "unwatched-document"
    /// An arrangement with no reference, which the validator does not count (a warning).
    case unreferencedArrangement = "unreferenced-arrangement"
    /// A vendor's public key that cannot be read.
    case badKey = "bad-key"
    /// A purpose exempt from the day limit that is not an allowed purpose, so the exemption does nothing (a warning).
    case exemptNotAllowed = "exempt-not-allowed"
    /// An attestation whose `issued` is after its `expires`.
    case issuedAfterExpires = "issued-after-expires"

    // Across files.
    /// Two tool files declare the same id.
    case duplicateID = "duplicate-id"
    /// A tool names a vendor that has no file.
    case danglingVendor = "dangling-vendor"
    /// Evidence marked as the vendor's own page is on a site not among the vendor's domains.
    case notVendorSource = "not-vendor-source"
    /// Two tools share a name or alias, so a lookup by it lists both (a warning).
    case sharedName = "shared-name"

    // Approvals.
    /// An approval names a production that has no file.
    case unknownProduction = "unknown-production"
    /// An approval names a tool that has no file.
    case unknownTool = "unknown-tool"
    /// An approval names a use the policy does not define.
    case unknownUse = "unknown-use"
    /// A disclosure that carries a decision.
    case decidedDisclosure = "decided-disclosure"
    /// An approval that does not say until when it holds.
    case missingUntil = "missing-until"
    /// An approval with conditions that lists none.
    case missingConditions = "missing-conditions"
    /// An approval whose period has ended, so it covers no use (a warning).
    case expired

    /// Every code, for tests and docs.
    public static var all: [IssueCode] { allCases }

    public var description: String { rawValue }
}
