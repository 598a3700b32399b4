import Foundation
import Testing
import GenAIRegistry

/// The shipped catalogue (`Registry/` at the package root): it must lint clean, and the verdicts on the
/// clearest real cases are pinned so that a data edit or a rule change that flips one is noticed.
@Suite struct CatalogueTests {
    /// `Registry/` next to `Package.swift`: this file is `Tests/GenAIRegistryTests/CatalogueTests.swift`.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Registry").path

    /// The day the pins are for: the records were reviewed on 2026-11-20 and are due by 2027-05-19.
    static let today = Day("2026-11-21")!

    static func lookup() throws -> Lookup {
        let store = RegistryStore(root: root)
        return Lookup(store: store, policy: try store.policy(), today: today)
    }

    // MARK: - The registry as a whole

    @Test func shippedRegistryLintsWithoutErrors() async throws {
        let snapshot = try RegistrySnapshot.load(RegistryStore(root: Self.root))
        let errors = snapshot.issues.filter { $0.severity == .error }
        #expect(!snapshot.hasErrors, "lint errors: \(errors.map(\.description))")
        #expect(snapshot.invalidTools.isEmpty)
        #expect(snapshot.tools.count >= 37)
        #expect(snapshot.policy != nil)
        // Every tool names a vendor that has a file.
        for tool in snapshot.tools.values {
            #expect(snapshot.vendors[tool.vendor] != nil, "\(tool.id): vendor \(tool.vendor) has no file")
        }
    }

    /// Every fact-sheet row has its record (ids from issue 4).
    @Test(arguments: [
        "openai-chatgpt-free", "openai-chatgpt-enterprise", "openai-api", "azure-openai", "microsoft-365-copilot",
        "github-copilot-business", "anthropic-claude-consumer", "anthropic-claude-enterprise", "anthropic-api",
        "google-gemini-app", "google-gemini-workspace", "google-vertex-ai", "google-gemini-api", "amazon-bedrock",
        "adobe-firefly", "midjourney", "stability-hosted-api", "stability-self-hosted", "runway-self-serve",
        "runway-enterprise", "elevenlabs-self-serve", "elevenlabs-enterprise", "descript", "synthesia",
        "heygen-self-serve", "luma-dream-machine", "pika", "suno", "udio", "kling", "topaz-labs-desktop",
        "autodesk-flow-studio", "meta-ai", "mistral-le-chat-consumer", "mistral-le-chat-enterprise", "mistral-api",
        "deepl-free", "deepl-pro",
    ])
    func everyRowHasACurrentRecord(id: String) throws {
        let verdict = try Self.lookup().verdict(id: id)
        #expect(verdict.tool == id)
        // Desk research of 2026-11-20: current, never stale on the pinned day, and no arrangement claimed.
        #expect(verdict.review.status == "current")
        #expect(verdict.reasons.isEmpty, "\(id): \(verdict.reasons)")
        #expect(verdict.attestation.status == "none")
    }

    // MARK: - Pinned verdicts

    struct Pin: Sendable, CustomTestStringConvertible {
        var id: String
        var verdict: OverallVerdict
        var noStore: PrincipleStatus
        var noTrain: PrincipleStatus
        var enterprise: PrincipleStatus
        var testDescription: String { id }
    }

    @Test(arguments: [
        // Consumer tiers that train by default: fail everything.
        Pin(id: "openai-chatgpt-free", verdict: .noncompliant, noStore: .fail, noTrain: .fail, enterprise: .fail),
        Pin(id: "anthropic-claude-consumer", verdict: .noncompliant, noStore: .fail, noTrain: .fail, enterprise: .fail),
        Pin(id: "google-gemini-app", verdict: .noncompliant, noStore: .fail, noTrain: .fail, enterprise: .fail),
        Pin(id: "mistral-le-chat-consumer", verdict: .noncompliant, noStore: .fail, noTrain: .fail, enterprise: .fail),
        Pin(id: "deepl-free", verdict: .noncompliant, noStore: .fail, noTrain: .fail, enterprise: .fail),
        Pin(id: "meta-ai", verdict: .noncompliant, noStore: .fail, noTrain: .fail, enterprise: .fail),
        // Media tools whose terms license content for training.
        Pin(id: "midjourney", verdict: .noncompliant, noStore: .fail, noTrain: .fail, enterprise: .fail),
        Pin(id: "runway-self-serve", verdict: .noncompliant, noStore: .fail, noTrain: .fail, enterprise: .fail),
        Pin(id: "suno", verdict: .noncompliant, noStore: .fail, noTrain: .fail, enterprise: .fail),
        // Self-hosted open weights: the vendor never receives anything.
        Pin(id: "stability-self-hosted", verdict: .compliant, noStore: .pass, noTrain: .pass, enterprise: .pass),
        // Nothing known: never approved by default.
        Pin(id: "kling", verdict: .undetermined, noStore: .unknown, noTrain: .unknown, enterprise: .unknown),
        Pin(id: "autodesk-flow-studio", verdict: .undetermined, noStore: .unknown, noTrain: .unknown, enterprise: .unknown),
        Pin(id: "runway-enterprise", verdict: .undetermined, noStore: .unknown, noTrain: .unknown, enterprise: .unknown),
        // No storage, no training — but no sourced SSO / DPA / certification in the fact sheet yet.
        Pin(id: "amazon-bedrock", verdict: .undetermined, noStore: .pass, noTrain: .pass, enterprise: .unknown),
        Pin(id: "deepl-pro", verdict: .undetermined, noStore: .pass, noTrain: .pass, enterprise: .unknown),
        Pin(id: "openai-api", verdict: .undetermined, noStore: .pass, noTrain: .pass, enterprise: .unknown),
        Pin(id: "azure-openai", verdict: .undetermined, noStore: .pass, noTrain: .pass, enterprise: .unknown),
        // Enterprise tiers that do not train but keep content longer than the default policy allows.
        Pin(id: "openai-chatgpt-enterprise", verdict: .noncompliant, noStore: .fail, noTrain: .pass, enterprise: .unknown),
        Pin(id: "anthropic-claude-enterprise", verdict: .noncompliant, noStore: .fail, noTrain: .pass, enterprise: .pass),
        Pin(id: "anthropic-api", verdict: .noncompliant, noStore: .fail, noTrain: .pass, enterprise: .unknown),
    ])
    func pinnedVerdict(_ pin: Pin) throws {
        let v = try Self.lookup().verdict(id: pin.id)
        #expect(v.verdict == pin.verdict)
        #expect(v.result(.noStore)?.status == pin.noStore)
        #expect(v.result(.noTrain)?.status == pin.noTrain)
        #expect(v.result(.enterpriseSecured)?.status == pin.enterprise)
    }

    /// The deciding reason on the cases a production asks about most.
    @Test(arguments: [
        ("openai-chatgpt-free", Principle.noTrain, "trains-by-default"),
        ("anthropic-claude-consumer", Principle.noTrain, "trains-by-default"),
        ("midjourney", Principle.noStore, "public-by-default"),
        ("midjourney", Principle.noStore, "perpetual-licence"),
        ("midjourney", Principle.noTrain, "always-trains"),
        ("openai-chatgpt-enterprise", Principle.noStore, "disallowed-purpose"),
        ("anthropic-api", Principle.noStore, "retention-too-long"),
        ("stability-self-hosted", Principle.enterpriseSecured, "self-hosted"),
        ("stability-self-hosted", Principle.noTrain, "no-vendor-access"),
        ("amazon-bedrock", Principle.noStore, "allowed-retention"),
        ("deepl-pro", Principle.noStore, "no-vendor-retention"),
        ("kling", Principle.noTrain, "training-unknown"),
    ])
    func decidingReason(id: String, principle: Principle, code: String) throws {
        let result = try #require(try Self.lookup().verdict(id: id).result(principle))
        #expect(result.reasons.contains { $0.code == code }, "\(id) \(principle.rawValue): \(result.reasons.map(\.code))")
    }

    /// No tool is approved without a sourced pass on every principle: the only compliant record is the self-hosted one.
    @Test func onlySelfHostedIsCompliantOnPublicTermsAlone() throws {
        let lookup = try Self.lookup()
        let ids = try RegistryStore(root: Self.root).toolIDs()
        let compliant = try ids.filter { try lookup.verdict(id: $0).verdict == .compliant }
        #expect(compliant == ["stability-self-hosted"])
    }

    // MARK: - Names people type

    @Test(arguments: [
        ("ChatGPT Plus", "openai-chatgpt-free"),
        ("ChatGPT Team", "openai-chatgpt-enterprise"),
        ("Claude Pro", "anthropic-claude-consumer"),
        ("Claude for Work", "anthropic-claude-enterprise"),
        ("Gemini Advanced", "google-gemini-app"),
        ("Dream Machine", "luma-dream-machine"),
        ("Stable Diffusion", "stability-self-hosted"),
        ("Le Chat Pro", "mistral-le-chat-consumer"),
        ("AWS Bedrock", "amazon-bedrock"),
        ("DeepL API", "deepl-pro"),
    ])
    func aliasFindsTheTier(query: String, id: String) throws {
        #expect(try ToolResolver(store: RegistryStore(root: Self.root)).resolve(query) == id)
    }

    /// A product name shared by several tiers must list the tiers, never pick one.
    @Test(arguments: ["chatgpt", "claude", "gemini", "copilot", "le chat", "deepl", "runway", "elevenlabs"])
    func productNameIsAmbiguousAcrossTiers(query: String) throws {
        do {
            let id = try ToolResolver(store: RegistryStore(root: Self.root)).resolve(query)
            Issue.record("\(query) resolved to the single tool \(id)")
        } catch .ambiguousTool(_, let matches) {
            #expect(matches.count >= 2)
        } catch {
            Issue.record("\(query): expected an ambiguity, got \(error)")
        }
    }
}
