import ArgumentParser
import CommandLineSupport
import FoundationEssentials
import RegistryDomain
import RegistryJSON

extension GenAIRegistryCommand {
    /// `attest keygen|sign|verify`: the vendor side of signed attestations, and checking one offline.
    struct Attest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "attest",
            abstract: "Create, sign and verify vendor attestations (DSSE envelopes).",
            discussion: """
                A vendor generates a key (keygen), adds the printed public key to Registry/vendors/VENDOR.json, \
                signs a payload (sign) and publishes the envelope at the record's attestationURL. Anyone can \
                check an envelope offline (verify). The format: docs/attestation.md.
                """,
            subcommands: [Keygen.self, Sign.self, Verify.self, Digest.self, ResetFloor.self])
    }
}

/// The signing algorithms, as options spell them.
enum KeyAlgorithm: String, ExpressibleByArgument, CaseIterable {
    case ed25519
    case ecdsaP256SHA256 = "ecdsa-p256-sha256"

    var algorithm: SigningKey.Algorithm {
        switch self {
        case .ed25519: .ed25519
        case .ecdsaP256SHA256: .ecdsaP256SHA256
        }
    }
}

/// The current instant, whole seconds.
enum Clock {
    static var now: Timestamp { Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)) }
}
