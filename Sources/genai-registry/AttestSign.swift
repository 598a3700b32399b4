import ArgumentParser
import CommandLineSupport
import FoundationEssentials
import RegistryDomain
import RegistryJSON
import RegistryStorage

extension GenAIRegistryCommand.Attest {
    /// `attest sign`: payload file + private key → DSSE envelope.
    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign",
            abstract: "Sign an attestation payload into a DSSE envelope.",
            discussion: """
                The payload is checked against genai-attestation/v1 first (every problem with file, line and \
                JSON path); its bytes are signed exactly as they are in the file. With --in-toto the envelope \
                carries an in-toto Statement v1 made from it instead (each document then needs its sha256).

                Exit: 0 signed, 65 invalid payload or key, 74 a file cannot be read or written.
                """)

        @Argument(help: ArgumentHelp("The payload JSON file.", valueName: "payload.json"))
        var payload: String

        @Option(help: ArgumentHelp("The private key (PEM) from `attest keygen`.", valueName: "private-key-file"))
        var key: String

        @Option(help: ArgumentHelp("The keyid the vendor file pins this key under.", valueName: "id"))
        var keyid: String

        @Option(help: ArgumentHelp("Write the envelope here (atomically) instead of standard output.", valueName: "envelope.json"))
        var out: String?

        @Flag(name: .customLong("in-toto"), help: "Sign an in-toto Statement v1 made from the payload (subjects: its documents).")
        var inToto = false

        func run() throws {
            let bytes = try read(payload)
            let (decoded, issues) = AttestationPayload.decode(bytes, file: payload)
            guard let decoded else {
                for issue in issues { Console.error(issue.description) }
                Console.error("\(payload): not a valid attestation payload; nothing was signed")
                throw ExitCode(ExitStatus.invalidData)
            }
            let privateKey: AttestationPrivateKey
            do { privateKey = try AttestationPrivateKey(pem: String(decoding: try read(key), as: UTF8.self)) } catch let error as AttestationKeyError
            {
                Console.error("\(key): \(error.description)")
                throw ExitCode(ExitStatus.invalidData)
            }
            if decoded.expires <= Clock.now { Console.error("warning: this attestation expired at \(decoded.expires); verifiers will reject it") }
            if decoded.issued < Clock.now.adding(seconds: -86_400) {
                Console.error(
                    "warning: issued (\(decoded.issued)) is more than a day ago; verifiers reject it when the key's validFrom is later (set issued to the signing time)"
                )
            }
            if inToto, let missing = decoded.documents.first(where: { $0.sha256 == nil }) {
                Console.error(
                    "\(payload): \(missing.url) has no sha256; an in-toto subject needs the SHA-256 of the document's normalised text (attest digest)"
                )
                throw ExitCode(ExitStatus.invalidData)
            }
            let signed = inToto ? InTotoStatement.statement(for: decoded) : bytes
            let envelope: DSSEEnvelope
            do {
                envelope = try AttestationSigner.sign(
                    signed, with: privateKey, keyid: keyid,
                    payloadType: inToto ? DSSE.inTotoPayloadType : DSSE.attestationPayloadType)
            } catch {
                Console.error(error.description)
                throw ExitCode(ExitStatus.invalidData)
            }
            guard let out else {
                Console.writeAll(Array(envelope.encoded()), to: Console.standardOutput)
                return
            }
            // The atomic write renames a new file over the target: that must never replace a device such
            // as /dev/null or a directory, only a regular file (or nothing).
            if FileManager.default.fileExists(atPath: out), !FileIO.isFile(out) {
                Console.error("\(out): not a regular file; refusing to replace it (omit --out to write to standard output)")
                throw ExitCode(ExitStatus.ioError)
            }
            do { try FileIO.writeAtomically(envelope.encoded(), to: out) } catch {
                Console.error(error.description)
                throw ExitCode(ExitStatus.ioError)
            }
            Console.error("signed \(decoded.tool) version \(decoded.version) with \(keyid) (\(privateKey.algorithm.rawValue)) → \(out)")
        }

        private func read(_ path: String) throws -> [UInt8] {
            do { return try FileIO.read(path) } catch {
                Console.error(error.description)
                throw ExitCode(ExitStatus.ioError)
            }
        }
    }
}
