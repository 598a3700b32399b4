import RegistryJSON

/// Reading state files straight from parsed JSON.
///
/// Every command that looks at the refresh state reads whole shards, and through the generic `Decodable`
/// route decoding a shard cost as much as parsing it (a refresh after a night of changes reads all 256).
/// These readers take each member by name and give nil at anything unexpected; the caller then decodes with
/// `Decodable`, which stays the reference (a test checks the two agree).
extension StateStore.ShardFile {
    init?(reading value: JSONValue) {
        guard let o = Members(value), let format = o.string("format"), let tools = o["tools"],
              let states = Members.dictionary(tools, ToolState.init(reading:))
        else { return nil }
        self.init(format: format, tools: states)
    }
}

extension ToolState {
    init?(reading value: JSONValue) {
        guard let o = Members(value), let attestation = o.optional("attestation", AttestationState.init(reading:)),
              let documents = o["documents"].flatMap({ Members.dictionary($0, DocumentState.init(reading:)) })
        else { return nil }
        self.init(attestation: attestation, documents: documents)
    }
}

extension AttestationState {
    init?(reading value: JSONValue) {
        guard let o = Members(value), let url = o.string("url"),
              let etag = o.optional("etag", \.stringValue), let lastModified = o.optional("lastModified", \.stringValue),
              let highestVersion = o.optional("highestVersion", \.intValue), let envelope = o.optional("envelope", \.stringValue),
              let verifiedAt = o.optional("verifiedAt", Timestamp.init(reading:)), let versionKey = o.optional("versionKey", \.stringValue),
              let lastCheck = o.optional("lastCheck", CheckOutcome.init(reading:))
        else { return nil }
        self.init(url: url)
        self.etag = etag
        self.lastModified = lastModified
        self.highestVersion = highestVersion
        self.envelope = envelope
        self.verifiedAt = verifiedAt
        self.versionKey = versionKey
        self.lastCheck = lastCheck
    }
}

extension DocumentState {
    init?(reading value: JSONValue) {
        guard let o = Members(value),
              let etag = o.optional("etag", \.stringValue), let lastModified = o.optional("lastModified", \.stringValue),
              let sha256 = o.optional("sha256", \.stringValue), let rawSHA256 = o.optional("rawSHA256", \.stringValue),
              let changedAt = o.optional("changedAt", Timestamp.init(reading:)),
              let lastCheck = o.optional("lastCheck", CheckOutcome.init(reading:))
        else { return nil }
        self.init()
        self.etag = etag
        self.lastModified = lastModified
        self.sha256 = sha256
        self.rawSHA256 = rawSHA256
        self.changedAt = changedAt
        self.lastCheck = lastCheck
    }
}

extension CheckOutcome {
    init?(reading value: JSONValue) {
        guard let o = Members(value), let status = o.string("status"), let message = o.optional("message", \.stringValue),
              let since = o["since"].flatMap(Timestamp.init(reading:))
        else { return nil }
        self.init(status: status, message: message, since: since)
    }
}

extension Timestamp {
    /// A timestamp from a JSON string, as `Decodable` reads one.
    init?(reading value: JSONValue) {
        guard let text = value.stringValue, let timestamp = Timestamp(text) else { return nil }
        self = timestamp
    }
}
