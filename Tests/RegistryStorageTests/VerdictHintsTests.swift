import Foundation
import RegistryJSON
import TestSupport
import Testing

@testable import RegistryDomain
@testable import RegistryStorage

/// Alternatives in a large registry read only the tools the verdict hints name — and the hints can leave a
/// suggestion out, never put a tool that is not compliant in.
@Suite struct VerdictHintsTests {
    /// 300 video tools: most train on content (noncompliant), two compliant, one compliant once its condition is met.
    static func registry() throws -> TestRegistry {
        var tools: [ToolRecord] = []
        for i in 0..<300 {
            var t = Fixture.compliant(id: String(format: "video-%03d", i), categories: [.video])
            switch i {
            case 120, 240: break
            case 200:
                t.terms.retention.vendorRetention = [RetentionUse(purpose: .serviceOperation, days: nil)]
                t.conditions = [
                    Condition(
                        principle: .noStore, action: "Switch storage off.", arrangement: .zeroDataRetention,
                        evidence: [Fixture.evidence(.retention)])
                ]
            default:
                t.terms.training = Training(inputs: .always, outputs: .always)
            }
            tools.append(t)
        }
        return try TestRegistry(tools: tools)
    }

    static func hintsPath(_ r: TestRegistry) -> String { r.root + "/.cache/verdict-hints" }

    @Test func alternativesAreTheSameWithTheHintsAndTheHintsAreKept() throws {
        let r = try Self.registry()
        let lookup = Lookup(store: r.store, policy: Fixture.policy, today: Fixture.today)
        let first = try lookup.check("video-000")
        #expect(first.alternatives == ["video-120", "video-240"])
        #expect(first.alternativesOnceConditionsMet == ["video-200"])
        #expect(FileIO.isFile(Self.hintsPath(r)), "300 candidates: the hints are built and cached")
        let again = try lookup.check("video-001")
        #expect(again.alternatives == ["video-120", "video-240"])
        #expect(again.alternativesOnceConditionsMet == ["video-200"])
    }

    @Test func aHintedToolIsJudgedAgainBeforeItIsSuggested() throws {
        let r = try Self.registry()
        let lookup = Lookup(store: r.store, policy: Fixture.policy, today: Fixture.today)
        _ = try lookup.check("video-000")
        // Hints that (wrongly) call a noncompliant tool compliant and leave the real ones out.
        var text = try String(contentsOfFile: Self.hintsPath(r), encoding: .utf8)
        text = text.replacingOccurrences(of: "video-120\u{1F}c", with: "video-007\u{1F}c")
        try FileIO.writeAtomically(Array(text.utf8), to: Self.hintsPath(r), sync: false)
        let v = try lookup.check("video-000")
        #expect(!v.alternatives.contains("video-007"), "a hint is never an answer")
        #expect(v.alternatives == ["video-240"], "a tool the hints leave out is only missed, not wrongly suggested")
    }

    @Test func aChangedRegistryIsJudgedAgain() throws {
        let r = try Self.registry()
        let lookup = Lookup(store: r.store, policy: Fixture.policy, today: Fixture.today)
        _ = try lookup.check("video-000")
        try r.store.write(Fixture.compliant(id: "video-050", categories: [.video]), schema: RegistrySchemas.tool, to: r.store.toolPath("video-050"))
        let v = try lookup.check("video-000")
        #expect(v.alternatives == ["video-050", "video-120", "video-240"], "the tools folder changed: the hints are rebuilt")
        // Another day past the first review falling due makes them stale too.
        #expect(VerdictHints.load(for: r.store, today: Fixture.today) != nil)
        #expect(VerdictHints.load(for: r.store, today: Fixture.today.adding(days: 400)) == nil)
        #expect(VerdictHints.load(for: r.store, today: Fixture.today.adding(days: -1)) == nil)
    }
}
