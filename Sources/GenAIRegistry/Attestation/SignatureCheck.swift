import Crypto

/// Verifies one raw signature under one pinned key, per algorithm.
enum SignatureCheck {
    /// Why a signature did not verify, in words (nil when it did).
    static func failure(signature: [UInt8], over message: [UInt8], key: SigningKey) -> String? {
        switch key.algorithm {
        case .ed25519:
            let publicKey: Curve25519.Signing.PublicKey
            do { publicKey = try PublicKeyText.ed25519(key.publicKey) } catch {
                return "the pinned key \(key.keyid) cannot be read (\(PublicKeyText.problem(key.publicKey, algorithm: key.algorithm) ?? "unreadable")); run lint"
            }
            guard signature.count == 64 else { return "an Ed25519 signature is 64 bytes, this one is \(signature.count)" }
            return publicKey.isValidSignature(signature, for: message) ? nil : "the Ed25519 signature does not match the payload"
        case .ecdsaP256SHA256:
            let publicKey: P256.Signing.PublicKey
            do { publicKey = try PublicKeyText.p256(key.publicKey) } catch {
                return "the pinned key \(key.keyid) cannot be read (\(PublicKeyText.problem(key.publicKey, algorithm: key.algorithm) ?? "unreadable")); run lint"
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
