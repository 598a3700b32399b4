import ArgumentParser
import CommandLineSupport
import FoundationEssentials
import Glibc
import RegistryDomain
import RegistryJSON
import RegistryStorage

extension GenAIRegistryCommand.Attest {
    /// `attest keygen`: a new signing key; the private half to a file, the public half printed for the vendor file.
    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keygen",
            abstract: "Generate a signing key; print the key object to add to Registry/vendors/VENDOR.json.",
            discussion: """
                The private key is written as PEM PKCS#8 ("BEGIN PRIVATE KEY", readable by OpenSSL and \
                Python's cryptography) with mode 0600; an existing file is never overwritten. Standard \
                output is the JSON key object for the vendor file's "keys" array; validFrom is now.

                Exit: 0 written, 74 the file exists or cannot be written.
                """)

        @Option(help: "Signature algorithm.")
        var algorithm: KeyAlgorithm = .ed25519

        @Option(help: ArgumentHelp("Where to write the private key (must not exist).", valueName: "private-key-file"))
        var out: String

        @Option(help: ArgumentHelp("The key's id in the vendor file (default: hex SHA-256 of the public key).", valueName: "id"))
        var keyid: String?

        func validate() throws {
            if let keyid, keyid.allSatisfy(\.isWhitespace) || keyid.count > 200 {
                throw ValidationError("--keyid takes 1 to 200 characters")
            }
        }

        func run() throws {
            let key = AttestationSigner.generateKey(algorithm.algorithm)
            do { try PrivateKeyFile.create(Array(key.pemRepresentation.utf8), at: out) } catch {
                let reason = error.errno == EEXIST ? "already exists; refusing to overwrite a key (choose another --out)" : error.description
                Console.error(error.errno == EEXIST ? "\(out): \(reason)" : reason)
                throw ExitCode(ExitStatus.ioError)
            }
            let entry = key.signingKey(keyid: keyid ?? key.defaultKeyID, validFrom: Clock.now)
            Console.json(
                .object([
                    JSONMember("keyid", .string(entry.keyid)),
                    JSONMember("algorithm", .string(entry.algorithm.rawValue)),
                    JSONMember("publicKey", .string(entry.publicKey)),
                    JSONMember("validFrom", .string(entry.validFrom.description)),
                    JSONMember("validUntil", .null),
                ]))
            Console.error("private key written to \(out) (mode 0600); add the key object above to the \"keys\" of Registry/vendors/VENDOR.json")
        }
    }
}
