import ArgumentParser
import CommandLineSupport
import RegistryDomain
import RegistryJSON
import RegistryStorage

extension GenAIRegistryCommand.Attest {
    /// `attest verify`: checks an envelope against the registry's pinned keys, or against one given key.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Verify an attestation envelope and print the result with its reason code.",
            discussion: """
                With a registry (default ./Registry or the shipped one): the tool is --tool or the one the \
                payload names; its record gives the vendor, whose file pins the keys; the policy gives the \
                clock-skew allowance. With --public-key: that key alone (no validity window), for \
                --vendor and --tool, with the default skew of 300 s.

                --last-version N: the version last verified; lower is a rollback, equal is "unchanged".
                Reason codes: docs/attestation.md.

                Exit: 0 verified or unchanged, 3 the tool is not in the registry, 65 rejected or invalid \
                registry data, 74 a file cannot be read.
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: ArgumentHelp("The DSSE envelope file.", valueName: "envelope.json"))
        var envelope: String

        @Option(help: ArgumentHelp("The tool to verify for (default: the tool the payload names).", valueName: "id"))
        var tool: String?

        @Option(
            name: .customLong("public-key"),
            help: ArgumentHelp(
                "Verify with this public key (a file holding base64 or PEM, or the base64 itself) instead of the registry.",
                valueName: "key"))
        var publicKey: String?

        @Option(help: "The public key's algorithm (with --public-key).")
        var algorithm: KeyAlgorithm?

        @Option(help: ArgumentHelp("The public key's keyid (with --public-key).", valueName: "id"))
        var keyid: String?

        @Option(help: ArgumentHelp("The vendor id the attestation must name (with --public-key).", valueName: "id"))
        var vendor: String?

        @Option(name: .customLong("last-version"), help: ArgumentHelp("The last verified version of this attestation.", valueName: "n"))
        var lastVersion: Int?

        func validate() throws {
            if publicKey != nil {
                guard algorithm != nil, keyid != nil, vendor != nil, tool != nil else {
                    throw ValidationError("--public-key needs --algorithm, --keyid, --vendor and --tool")
                }
            } else if algorithm != nil || keyid != nil || vendor != nil {
                throw ValidationError("--algorithm, --keyid and --vendor go with --public-key; with a registry the vendor file gives the keys")
            }
            if let lastVersion, lastVersion < 1 { throw ValidationError("--last-version is a version number, 1 or more") }
        }

        func run() throws {
            let bytes: [UInt8]
            do { bytes = try FileIO.read(envelope) } catch {
                Console.error(error.description)
                throw ExitCode(ExitStatus.ioError)
            }
            let now = options.asOf == nil ? Clock.now : Timestamp(secondsSinceEpoch: Int64(options.today.daysSinceEpoch) * 86_400)
            let result: AttestationVerification
            if let publicKey, let algorithm, let keyid, let vendor, let tool {
                let text = FileIO.isFile(publicKey) ? String(decoding: (try? FileIO.read(publicKey)) ?? [], as: UTF8.self) : publicKey
                if let problem = PublicKeyText.problem(text, algorithm: algorithm.algorithm) {
                    Console.error("--public-key: \(problem)")
                    throw ExitCode(ExitStatus.invalidData)
                }
                // No validity window is known for a key given by hand: it counts as valid since the epoch.
                let key = SigningKey(keyid: keyid, algorithm: algorithm.algorithm, publicKey: text, validFrom: Timestamp(secondsSinceEpoch: 0))
                let record = VendorRecord(id: vendor, name: vendor, website: "https://\(vendor).invalid", keys: [key])
                let verifier = AttestationVerifier(now: now, policy: Policy(version: "default", studio: "default"))
                result = verifier.verify(bytes, vendor: record, toolID: tool, lastVerifiedVersion: lastVersion)
            } else {
                result = try verifyWithRegistry(bytes, now: now)
            }
            print(result)
            if result.rejection != nil { throw ExitCode(ExitStatus.invalidData) }
        }

        /// The record named by --tool or by the payload, its vendor's pinned keys, and the policy's skew.
        private func verifyWithRegistry(_ bytes: [UInt8], now: Timestamp) throws -> AttestationVerification {
            let store = try options.store()
            var toolID = tool
            if toolID == nil {
                do { toolID = try AttestationSubject.claimedTool(inEnvelope: bytes) } catch {
                    return .rejected(error)
                }
            }
            guard let toolID else {
                return .rejected(AttestationRejection(.malformed, "the payload names no tool; pass --tool to say which record to verify against"))
            }
            // The id becomes a file name: anything not id-shaped cannot be a tool and must not reach the path.
            guard Identifier.isValid(toolID), FileIO.isFile(store.toolPath(toolID)) else {
                Console.error("no tool \"\(toolID)\" in the registry \(store.root)")
                throw ExitCode(ExitStatus.unknownTool)
            }
            do {
                let record = try store.tool(id: toolID)
                let vendor = try store.vendor(id: record.vendor)
                let verifier = AttestationVerifier(now: now, policy: try store.policy())
                return verifier.verify(bytes, vendor: vendor, toolID: record.id, lastVerifiedVersion: lastVersion)
            } catch {
                throw ExitCode(ExitStatus.report(error))
            }
        }

        private func print(_ result: AttestationVerification) {
            if options.format == .json {
                Console.json(result.json)
                return
            }
            switch result {
            case .verified(let a), .unchanged(let a):
                let label = result.code == "verified" ? "VERIFIED" : "UNCHANGED"
                Console.out(Console.styled(label, .green, .bold) + "  " + result.message)
                Console.out("  issued    \(a.payload.issued)")
                Console.out("  expires   \(a.payload.expires)")
                for document in a.payload.documents {
                    Console.out("  document  \(document.url)" + (document.sha256.map { "  sha256 \($0)" } ?? ""))
                }
            case .rejected(let r):
                Console.out(Console.styled("REJECTED", .red, .bold) + "  [\(r.code.rawValue)] " + r.message)
            }
        }
    }
}
