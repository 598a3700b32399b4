public import RegistryJSON

/// The schemas of the registry's hand-edited files. Field order here is the canonical order on disk.
public enum RegistrySchemas {
    /// The words of an enum as the schema's `oneOf` list.
    package static func words<T: RawRepresentable & CaseIterable>(_: T.Type) -> Schema.StringRule where T.RawValue == String {
        .oneOf(T.allCases.map(\.rawValue))
    }

    private static let shortText = Schema.string(.text(maxLength: 200))
    private static let longText = Schema.string(.text(maxLength: 4000))

    /// The terms of a tool record, shared with the attestation payload so both mean the same thing.
    public static let terms: Schema = .object([
        .init(
            "retention",
            .object([
                .init(
                    "vendorRetention",
                    .nullable(
                        .array(
                            .object([
                                .init("purpose", .string(words(RetentionPurpose.self))),
                                .init("days", .nullable(.integer(0...36_500))),
                            ])))),
                .init("publicByDefault", .nullable(.boolean)),
                .init("humanReview", .nullable(.boolean)),
                .init("perpetualLicence", .nullable(.boolean)),
                .init("customerControlledStorage", .nullable(.boolean)),
            ])),
        .init(
            "training",
            .object([
                .init("inputs", .nullable(.string(words(TrainingUse.self)))),
                .init("outputs", .nullable(.string(words(TrainingUse.self)))),
            ])),
        .init(
            "environment",
            .object([
                .init("deployment", .nullable(.string(words(Deployment.self)))),
                .init("enterpriseTenant", .nullable(.boolean)),
                .init("sso", .nullable(.boolean)),
                .init("dpa", .nullable(.boolean)),
                .init("certifications", .nullable(.array(.string(words(Certification.self)), unique: true))),
            ])),
    ])

    /// A terms document and, when known, the SHA-256 of its text: what a review read and what an attestation rests on.
    static let documentDigest: Schema = .object([
        .init("url", .string(.url)),
        .init("sha256", .nullable(.string(.sha256))),
    ])

    /// Sources for claims: a record's evidence, and a condition's.
    static let evidenceItem: Schema = .object([
        .init("about", .string(words(EvidenceTopic.self))),
        .init("url", .string(.url)),
        .init("source", .string(words(SourceKind.self))),
        .init("published", .string(.dayOrUndated)),
        .init("retrieved", .string(.day)),
        .init("summary", .string(.text(maxLength: 1000))),
        .init("quote", .nullable(.string(.text(maxLength: 200)))),
    ])

    /// `Registry/tools/ID.json`.
    public static let tool: Schema = .object([
        .init("id", .string(.identifier)),
        .init("name", shortText),
        .init("aliases", .array(shortText, unique: true)),
        .init("vendor", .string(.identifier)),
        .init("tier", .nullable(shortText)),
        .init("categories", .array(.string(words(ToolCategory.self)), minCount: 1, unique: true)),
        .init("summary", .nullable(.string(.text(maxLength: 500)))),
        .init("terms", terms),
        .init("evidence", .array(evidenceItem)),
        .init(
            "arrangement",
            .nullable(
                .object([
                    .init("enterpriseContract", .nullable(.boolean)),
                    .init("dpaSigned", .nullable(.boolean)),
                    .init("zeroDataRetention", .nullable(.boolean)),
                    .init("trainingOptOut", .nullable(.boolean)),
                    .init("ssoEnforced", .nullable(.boolean)),
                    .init("reference", .nullable(shortText)),
                    .init("since", .nullable(.string(.day))),
                    .init("notes", .nullable(longText)),
                ]))),
        .init(
            "conditions",
            .array(
                .object([
                    .init("principle", .string(words(Principle.self))),
                    .init("action", .string(.text(maxLength: 500))),
                    .init("arrangement", .string(words(ArrangementField.self))),
                    .init("evidence", .array(evidenceItem, minCount: 1)),
                ]))),
        .init("attestationURL", .nullable(.string(.url))),
        .init(
            "watch",
            .array(
                .object([
                    .init("type", .string(words(DocumentType.self))),
                    .init("url", .string(.url)),
                    // CSS selectors of the terms on the page and of parts to leave out; absent: the page's main content.
                    .init("select", .array(.string(.text(maxLength: 500)), minCount: 1), required: false),
                    .init("remove", .array(.string(.text(maxLength: 500))), required: false),
                ]))),
        .init(
            "review",
            .nullable(
                .object([
                    .init("by", shortText),
                    .init("on", .string(.day)),
                    .init("nextReviewBy", .nullable(.string(.day))),
                    .init(
                        "documents",
                        .array(documentDigest)),
                ]))),
        .init("notes", .nullable(longText)),
    ])

    /// `Registry/vendors/ID.json`.
    public static let vendor: Schema = .object([
        .init("id", .string(.identifier)),
        .init("name", shortText),
        .init("website", .string(.url)),
        .init("domains", .array(.string(.hostname), unique: true)),
        .init("contact", .nullable(shortText)),
        .init("trustCenter", .nullable(.string(.url))),
        .init(
            "keys",
            .array(
                .object([
                    .init("keyid", shortText),
                    .init("algorithm", .string(words(SigningKey.Algorithm.self))),
                    .init("publicKey", .string(.text(maxLength: 4000))),
                    .init("validFrom", .string(.timestamp)),
                    .init("validUntil", .nullable(.string(.timestamp))),
                ]))),
    ])

    /// `Registry/productions/ID.json`.
    public static let production: Schema = .object([
        .init("id", .string(.identifier)),
        .init("title", shortText),
        .init("studioContact", shortText),
        .init("notes", .nullable(longText)),
    ])

    /// `Registry/approvals/ID.json`: a disclosure, or a request for written approval and its decision.
    public static let approval: Schema = .object([
        .init("id", .string(.identifier)),
        .init("kind", .string(words(Approval.Kind.self))),
        .init("production", .string(.identifier)),
        .init("tool", .string(.identifier)),
        .init("uses", .array(.string(.identifier), unique: true)),
        .init(
            "judged",
            .object([
                .init("verdict", .string(words(OverallVerdict.self))),
                .init("termsSHA256", .string(.sha256)),
                .init("policyVersion", shortText),
                .init("on", .string(.day)),
            ])),
        .init(
            "requested",
            .object([
                .init("by", shortText),
                .init("on", .string(.day)),
            ])),
        .init(
            "decision",
            .nullable(
                .object([
                    .init("outcome", .string(words(Approval.Outcome.self))),
                    .init("conditions", .array(.string(.text(maxLength: 500)))),
                    .init("by", shortText),
                    .init("on", .string(.day)),
                    .init("until", .nullable(.string(.day))),
                    .init("reference", shortText),
                ]))),
        .init("notes", .nullable(longText)),
    ])

    /// `Registry/policy.json`.
    public static let policy: Schema = policy(for: Principles.rules)

    /// The policy schema when `rules` are the principles: each rule's object, in their order, from its own options.
    package static func policy(for rules: [any PrincipleRule]) -> Schema {
        .object([
            .init("version", shortText),
            .init("studio", shortText),
            .init("procurementContact", .nullable(shortText)),
            .init("principles", .object(rules.map(\.policyField))),
            .init(
                "review",
                .object([
                    .init("intervalDays", .integer(1...3650)),
                    .init("dueSoonDays", .integer(0...365)),
                ])),
            .init(
                "attestations",
                .object([
                    .init("clockSkewSeconds", .integer(0...86_400)),
                    .init("expiringSoonDays", .integer(0...365)),
                    .init("maxLifetimeDays", .integer(1...3650), required: false),
                    .init("maxVersionStep", .integer(1...1_000_000_000), required: false),
                ])),
            .init(
                "assessment",
                .object([
                    .init("whenUndetermined", .string(words(Policy.Decision.self))),
                    .init("whenNoncompliant", .string(words(Policy.Decision.self))),
                    .init(
                        "uses",
                        .array(
                            .object([
                                .init("use", .string(.identifier)),
                                .init("decision", .string(words(Policy.Decision.self))),
                                .init("reason", .string(.text(maxLength: 500))),
                            ]))),
                ])),
        ])
    }
}
