import RegistryJSON

/// Reading a payload straight from a JSON value the schema has already accepted.
///
/// A refresh decodes thousands of payloads, and the generic `Decodable` route cost as much as parsing them.
/// These readers take each member by name and give nil at anything unexpected; the caller then falls back
/// to `Decodable`, which stays the reference (tests check the two agree).
extension AttestationPayload {
    init?(checked value: JSONValue) {
        guard let o = Members(value), let schema = o.string("schema"), let vendor = o.string("vendor"),
            let tool = o.string("tool"), let version = o.integer("version"),
            let issued = o.string("issued").flatMap(Timestamp.init), let expires = o.string("expires").flatMap(Timestamp.init),
            let terms = o["terms"].flatMap(Terms.init(checked:)), let list = o.array("documents")
        else { return nil }
        var documents: [AttestedDocument] = []
        documents.reserveCapacity(list.count)
        for item in list {
            guard let d = Members(item), let url = d.string("url"), let sha256 = d.optional("sha256", \.stringValue) else { return nil }
            documents.append(AttestedDocument(url: url, sha256: sha256))
        }
        self.init(schema: schema, vendor: vendor, tool: tool, version: version, issued: issued, expires: expires,
                  terms: terms, documents: documents)
    }
}

extension Terms {
    init?(checked value: JSONValue) {
        guard let o = Members(value), let r = o["retention"].flatMap(Members.init), let t = o["training"].flatMap(Members.init),
            let e = o["environment"].flatMap(Members.init)
        else { return nil }
        guard let uses = r.optional("vendorRetention", { $0.arrayValue }),
            let publicByDefault = r.optional("publicByDefault", \.boolValue), let humanReview = r.optional("humanReview", \.boolValue),
            let perpetualLicence = r.optional("perpetualLicence", \.boolValue),
            let customerControlledStorage = r.optional("customerControlledStorage", \.boolValue),
            let inputs = t.optional("inputs", { $0.stringValue.flatMap(TrainingUse.init(rawValue:)) }),
            let outputs = t.optional("outputs", { $0.stringValue.flatMap(TrainingUse.init(rawValue:)) }),
            let deployment = e.optional("deployment", { $0.stringValue.flatMap(Deployment.init(rawValue:)) }),
            let enterpriseTenant = e.optional("enterpriseTenant", \.boolValue), let sso = e.optional("sso", \.boolValue),
            let dpa = e.optional("dpa", \.boolValue),
            let certifications = e.optional("certifications", { Self.all($0.arrayValue, { $0.stringValue.flatMap(Certification.init(rawValue:)) }) })
        else { return nil }
        var vendorRetention: [RetentionUse]?
        if let uses {
            guard let read = Self.all(uses, { item -> RetentionUse? in
                guard let u = Members(item), let purpose = u.string("purpose").flatMap(RetentionPurpose.init(rawValue:)),
                    let days = u.optional("days", \.intValue)
                else { return nil }
                return RetentionUse(purpose: purpose, days: days)
            }) else { return nil }
            vendorRetention = read
        }
        self.init(
            retention: Retention(vendorRetention: vendorRetention, publicByDefault: publicByDefault, humanReview: humanReview,
                                 perpetualLicence: perpetualLicence, customerControlledStorage: customerControlledStorage),
            training: Training(inputs: inputs, outputs: outputs),
            environment: Environment(deployment: deployment, enterpriseTenant: enterpriseTenant, sso: sso, dpa: dpa,
                                     certifications: certifications))
    }

    /// Every element read, or nil when one cannot be.
    private static func all<T>(_ values: [JSONValue]?, _ read: (JSONValue) -> T?) -> [T]? {
        guard let values else { return nil }
        var out: [T] = []
        out.reserveCapacity(values.count)
        for value in values {
            guard let item = read(value) else { return nil }
            out.append(item)
        }
        return out
    }
}
