/// The studio's policy (`Registry/policy.json`): every threshold and switch the validator uses.
public struct Policy: Sendable, Codable, Equatable {
    /// A label the studio changes whenever it changes the policy (shown with every verdict).
    public var version: String
    public var studio: String
    /// Who a production asks about a tool that is not in the registry (e-mail, URL or name).
    public var procurementContact: String?
    public var principles: Principles
    public var review: ReviewRules
    public var attestations: AttestationRules
    public var assessment: AssessmentRules

    public init(
        version: String, studio: String, procurementContact: String? = nil, principles: Principles = .init(), review: ReviewRules = .init(),
        attestations: AttestationRules = .init(), assessment: AssessmentRules = .init()
    ) {
        self.version = version
        self.studio = studio
        self.procurementContact = procurementContact
        self.principles = principles
        self.review = review
        self.attestations = attestations
        self.assessment = assessment
    }

    /// The options of each principle. A principle whose only option is `required` has no property of its own:
    /// it is an entry of `required`, so a new principle of that kind changes nothing here.
    ///
    /// A principle's object may be absent from the file: it is then required, with its rule's defaults (fail-safe).
    public struct Principles: Sendable, Codable, Equatable {
        public var noStore: NoStoreRules
        public var enterpriseSecured: EnterpriseRules
        /// `required` of every other principle, by id; a principle not listed is required.
        public var required: [String: Bool]

        /// The ids of the principles with options of their own (a property above), not entries of `required`.
        private static let typed: Set<String> = [Principle.noStore.rawValue, Principle.enterpriseSecured.rawValue]

        /// Every registered principle with only `required`, required: what a file that omits them means.
        private static var allRequired: [String: Bool] {
            Dictionary(uniqueKeysWithValues: Principle.allCases.map(\.rawValue).filter { !typed.contains($0) }.map { ($0, true) })
        }

        public init(noStore: NoStoreRules = .init(), enterpriseSecured: EnterpriseRules = .init(), required: [String: Bool] = [:]) {
            self.noStore = noStore
            self.enterpriseSecured = enterpriseSecured
            self.required = Self.allRequired.merging(required.filter { !Self.typed.contains($0.key) }) { _, given in given }
        }

        /// Whether the overall verdict depends on `principle` (fail-safe: yes for a principle without a rule).
        public func isRequired(_ principle: Principle) -> Bool { principle.rule?.isRequired(self) ?? true }

        /// The required-only options object of a principle: `{"required": true}`.
        private struct RequiredOnly: Codable {
            var required: Bool
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            noStore = try c.decodeIfPresent(NoStoreRules.self, forKey: AnyKey(Principle.noStore.rawValue)) ?? .init()
            enterpriseSecured = try c.decodeIfPresent(EnterpriseRules.self, forKey: AnyKey(Principle.enterpriseSecured.rawValue)) ?? .init()
            // The schema has already refused any id that is not a principle.
            var given: [String: Bool] = [:]
            for key in c.allKeys where !Self.typed.contains(key.stringValue) {
                given[key.stringValue] = try c.decode(RequiredOnly.self, forKey: key).required
            }
            required = Self.allRequired.merging(given) { _, given in given }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: AnyKey.self)
            try c.encode(noStore, forKey: AnyKey(Principle.noStore.rawValue))
            try c.encode(enterpriseSecured, forKey: AnyKey(Principle.enterpriseSecured.rawValue))
            // The canonical writer orders the keys as the schema does.
            for (id, isRequired) in required.sorted(by: { $0.key < $1.key }) where !Self.typed.contains(id) {
                try c.encode(RequiredOnly(required: isRequired), forKey: AnyKey(id))
            }
        }

        /// A principle's id as a key: the set of principles is not fixed here.
        private struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ stringValue: String) { self.stringValue = stringValue }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }

    /// no-store: which vendor purposes are tolerated, and for how long.
    public struct NoStoreRules: Sendable, Codable, Equatable {
        public var required: Bool
        public var allowedPurposes: [RetentionPurpose]
        public var maxRetentionDays: Int
        /// Allowed purposes whose period is set by law, not the vendor: the day limit does not apply.
        public var exemptFromDayLimit: [RetentionPurpose]

        public init(
            required: Bool = true, allowedPurposes: [RetentionPurpose] = [.abuseMonitoring, .legalHold, .deletionGrace],
            maxRetentionDays: Int = 30, exemptFromDayLimit: [RetentionPurpose] = [.legalHold]
        ) {
            self.required = required
            self.allowedPurposes = allowedPurposes
            self.maxRetentionDays = maxRetentionDays
            self.exemptFromDayLimit = exemptFromDayLimit
        }
    }

    /// enterprise-secured: self-hosted, or tenant + SSO + DPA + an accepted certification.
    public struct EnterpriseRules: Sendable, Codable, Equatable {
        public var required: Bool
        public var acceptedCertifications: [Certification]

        public init(required: Bool = true, acceptedCertifications: [Certification] = [.soc2Type2, .iso27001]) {
            self.required = required
            self.acceptedCertifications = acceptedCertifications
        }
    }

    /// When a record's review goes stale.
    public struct ReviewRules: Sendable, Codable, Equatable {
        public var intervalDays: Int
        /// How far ahead `review` warns that a review falls due.
        public var dueSoonDays: Int

        public init(intervalDays: Int = 180, dueSoonDays: Int = 30) {
            self.intervalDays = intervalDays
            self.dueSoonDays = dueSoonDays
        }
    }

    /// Attestation verification tolerances.
    public struct AttestationRules: Sendable, Codable, Equatable {
        /// How far in the future `issued` may lie before it is rejected (clocks differ).
        public var clockSkewSeconds: Int
        public var expiringSoonDays: Int
        /// The longest an attestation may claim to hold (`expires` − `issued`), in days.
        public var maxLifetimeDays: Int
        /// How far past the last verified version a new one may go: a leaked key cannot push the rollback
        /// floor out of the vendor's reach in one attestation.
        public var maxVersionStep: Int

        public init(clockSkewSeconds: Int = 300, expiringSoonDays: Int = 14, maxLifetimeDays: Int = 400, maxVersionStep: Int = 10_000) {
            self.clockSkewSeconds = clockSkewSeconds
            self.expiringSoonDays = expiringSoonDays
            self.maxLifetimeDays = maxLifetimeDays
            self.maxVersionStep = maxVersionStep
        }

        private enum CodingKeys: String, CodingKey { case clockSkewSeconds, expiringSoonDays, maxLifetimeDays, maxVersionStep }

        /// The two caps are optional in the file (policies written before them keep working, with the defaults).
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let defaults = AttestationRules()
            clockSkewSeconds = try c.decode(Int.self, forKey: .clockSkewSeconds)
            expiringSoonDays = try c.decode(Int.self, forKey: .expiringSoonDays)
            maxLifetimeDays = try c.decodeIfPresent(Int.self, forKey: .maxLifetimeDays) ?? defaults.maxLifetimeDays
            maxVersionStep = try c.decodeIfPresent(Int.self, forKey: .maxVersionStep) ?? defaults.maxVersionStep
        }
    }

    /// How `assess` decides for a use: the tool's verdict and each sensitive use raise the decision.
    public struct AssessmentRules: Sendable, Codable, Equatable {
        public var whenUndetermined: Decision
        public var whenNoncompliant: Decision
        public var uses: [UseRule]

        public init(
            whenUndetermined: Decision = .writtenApprovalRequired, whenNoncompliant: Decision = .notPermitted,
            uses: [UseRule] = UseRule.defaults
        ) {
            self.whenUndetermined = whenUndetermined
            self.whenNoncompliant = whenNoncompliant
            self.uses = uses
        }
    }

    /// What a production does next about a tool of `verdict` (before any sensitive use), in the words `check`
    /// and `assess` both use, so that the two never give different next steps for the same tool.
    public func nextStep(for verdict: OverallVerdict) -> String {
        switch verdict {
        case .compliant:
            return "may be used under the studio policy; inform your studio contact."
        case .noncompliant:
            switch assessment.whenNoncompliant {
            case .notPermitted: return "do not use it on a production."
            case .writtenApprovalRequired: return "not approved: use it only with written approval from your studio contact."
            case .proceed: return "not approved, but the studio policy lets you proceed: inform your studio contact."
            }
        case .undetermined:
            switch assessment.whenUndetermined {
            case .writtenApprovalRequired:
                return "not approved: procurement must review it; until then, use it only with written approval from your studio contact."
            case .notPermitted: return "not approved: do not use it until procurement has reviewed it."
            case .proceed:
                return "not established: procurement must review it; meanwhile the studio policy lets you proceed: inform your studio contact."
            }
        }
    }

    /// One use flag (`--use final-deliverable`) and what it requires.
    public struct UseRule: Sendable, Codable, Equatable {
        public var use: String
        public var decision: Decision
        /// Why, in the words shown to the production.
        public var reason: String

        public init(use: String, decision: Decision, reason: String) {
            self.use = use
            self.decision = decision
            self.reason = reason
        }

        /// The sensitive uses of the studio guidance; each needs written approval whatever the tool.
        public static let defaults: [UseRule] = [
            .init(
                use: "final-deliverable", decision: .writtenApprovalRequired,
                reason: "Generated material would appear in the final deliverable."),
            .init(
                use: "talent-likeness", decision: .writtenApprovalRequired,
                reason: "It would create or alter a performer's likeness, voice or performance; consent and union terms apply."),
            .init(
                use: "personal-data", decision: .writtenApprovalRequired,
                reason: "Personal or sensitive data (cast, crew, public) would be sent to the tool."),
            .init(
                use: "third-party-ip", decision: .writtenApprovalRequired,
                reason: "Third-party intellectual property or an artist's work would be used as input or reference."),
            .init(
                use: "key-creative-element", decision: .writtenApprovalRequired,
                reason: "It would generate key characters, settings or visual elements of the production."),
            .init(
                use: "real-events", decision: .writtenApprovalRequired,
                reason: "The content depicts real people or events and could be mistaken for fact."),
            .init(
                use: "union-work", decision: .writtenApprovalRequired,
                reason: "It would replace or alter work covered by a union or guild agreement."),
        ]
    }

    /// The outcome of `assess`, in increasing order of severity.
    public enum Decision: String, Sendable, Codable, CaseIterable, Comparable {
        case proceed
        case writtenApprovalRequired = "written-approval-required"
        case notPermitted = "not-permitted"

        private var rank: Int {
            switch self {
            case .proceed: 0
            case .writtenApprovalRequired: 1
            case .notPermitted: 2
            }
        }

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
    }
}
