/// The kinds of work a tool does; alternatives are suggested within a shared category.
public enum ToolCategory: String, Sendable, Codable, CaseIterable, Comparable {
    case text, image, video, audio, voice, music, threeD = "3d", code, translation

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Why a vendor keeps production content for its own ends (storage in the customer's own workspace is not listed here).
public enum RetentionPurpose: String, Sendable, Codable, CaseIterable {
    /// Logs kept to detect abuse of the service (often 30 days).
    case abuseMonitoring = "abuse-monitoring"
    /// Kept because a law, court or regulator requires it.
    case legalHold = "legal-hold"
    /// Kept for a period after the customer deletes it (purge and backup cycles).
    case deletionGrace = "deletion-grace"
    /// Cached or stored to serve the feature itself (e.g. stateful API objects, grounding caches).
    case serviceOperation = "service-operation"
    /// Used to improve the vendor's products.
    case serviceImprovement = "service-improvement"
    /// Read by the vendor's staff or contractors for the vendor's purposes.
    case humanReview = "human-review"
    /// Used to train or fine-tune models.
    case training
    /// Anything else; say what in the record's notes.
    case other
}

/// Whether and how the vendor trains on production inputs or outputs.
public enum TrainingUse: String, Sendable, Codable, CaseIterable {
    /// The vendor does not train on them.
    case never
    /// Off unless the customer turns it on.
    case optIn = "opt-in"
    /// On unless the customer turns it off.
    case optOut = "opt-out"
    /// The vendor trains on them and the customer cannot stop it.
    case always
    /// The vendor never receives the data (self-hosted or local processing).
    case noAccess = "no-access"
}

/// Where the tool runs.
public enum Deployment: String, Sendable, Codable, CaseIterable {
    /// The vendor's multi-tenant service.
    case saas
    /// The vendor's service inside the customer's own cloud account and region.
    case customerCloud = "customer-cloud"
    /// On the customer's own infrastructure.
    case selfHosted = "self-hosted"
    /// On the user's own machine.
    case local
}

/// Security certifications and attestations a policy may accept.
public enum Certification: String, Sendable, Codable, CaseIterable {
    /// SOC 2 where the source does not say which type: never taken for Type II.
    case soc2
    case soc2Type1 = "soc2-type1"
    case soc2Type2 = "soc2-type2"
    case soc3
    case iso27001
    case iso27017
    case iso27018
    case iso27701
    case iso42001
    case csaStar = "csa-star"
    case fedrampModerate = "fedramp-moderate"
    case fedrampHigh = "fedramp-high"
    case tisax
    case c5
    case hipaa

    /// How people write it.
    public var displayName: String {
        switch self {
        case .soc2: "SOC 2 (type not stated)"
        case .soc2Type1: "SOC 2 Type I"
        case .soc2Type2: "SOC 2 Type II"
        case .soc3: "SOC 3"
        case .iso27001: "ISO/IEC 27001"
        case .iso27017: "ISO/IEC 27017"
        case .iso27018: "ISO/IEC 27018"
        case .iso27701: "ISO/IEC 27701"
        case .iso42001: "ISO/IEC 42001"
        case .csaStar: "CSA STAR"
        case .fedrampModerate: "FedRAMP Moderate"
        case .fedrampHigh: "FedRAMP High"
        case .tisax: "TISAX"
        case .c5: "BSI C5"
        case .hipaa: "HIPAA"
        }
    }
}

/// Which part of a record a piece of evidence supports.
public enum EvidenceTopic: String, Sendable, Codable, CaseIterable {
    case retention, training, environment, general
}

/// Who wrote the cited page.
public enum SourceKind: String, Sendable, Codable, CaseIterable {
    /// The vendor's own terms, policy, help centre, documentation or trust page.
    case vendor
    /// A third party describing or quoting the vendor.
    case secondary
}

/// The kind of vendor document the refresh job watches.
public enum DocumentType: String, Sendable, Codable, CaseIterable {
    case terms, privacy, dataUse = "data-use", dpa, trust, help, other
}

/// The fields of a tool's arrangement that a condition can point at.
public enum ArrangementField: String, Sendable, Codable, CaseIterable {
    case enterpriseContract, dpaSigned, zeroDataRetention, trainingOptOut, ssoEnforced
}
