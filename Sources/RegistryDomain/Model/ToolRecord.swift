public import RegistryJSON

/// One tool at one tier (`Registry/tools/ID.json`): what it is, its recorded terms, the evidence,
/// the studio's own arrangement, what to watch and the last review.
public struct ToolRecord: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    /// Other names people type (`chatgpt`, `Claude for Work`); matched case-insensitively.
    public var aliases: [String]
    public var vendor: String
    /// The plan or tier this record covers, in the vendor's words.
    public var tier: String?
    public var categories: [ToolCategory]
    /// One sentence for people: what the tool is.
    public var summary: String?
    public var terms: Terms
    public var evidence: [Evidence]
    public var arrangement: Arrangement?
    /// What the studio can do to make a failing or unknown principle pass, each with its source.
    public var conditions: [Condition]
    /// Where the vendor publishes its signed attestation for this tool, if it does.
    public var attestationURL: String?
    public var watch: [WatchedDocument]
    public var review: Review?
    /// Conflicts between sources, open questions, what to ask the vendor.
    public var notes: String?

    public init(
        id: String, name: String, aliases: [String] = [], vendor: String, tier: String? = nil,
        categories: [ToolCategory], summary: String? = nil, terms: Terms, evidence: [Evidence] = [],
        arrangement: Arrangement? = nil, conditions: [Condition] = [], attestationURL: String? = nil, watch: [WatchedDocument] = [],
        review: Review? = nil, notes: String? = nil
    ) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.vendor = vendor
        self.tier = tier
        self.categories = categories
        self.summary = summary
        self.terms = terms
        self.evidence = evidence
        self.arrangement = arrangement
        self.conditions = conditions
        self.attestationURL = attestationURL
        self.watch = watch
        self.review = review
        self.notes = notes
    }
}

/// The vendor's data-handling terms for a tool; every field may be nil, meaning "not known".
public struct Terms: Sendable, Codable, Equatable {
    public var retention: Retention
    public var training: Training
    public var environment: Environment

    public init(retention: Retention = .init(), training: Training = .init(), environment: Environment = .init()) {
        self.retention = retention
        self.training = training
        self.environment = environment
    }
}

/// What the vendor keeps of production inputs and outputs, and for what.
public struct Retention: Sendable, Codable, Equatable {
    /// Each purpose the vendor keeps content for, with the longest period; `[]` = keeps nothing; nil = not known.
    public var vendorRetention: [RetentionUse]?
    /// Content is visible to other users unless the customer pays or acts.
    public var publicByDefault: Bool?
    /// The vendor's people may read content for the vendor's own purposes.
    public var humanReview: Bool?
    /// The customer grants the vendor a perpetual or irrevocable licence to inputs or outputs.
    public var perpetualLicence: Bool?
    /// Content is otherwise kept only in the customer's own workspace, under the customer's control and deletion.
    public var customerControlledStorage: Bool?

    public init(
        vendorRetention: [RetentionUse]? = nil, publicByDefault: Bool? = nil, humanReview: Bool? = nil,
        perpetualLicence: Bool? = nil, customerControlledStorage: Bool? = nil
    ) {
        self.vendorRetention = vendorRetention
        self.publicByDefault = publicByDefault
        self.humanReview = humanReview
        self.perpetualLicence = perpetualLicence
        self.customerControlledStorage = customerControlledStorage
    }
}

/// One reason the vendor keeps content, and for how long.
public struct RetentionUse: Sendable, Codable, Equatable {
    public var purpose: RetentionPurpose
    /// The longest period in days; nil = not stated.
    public var days: Int?

    public init(purpose: RetentionPurpose, days: Int?) {
        self.purpose = purpose
        self.days = days
    }
}

/// Training on production inputs and on outputs, separately.
public struct Training: Sendable, Codable, Equatable {
    public var inputs: TrainingUse?
    public var outputs: TrainingUse?

    public init(inputs: TrainingUse? = nil, outputs: TrainingUse? = nil) {
        self.inputs = inputs
        self.outputs = outputs
    }
}

/// Where the tool runs and which enterprise protections it offers.
public struct Environment: Sendable, Codable, Equatable {
    public var deployment: Deployment?
    /// An enterprise tenant (an organisation account the customer administers) is offered on this tier.
    public var enterpriseTenant: Bool?
    /// Single sign-on (SAML or OIDC) is available.
    public var sso: Bool?
    /// A data-processing agreement is offered.
    public var dpa: Bool?
    /// Certifications the vendor holds for this service.
    public var certifications: [Certification]?

    public init(
        deployment: Deployment? = nil, enterpriseTenant: Bool? = nil, sso: Bool? = nil, dpa: Bool? = nil,
        certifications: [Certification]? = nil
    ) {
        self.deployment = deployment
        self.enterpriseTenant = enterpriseTenant
        self.sso = sso
        self.dpa = dpa
        self.certifications = certifications
    }
}

/// A source for a claim: where, when, who wrote it, and what it says in our own words.
public struct Evidence: Sendable, Codable, Equatable {
    public var about: EvidenceTopic
    public var url: String
    public var source: SourceKind
    /// The date the page shows (`YYYY-MM-DD`) or `undated`.
    public var published: String
    public var retrieved: Day
    /// A paraphrase in our own words; never a long quotation.
    public var summary: String
    /// At most a few words of the source, where the exact term matters.
    public var quote: String?

    public init(
        about: EvidenceTopic, url: String, source: SourceKind, published: String = "undated", retrieved: Day,
        summary: String, quote: String? = nil
    ) {
        self.about = about
        self.url = url
        self.source = source
        self.published = published
        self.retrieved = retrieved
        self.summary = summary
        self.quote = quote
    }
}

/// The studio's own arrangement with the vendor for this tool; it can make a principle pass that public terms do not.
public struct Arrangement: Sendable, Codable, Equatable {
    /// An enterprise contract covering this tool is in place.
    public var enterpriseContract: Bool?
    /// A data-processing agreement is signed.
    public var dpaSigned: Bool?
    /// Zero data retention is approved by the vendor and enabled for the studio.
    public var zeroDataRetention: Bool?
    /// The studio has turned training off for its accounts (opt-out exercised).
    public var trainingOptOut: Bool?
    /// Single sign-on is set up and enforced for the studio's users.
    public var ssoEnforced: Bool?
    /// Contract, ticket or e-mail reference; an arrangement without one is not counted.
    public var reference: String?
    public var since: Day?
    public var notes: String?

    public init(
        enterpriseContract: Bool? = nil, dpaSigned: Bool? = nil, zeroDataRetention: Bool? = nil,
        trainingOptOut: Bool? = nil, ssoEnforced: Bool? = nil, reference: String? = nil, since: Day? = nil, notes: String? = nil
    ) {
        self.enterpriseContract = enterpriseContract
        self.dpaSigned = dpaSigned
        self.zeroDataRetention = zeroDataRetention
        self.trainingOptOut = trainingOptOut
        self.ssoEnforced = ssoEnforced
        self.reference = reference
        self.since = since
        self.notes = notes
    }
}

extension Arrangement {
    /// Marks `field` as done.
    public mutating func record(_ field: ArrangementField) {
        switch field {
        case .enterpriseContract: enterpriseContract = true
        case .dpaSigned: dpaSigned = true
        case .zeroDataRetention: zeroDataRetention = true
        case .trainingOptOut: trainingOptOut = true
        case .ssoEnforced: ssoEnforced = true
        }
    }

    /// Whether the arrangement records `field` as done.
    public func records(_ field: ArrangementField) -> Bool {
        switch field {
        case .enterpriseContract: enterpriseContract == true
        case .dpaSigned: dpaSigned == true
        case .zeroDataRetention: zeroDataRetention == true
        case .trainingOptOut: trainingOptOut == true
        case .ssoEnforced: ssoEnforced == true
        }
    }
}

/// Something the studio can do so that a principle passes, and the arrangement field that records it done.
public struct Condition: Sendable, Codable, Equatable {
    /// The principle it settles.
    public var principle: Principle
    /// What to do, in one imperative sentence.
    public var action: String
    /// The field of the record's arrangement that records the action as done.
    public var arrangement: ArrangementField
    /// Where the vendor says the studio can do it.
    public var evidence: [Evidence]

    public init(principle: Principle, action: String, arrangement: ArrangementField, evidence: [Evidence]) {
        self.principle = principle
        self.action = action
        self.arrangement = arrangement
        self.evidence = evidence
    }
}

/// A vendor document the refresh job watches for changes.
public struct WatchedDocument: Sendable, Codable, Equatable {
    public var type: DocumentType
    public var url: String
    /// CSS selectors of the parts of the page that are the terms (Open Terms Archive's meaning); nil: the main content.
    public var select: [String]?
    /// CSS selectors of parts to leave out of them.
    public var remove: [String]?

    public init(type: DocumentType, url: String, select: [String]? = nil, remove: [String]? = nil) {
        self.type = type
        self.url = url
        self.select = select
        self.remove = remove
    }
}

/// The last procurement review of the record.
public struct Review: Sendable, Codable, Equatable {
    public var by: String
    public var on: Day
    /// Review again by this day at the latest (the policy interval applies too).
    public var nextReviewBy: Day?
    /// SHA-256 of each watched document's normalised text at review time.
    public var documents: [ReviewedDocument]

    public init(by: String, on: Day, nextReviewBy: Day? = nil, documents: [ReviewedDocument] = []) {
        self.by = by
        self.on = on
        self.nextReviewBy = nextReviewBy
        self.documents = documents
    }
}

/// A watched document as it was when reviewed.
public struct ReviewedDocument: Sendable, Codable, Equatable {
    public var url: String
    /// Hex SHA-256 of the normalised text; nil when it was not fetched at review time.
    public var sha256: String?

    public init(url: String, sha256: String?) {
        self.url = url
        self.sha256 = sha256
    }
}
