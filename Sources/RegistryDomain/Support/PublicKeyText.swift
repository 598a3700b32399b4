public import Crypto
import FoundationEssentials

/// Public keys as vendors files write them: base64 or hex of the raw key (Ed25519: 32 bytes; P-256: X9.63 or
/// DER SubjectPublicKeyInfo) or PEM. Hex is what securesystemslib writes for Ed25519 (`keyval.public`).
/// Parsing lives here so lint and verification agree on what is valid.
public enum PublicKeyText {
    /// The Ed25519 key written in `text`.
    public static func ed25519(_ text: String) throws -> Curve25519.Signing.PublicKey {
        if text.contains("-----BEGIN") {
            let der = try derFromPEM(text)
            // An Ed25519 SubjectPublicKeyInfo is a fixed 12-byte prefix followed by the 32-byte key.
            guard der.count == 44 else { throw KeyError("the PEM does not hold an Ed25519 public key") }
            return try Curve25519.Signing.PublicKey(rawRepresentation: der.suffix(32))
        }
        guard let raw = hex(text, lengths: [32, 44]) ?? Data(base64Encoded: text.trimmingWhitespace()) else {
            throw KeyError("not valid base64 or hex")
        }
        if raw.count == 44 { return try Curve25519.Signing.PublicKey(rawRepresentation: raw.suffix(32)) }
        guard raw.count == 32 else { throw KeyError("an Ed25519 key is 32 bytes, this is \(raw.count)") }
        return try Curve25519.Signing.PublicKey(rawRepresentation: raw)
    }

    /// The P-256 key written in `text`.
    public static func p256(_ text: String) throws -> P256.Signing.PublicKey {
        if text.contains("-----BEGIN") { return try P256.Signing.PublicKey(pemRepresentation: text) }
        guard let raw = hex(text, lengths: [33, 65, 91]) ?? Data(base64Encoded: text.trimmingWhitespace()) else {
            throw KeyError("not valid base64 or hex")
        }
        if raw.count == 65 { return try P256.Signing.PublicKey(x963Representation: raw) }
        if raw.count == 33 { return try P256.Signing.PublicKey(compressedRepresentation: raw) }
        return try P256.Signing.PublicKey(derRepresentation: raw)
    }

    /// What is wrong with `text` as a key of `algorithm`, or nil.
    public static func problem(_ text: String, algorithm: SigningKey.Algorithm) -> String? {
        do {
            switch algorithm {
            case .ed25519: _ = try ed25519(text)
            case .ecdsaP256SHA256: _ = try p256(text)
            }
            return nil
        } catch let error as KeyError {
            return "not a usable \(algorithm.rawValue) public key: \(error.message)"
        } catch {
            return "not a usable \(algorithm.rawValue) public key"
        }
    }

    /// The bytes of `text` read as hex (either case) when it is hex of one of `lengths` bytes. Such text never
    /// also reads as base64 of a key of the same algorithm (the byte counts differ), so the two cannot be confused.
    private static func hex(_ text: String, lengths: Set<Int>) -> Data? {
        let digits = Array(text.trimmingWhitespace().utf8)
        guard digits.count % 2 == 0, lengths.contains(digits.count / 2) else { return nil }
        var out = Data(capacity: digits.count / 2)
        var i = 0
        while i < digits.count {
            guard let high = nibble(digits[i]), let low = nibble(digits[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func derFromPEM(_ pem: String) throws -> Data {
        let body = pem.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("-----") }.joined()
        guard let der = Data(base64Encoded: body) else { throw KeyError("the PEM body is not valid base64") }
        return der
    }

    struct KeyError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }
}
