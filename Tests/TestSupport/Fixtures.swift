public import RegistryDomain
public import RegistryJSON

/// Records and policies built in code, so each test states exactly the facts it depends on.
public enum Fixture {
    public static let today = Day(year: 2026, month: 11, day: 21) ?? Day(daysSinceEpoch: 0)
    public static let policy = Policy(version: "test-1", studio: "Test Studio")

    public static func evidence(_ topic: EvidenceTopic) -> Evidence {
        Evidence(
            about: topic, url: "https://vendor.example/\(topic.rawValue)", source: .vendor, published: "undated",
            retrieved: today.adding(days: -1), summary: "What the vendor says about \(topic.rawValue).")
    }

    /// A record that passes every principle under the default policy, reviewed yesterday.
    public static func compliant(id: String = "tool-a", vendor: String = "vendor-a", categories: [ToolCategory] = [.text]) -> ToolRecord {
        ToolRecord(
            id: id, name: "Tool \(id)", aliases: [], vendor: vendor, categories: categories,
            terms: Terms(
                retention: Retention(
                    vendorRetention: [RetentionUse(purpose: .abuseMonitoring, days: 30)],
                    publicByDefault: false, humanReview: false, perpetualLicence: false, customerControlledStorage: nil),
                training: Training(inputs: .never, outputs: .never),
                environment: Environment(deployment: .saas, enterpriseTenant: true, sso: true, dpa: true, certifications: [.soc2Type2])),
            evidence: [evidence(.retention), evidence(.training), evidence(.environment)],
            watch: [WatchedDocument(type: .terms, url: "https://vendor.example/terms")],
            review: Review(by: "Tester", on: today.adding(days: -1), nextReviewBy: today.adding(days: 170)))
    }

    public static func vendor(_ id: String = "vendor-a") -> VendorRecord {
        VendorRecord(id: id, name: "Vendor \(id)", website: "https://\(id).example", domains: ["vendor.example"])
    }

    public static func verdict(_ record: ToolRecord, policy: Policy = policy, today: Day = today, context: EvaluationContext = .init()) -> ToolVerdict
    {
        Validator(policy: policy, today: today).evaluate(record, context: context)
    }
}

extension ToolVerdict {
    /// The status of one principle (unknown when absent, which a test would then notice).
    public func status(_ p: Principle) -> PrincipleStatus { result(p)?.status ?? .unknown }
    /// The reason codes of one principle.
    public func codes(_ p: Principle) -> [String] { result(p)?.reasons.map(\.code.rawValue) ?? [] }
}
