public import RegistryJSON

/// A vendor (`Registry/vendors/ID.json`) and the keys it signs attestations with.
public struct VendorRecord: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var website: String
    /// Host names that are the vendor's own (a subdomain of one counts too); the website's host always does.
    public var domains: [String]
    /// Where to send questions about data handling (e-mail or URL).
    public var contact: String?
    public var trustCenter: String?
    /// Pinned attestation signing keys; an attestation verifies only under one of these.
    public var keys: [SigningKey]

    public init(
        id: String, name: String, website: String, domains: [String] = [], contact: String? = nil, trustCenter: String? = nil, keys: [SigningKey] = []
    ) {
        self.id = id
        self.name = name
        self.website = website
        self.domains = domains
        self.contact = contact
        self.trustCenter = trustCenter
        self.keys = keys
    }
}

/// A pinned public key and the period it may sign in.
public struct SigningKey: Sendable, Codable, Equatable {
    public enum Algorithm: String, Sendable, Codable, CaseIterable {
        case ed25519
        case ecdsaP256SHA256 = "ecdsa-p256-sha256"
    }

    public var keyid: String
    public var algorithm: Algorithm
    /// Base64 (raw Ed25519 key, or X9.63 / DER for P-256) or PEM.
    public var publicKey: String
    public var validFrom: Timestamp
    public var validUntil: Timestamp?

    public init(keyid: String, algorithm: Algorithm, publicKey: String, validFrom: Timestamp, validUntil: Timestamp? = nil) {
        self.keyid = keyid
        self.algorithm = algorithm
        self.publicKey = publicKey
        self.validFrom = validFrom
        self.validUntil = validUntil
    }

    /// Whether the key may sign at `instant`.
    public func isValid(at instant: Timestamp) -> Bool {
        validFrom <= instant && (validUntil.map { instant < $0 } ?? true)
    }
}
