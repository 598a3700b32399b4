import Crypto
import FoundationEssentials
import Synchronization

/// Verifies one raw signature under one pinned key, per algorithm.
enum SignatureCheck {
    /// Parsed public keys by their text: a refresh verifies thousands of attestations under a handful of
    /// vendor keys, and parsing the key text each time cost more than the signature check itself.
    private static let ed25519Keys = KeyCache<Curve25519.Signing.PublicKey>()
    private static let p256Keys = KeyCache<P256.Signing.PublicKey>()

    /// Why a signature did not verify, in words (nil when it did).
    static func failure(signature: [UInt8], over message: [UInt8], key: SigningKey) -> String? {
        switch key.algorithm {
        case .ed25519:
            let publicKey: Curve25519.Signing.PublicKey
            do { publicKey = try ed25519Keys.value(for: key.publicKey) { try PublicKeyText.ed25519($0) } } catch {
                return
                    "the pinned key \(key.keyid) cannot be read (\(PublicKeyText.problem(key.publicKey, algorithm: key.algorithm) ?? "unreadable")); run lint"
            }
            guard signature.count == 64 else { return "an Ed25519 signature is 64 bytes, this one is \(signature.count)" }
            return publicKey.isValidSignature(signature, for: message) ? nil : "the Ed25519 signature does not match the payload"
        case .ecdsaP256SHA256:
            let publicKey: P256.Signing.PublicKey
            do { publicKey = try p256Keys.value(for: key.publicKey) { try PublicKeyText.p256($0) } } catch {
                return
                    "the pinned key \(key.keyid) cannot be read (\(PublicKeyText.problem(key.publicKey, algorithm: key.algorithm) ?? "unreadable")); run lint"
            }
            // DER (OpenSSL, Python) and raw r||s (WebCrypto, JOSE) are both in use; a 64-byte value could
            // in principle be either, so every reading that parses is tried.
            var readings: [P256.Signing.ECDSASignature] = []
            if signature.count == 64, let raw = try? P256.Signing.ECDSASignature(rawRepresentation: signature) { readings.append(raw) }
            if let der = try? P256.Signing.ECDSASignature(derRepresentation: signature) { readings.append(der) }
            guard !readings.isEmpty else {
                return "not an ECDSA P-256 signature (neither DER nor 64-byte r||s; \(signature.count) bytes)"
            }
            return readings.contains { publicKey.isValidSignature($0, for: message) } ? nil : "the ECDSA P-256 signature does not match the payload"
        }
    }
}

extension SignatureCheck {
    /// Hex SHA-256 of the key itself (raw Ed25519 bytes; uncompressed X9.63 P-256 point), whatever text
    /// (base64, hex, PEM) the vendor file writes it in; nil when the key cannot be read.
    static func fingerprint(of key: SigningKey) -> String? {
        // Asked once per verified attestation (the floor it sets names its key): hashed once per key text.
        let memo = key.algorithm.rawValue + ":" + key.publicKey
        if let known = fingerprints.withLock({ $0[memo] }) { return known }
        guard let computed = computeFingerprint(of: key) else { return nil }
        fingerprints.withLock { $0[memo] = computed }
        return computed
    }

    private static let fingerprints = Mutex<[String: String]>([:])

    private static func computeFingerprint(of key: SigningKey) -> String? {
        let bytes: [UInt8]
        switch key.algorithm {
        case .ed25519:
            guard let k = try? ed25519Keys.value(for: key.publicKey, parse: { try PublicKeyText.ed25519($0) }) else { return nil }
            bytes = Array(k.rawRepresentation)
        case .ecdsaP256SHA256:
            guard let k = try? p256Keys.value(for: key.publicKey, parse: { try PublicKeyText.p256($0) }) else { return nil }
            bytes = Array(k.x963Representation)
        }
        return Hex.string(SHA256.hash(data: bytes))
    }
}

/// A small process-wide memo of parsed keys (a failed parse is not cached: it is reported every time).
private final class KeyCache<Key: Sendable>: Sendable {
    private let keys = Mutex<[String: Key]>([:])

    func value(for text: String, parse: (String) throws -> Key) throws -> Key {
        if let cached = keys.withLock({ $0[text] }) { return cached }
        let parsed = try parse(text)
        keys.withLock { $0[text] = parsed }
        return parsed
    }
}
