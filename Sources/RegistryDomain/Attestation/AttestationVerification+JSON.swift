public import RegistryJSON

extension AttestationVerification {
    /// The result for scripts: status, code, message, and for an accepted attestation its subject, key and payload.
    public var json: JSONValue {
        var members = [
            JSONMember("status", .string(rejection == nil ? "accepted" : "rejected")),
            JSONMember("code", .string(code)),
            JSONMember("message", .string(message)),
        ]
        if let a = attestation {
            members += [
                JSONMember("vendor", .string(a.payload.vendor)),
                JSONMember("tool", .string(a.payload.tool)),
                JSONMember("version", .number(String(a.payload.version))),
                JSONMember("issued", .string(a.payload.issued.description)),
                JSONMember("expires", .string(a.payload.expires.description)),
                JSONMember("keyid", .string(a.keyid)),
                JSONMember("algorithm", .string(a.algorithm.rawValue)),
                // Exactly the verified bytes, parsed once more for display; they parsed during verification.
                JSONMember("payload", (try? JSONParser.parse(a.payloadBytes).value) ?? .null),
            ]
        }
        return .object(members)
    }

    /// One sentence for people.
    public var message: String {
        switch self {
        case .verified(let a):
            "\(a.payload.tool) by \(a.payload.vendor), version \(a.payload.version), signed by \(a.keyid) (\(a.algorithm.rawValue))"
        case .unchanged(let a):
            "version \(a.payload.version) of \(a.payload.tool) is the one already verified: nothing new"
        case .rejected(let r):
            r.message
        }
    }
}
