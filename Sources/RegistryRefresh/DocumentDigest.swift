import Crypto
import RegistryDomain
public import TermsText

/// The SHA-256 a refresh records for a watched document: of the terms text a reader sees (the page's main
/// content, or what the record's selectors pick), whitespace aside. An attestation's `documents[].sha256`
/// and an in-toto subject's `digest.sha256` are compared with it.
public enum DocumentDigest {
    /// The terms text and its digest, the page read in the charset it declares; throws when it yields no terms text.
    public static func terms(_ body: [UInt8], contentType: String?, select: [String]? = nil, remove: [String] = []) throws(NoTermsText) -> (
        text: String, sha256: String
    ) {
        let decoded = CharsetDecoding.utf8(body, contentType: contentType)
        let text = try TextNormaliser.normalise(decoded.bytes, contentType: decoded.contentType, select: select, remove: remove)
        return (text, Hex.string(SHA256.hash(data: TextNormaliser.fingerprint(of: text))))
    }
}
