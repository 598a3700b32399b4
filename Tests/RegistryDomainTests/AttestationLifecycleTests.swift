import Foundation
import RegistryDomain
import RegistryJSON
import RegistryStorage
import Testing

/// Attacks on the key lifecycle and the rollback floor, each refused with its own reason code.
@Suite struct AttestationLifecycleTests {
    typealias Kit = AttestationKit

    static let year2099 = Timestamp("2099-01-01T00:00:00Z") ?? Timestamp(secondsSinceEpoch: 0)

    /// The pinned Ed25519 key, retired `ago` seconds before now.
    func retired(ago: Int64) -> VendorRecord {
        Kit.vendor(keys: [Kit.ed.signingKey(keyid: "acme-ed", validFrom: Kit.keyFrom, validUntil: Kit.now.adding(seconds: -ago))])
    }

    @Test func leakedRetiredKeyBackDatingAnAttestationIsKeyRetired() throws {
        // Retired 30 days ago; the attacker writes issued = 60 days ago (inside the key's window), expiry 2099, version 99.
        let payload = Kit.payload(version: 99, issued: Kit.now.adding(seconds: -60 * Kit.day), expires: Self.year2099)
        let result = Kit.verify(try Kit.signed(payload), vendor: retired(ago: 30 * Kit.day))
        #expect(result.rejection?.code == .keyRetired, "\(result)")
        #expect(result.rejection?.message.contains("first seen") == true)
    }

    @Test func backDatedWithAnOrdinaryLifetimeIsStillKeyRetired() throws {
        let payload = Kit.payload(issued: Kit.now.adding(seconds: -31 * Kit.day), expires: Kit.now.adding(seconds: 30 * Kit.day))
        #expect(Kit.verify(try Kit.signed(payload), vendor: retired(ago: 30 * Kit.day)).rejection?.code == .keyRetired)
    }

    @Test func keyRetiredWithinTheClockSkewStillSigns() throws {
        let payload = Kit.payload(issued: Kit.now.adding(seconds: -400))
        #expect(Kit.verify(try Kit.signed(payload), vendor: retired(ago: 100)).code == "verified")
        #expect(Kit.verify(try Kit.signed(payload), vendor: retired(ago: 300)).rejection?.code == .keyRetired)
    }

    @Test func aNewerKeyBesideTheRetiredOneIsUsed() throws {
        // Rotation: both sign; the retired one is skipped, the current one verifies.
        var envelope = try Kit.envelope(Kit.bytes(Kit.payload()))
        let p256 = try Kit.envelope(Kit.bytes(Kit.payload()), key: Kit.p256, keyid: "acme-p256")
        envelope.signatures.append(p256.signatures[0])
        let vendor = Kit.vendor(keys: [
            Kit.ed.signingKey(keyid: "acme-ed", validFrom: Kit.keyFrom, validUntil: Kit.now.adding(seconds: -Kit.day)),
            Kit.p256.signingKey(keyid: "acme-p256", validFrom: Kit.keyFrom),
        ])
        #expect(Kit.verify(envelope.encoded(), vendor: vendor).attestation?.keyid == "acme-p256")
    }

    @Test func expiryIn2099IsLifetimeTooLong() throws {
        let result = Kit.verify(try Kit.signed(Kit.payload(expires: Self.year2099)))
        #expect(result.rejection?.code == .lifetimeTooLong, "\(result)")
        #expect(result.rejection?.message.contains("maxLifetimeDays") == true)
    }

    @Test func lifetimeCapIsInclusiveAndTheDefaultIs400Days() throws {
        let issued = Kit.now.adding(seconds: -Kit.day)
        #expect(Kit.verify(try Kit.signed(Kit.payload(issued: issued, expires: issued.adding(seconds: 400 * Kit.day)))).code == "verified")
        #expect(
            Kit.verify(try Kit.signed(Kit.payload(issued: issued, expires: issued.adding(seconds: 400 * Kit.day + 1)))).rejection?.code
                == .lifetimeTooLong)
    }

    @Test func policyCapsTheLifetime() throws {
        let policy = Policy(version: "t", studio: "t", attestations: .init(maxLifetimeDays: 30))
        let verifier = AttestationVerifier(now: Kit.now, policy: policy)
        // The kit's payload lives 31 days (issued yesterday, expires in 30 days).
        #expect(Kit.verify(try Kit.signed(), verifier: verifier).rejection?.code == .lifetimeTooLong)
    }

    @Test func versionTwoToThe63MinusOneIsVersionJumpEvenFirstSeen() throws {
        let result = Kit.verify(try Kit.signed(Kit.payload(version: Int.max)))
        #expect(result.rejection?.code == .versionJump, "\(result)")
        #expect(Kit.verify(try Kit.signed(Kit.payload(version: AttestationVerifier.maxVersion))).code == "verified")
    }

    @Test func versionStepIsBoundedAboveTheFloor() throws {
        #expect(Kit.verify(try Kit.signed(Kit.payload(version: 7 + 10_000)), last: 7).code == "verified")
        let result = Kit.verify(try Kit.signed(Kit.payload(version: 7 + 10_001)), last: 7)
        #expect(result.rejection?.code == .versionJump, "\(result)")
        #expect(result.rejection?.message.contains("maxVersionStep") == true)
        let tight = AttestationVerifier(now: Kit.now, policy: Policy(version: "t", studio: "t", attestations: .init(maxVersionStep: 1)))
        #expect(Kit.verify(try Kit.signed(Kit.payload(version: 9)), last: 7, verifier: tight).rejection?.code == .versionJump)
    }

    @Test func floorSetByARemovedKeyNoLongerCounts() throws {
        // A leaked key (since removed) pushed the floor to 50; the vendor's real version 8 verifies again.
        let leaked = AttestationSigner.generateKey(.ed25519).signingKey(keyid: "leaked", validFrom: Kit.keyFrom)
        let fingerprint: String = try #require(leaked.fingerprint)
        let floor = VersionFloor(version: 50, key: fingerprint)
        let result = Kit.verifier.verify(try Kit.signed(Kit.payload(version: 8)), vendor: Kit.vendor(), toolID: "acme-chat", floor: floor)
        #expect(result.code == "verified", "\(result)")
        // While the key is pinned, the floor holds.
        var withLeaked = Kit.vendor()
        withLeaked.keys.append(leaked)
        let held = Kit.verifier.verify(try Kit.signed(Kit.payload(version: 8)), vendor: withLeaked, toolID: "acme-chat", floor: floor)
        #expect(held.rejection?.code == .rollback, "\(held)")
    }

    @Test func verifiedAttestationRecordsTheKeyItsFloorIsTiedTo() throws {
        let result = Kit.verify(try Kit.signed())
        let fingerprint = try #require(result.attestation?.keyFingerprint)
        #expect(fingerprint == Kit.vendor().keys[0].fingerprint)
        #expect(result.attestation?.floor == VersionFloor(version: 7, key: fingerprint))
    }

    @Test func fingerprintIsTheKeyNotItsSpelling() throws {
        let key = Kit.ed.signingKey(keyid: "a", validFrom: Kit.keyFrom)
        let raw = try #require(Base64.bytes(key.publicKey))
        var spelled = key
        spelled.publicKey =
            "-----BEGIN PUBLIC KEY-----\n" + Base64.text([0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00] + raw)
            + "\n-----END PUBLIC KEY-----\n"
        #expect(spelled.fingerprint == key.fingerprint)
        #expect(key.fingerprint?.count == 64)
    }

    @Test func manyBadSignaturesMakeABoundedMessage() throws {
        var envelope = try Kit.envelope(Kit.bytes(Kit.payload()))
        let bad = Base64.text([UInt8](repeating: 1, count: 64))
        envelope.signatures = (0..<DSSEEnvelope.maxSignatures).map { _ in .init(keyid: "acme-ed", sig: bad) }
        let result = Kit.verify(envelope.encoded())
        #expect(result.rejection?.code == .badSignature)
        #expect((result.rejection?.message.utf8.count ?? .max) <= AttestationRejection.maxMessageLength)
    }

    @Test func longUnknownKeyidsMakeABoundedMessage() throws {
        var envelope = try Kit.envelope(Kit.bytes(Kit.payload()))
        envelope.signatures = (0..<DSSEEnvelope.maxSignatures).map { i in
            .init(keyid: String(repeating: "k", count: 190) + "\(i)", sig: envelope.signatures[0].sig)
        }
        let result = Kit.verify(envelope.encoded())
        #expect(result.rejection?.code == .unknownKey)
        #expect((result.rejection?.message.utf8.count ?? .max) <= AttestationRejection.maxMessageLength)
        #expect(result.rejection?.message.contains("more") == true)
    }

    @Test func storedFailureMessagesAreBounded() {
        let outcome = CheckOutcome(status: "bad-signature", message: String(repeating: "x", count: 100_000), since: Kit.now)
        #expect((outcome.message?.utf8.count ?? .max) <= AttestationRejection.maxMessageLength)
    }

    @Test func policyWithoutTheCapsUsesTheDefaults() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let shipped = try String(contentsOf: url.appendingPathComponent("Registry/policy.json"), encoding: .utf8)
        #expect(shipped.contains("\"maxLifetimeDays\": 400"))
        let older = shipped.replacingOccurrences(of: ",\n    \"maxLifetimeDays\": 400,\n    \"maxVersionStep\": 10000", with: "")
        #expect(!older.contains("maxLifetimeDays"))
        let (policy, issues) = RecordCodec.decode(Policy.self, from: Array(older.utf8), schema: RegistrySchemas.policy, file: "policy.json")
        #expect(issues.isEmpty, "\(issues)")
        #expect(policy?.attestations.maxLifetimeDays == 400)
        #expect(policy?.attestations.maxVersionStep == 10_000)
    }
}
