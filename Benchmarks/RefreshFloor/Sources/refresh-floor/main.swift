// The least a refresh that verifies could cost on this machine, measured rather than computed: the same
// attestations fetched through the product's transport (libcurl, 64 transfers, 128 workers as `refresh`
// runs them) and then only
//   fetch       — nothing: the bodies are dropped (what the transport alone costs);
//   signatures  — the envelope read and its Ed25519 signature checked, nothing else (no payload, no state);
//   verify      — the product's whole AttestationVerifier, still no state.
// Usage: refresh-floor fetch|signatures|verify REGISTRY. Exits 1 unless every attestation got through.
import Crypto
import CurlTransport
import Foundation
import RegistryDomain
import RegistryJSON
import RegistryStorage
import Synchronization

enum Mode: String { case fetch, signatures, verify }

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("refresh-floor: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let mode = Mode(rawValue: arguments[1]) else {
    fail("usage: refresh-floor fetch|signatures|verify REGISTRY")
}
let targets: RefreshTargets
do { targets = try RefreshTargets.load(RegistryStore(root: arguments[2])) } catch { fail("\(error)") }
let jobs: [(tool: String, url: String, vendor: VendorRecord)] = targets.tools.values.compactMap { tool in
    guard let url = tool.attestationURL, let vendor = targets.vendors[tool.vendor] else { return nil }
    return (tool.id, url, vendor)
}
// The one key per vendor the generated registry pins, parsed once (as the product's key cache does).
var keys: [String: Curve25519.Signing.PublicKey] = [:]
for vendor in targets.vendors.values {
    guard let key = vendor.keys.first, key.algorithm == .ed25519, let parsed = try? PublicKeyText.ed25519(key.publicKey) else {
        fail("vendor \(vendor.id) has no readable Ed25519 key")
    }
    keys[vendor.id] = parsed
}
let publicKeys = keys

var configuration = TransportConfiguration()
configuration.allowPlainHTTP = true
configuration.maxConcurrentTransfers = 64
configuration.maxConnectionsPerHost = 64
let client: CurlClient
do { client = try CurlClient(configuration: configuration) } catch { fail(error.description) }
let verifier = AttestationVerifier(now: Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)), clockSkewSeconds: 300)

/// Whether one fetched body passes the mode's work.
@Sendable func passes(_ body: [UInt8], tool: String, vendor: VendorRecord) -> Bool {
    switch mode {
    case .fetch:
        return !body.isEmpty
    case .signatures:
        guard let envelope = try? DSSEEnvelope.parse(body), let payload = envelope.payloadBytes,
            let signature = envelope.signatures.first, let sig = Data(base64Encoded: signature.sig),
            let key = publicKeys[vendor.id]
        else { return false }
        return key.isValidSignature(sig, for: DSSE.pae(payloadType: envelope.payloadType, payload: payload))
    case .verify:
        if case .verified = verifier.verify(body, vendor: vendor, toolID: tool, lastVerifiedVersion: nil) { return true }
        return false
    }
}

let cursor = Atomic<Int>(0)
let passed = Atomic<Int>(0)
await withTaskGroup(of: Void.self) { group in
    for _ in 0..<min(128, jobs.count) {
        group.addTask {
            while true {
                let index = cursor.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < jobs.count else { return }
                let job = jobs[index]
                guard let response = try? await client.fetch(TransportRequest(url: job.url)) else { continue }
                if passes(Array(response.body), tool: job.tool, vendor: job.vendor) { passed.add(1, ordering: .relaxed) }
            }
        }
    }
}
client.shutdown()
let count = passed.load(ordering: .relaxed)
guard count == jobs.count else { fail("\(mode.rawValue): \(count) of \(jobs.count) attestations passed") }
print("\(mode.rawValue): \(count) attestations")
