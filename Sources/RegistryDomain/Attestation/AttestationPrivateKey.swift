import Crypto
import FoundationEssentials
public import RegistryJSON

/// A vendor's private signing key (Ed25519 or ECDSA P-256), read from and written as PEM PKCS#8.
public struct AttestationPrivateKey: Sendable {
    private enum Storage: Sendable {
        case ed25519(Curve25519.Signing.PrivateKey)
        case p256(P256.Signing.PrivateKey)
    }

    private let storage: Storage

    /// A fresh random key.
    public static func generate(_ algorithm: SigningKey.Algorithm) -> AttestationPrivateKey {
        switch algorithm {
        case .ed25519: AttestationPrivateKey(storage: .ed25519(Curve25519.Signing.PrivateKey()))
        case .ecdsaP256SHA256: AttestationPrivateKey(storage: .p256(P256.Signing.PrivateKey()))
        }
    }

    /// Reads a `PRIVATE KEY` PEM (PKCS#8; for P-256 also `EC PRIVATE KEY`), as `attest keygen`, OpenSSL and
    /// Python's `cryptography` write them.
    public init(pem: String) throws(AttestationKeyError) {
        if let seed = Self.ed25519Seed(fromPEM: pem) {
            do { storage = .ed25519(try Curve25519.Signing.PrivateKey(rawRepresentation: seed)) } catch {
                throw AttestationKeyError("the Ed25519 private key is not usable")
            }
            return
        }
        do { storage = .p256(try P256.Signing.PrivateKey(pemRepresentation: pem)) } catch {
            throw AttestationKeyError("not an Ed25519 or ECDSA P-256 private key in PEM (PKCS#8 \"BEGIN PRIVATE KEY\")")
        }
    }

    private init(storage: Storage) { self.storage = storage }

    public var algorithm: SigningKey.Algorithm {
        switch storage {
        case .ed25519: .ed25519
        case .p256: .ecdsaP256SHA256
        }
    }

    /// PEM PKCS#8 (`-----BEGIN PRIVATE KEY-----`) for either algorithm.
    public var pemRepresentation: String {
        switch storage {
        case .p256(let key): return key.pemRepresentation + "\n"
        case .ed25519(let key):
            let der = Self.ed25519PKCS8Prefix + Array(key.rawRepresentation)
            let body = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
            return "-----BEGIN PRIVATE KEY-----\n\(body)\n-----END PRIVATE KEY-----\n"
        }
    }

    /// The public key as a vendor file's `publicKey`: base64 of the raw 32 bytes (Ed25519) or of the DER
    /// SubjectPublicKeyInfo (P-256) — one line, so it sits in JSON without escapes.
    public var publicKeyText: String {
        Data(publicKeyBytes).base64EncodedString()
    }

    /// Hex SHA-256 of the public key bytes, a keyid that names the key without any registry of names.
    public var defaultKeyID: String {
        Hex.string(SHA256.hash(data: publicKeyBytes))
    }

    /// The vendor-file entry for this key.
    public func signingKey(keyid: String, validFrom: Timestamp, validUntil: Timestamp? = nil) -> SigningKey {
        SigningKey(keyid: keyid, algorithm: algorithm, publicKey: publicKeyText, validFrom: validFrom, validUntil: validUntil)
    }

    /// The signature over `message`: 64 raw bytes for Ed25519, DER for P-256 (what OpenSSL and Python emit).
    func signature(over message: [UInt8]) throws(AttestationKeyError) -> [UInt8] {
        do {
            switch storage {
            case .ed25519(let key): return Array(try key.signature(for: message))
            case .p256(let key): return Array(try key.signature(for: message).derRepresentation)
            }
        } catch { throw AttestationKeyError("signing failed: \(error)") }
    }

    private var publicKeyBytes: [UInt8] {
        switch storage {
        case .ed25519(let key): Array(key.publicKey.rawRepresentation)
        case .p256(let key): Array(key.publicKey.derRepresentation)
        }
    }

    /// PKCS#8 OneAsymmetricKey for Ed25519 (RFC 8410): always this 16-byte DER prefix, then the 32-byte seed.
    private static let ed25519PKCS8Prefix: [UInt8] = [
        0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ]

    private static func ed25519Seed(fromPEM pem: String) -> [UInt8]? {
        guard pem.contains("-----BEGIN PRIVATE KEY-----") else { return nil }
        let body = pem.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("-----") }.joined()
        guard let der = Data(base64Encoded: String(body)).map(Array.init), der.count == 48,
            der.starts(with: ed25519PKCS8Prefix)
        else { return nil }
        return Array(der.suffix(32))
    }
}
