/// Compares recorded terms with the terms a verified attestation states.
public enum AttestationConflicts {
    /// The merged terms (the record, with fields it leaves `null` taken from the attestation) and one conflict
    /// per field both state differently, on the principle that field decides. On a conflict the merged terms
    /// keep the record's value: the conflict itself makes the principle undetermined until procurement decides.
    public static func between(record: Terms, attested: Terms, version: Int) -> (merged: Terms, conflicts: [EvaluationContext.Conflict]) {
        var comparison = Comparison(record: record, attested: attested, version: version)
        comparison.field(\.retention.vendorRetention, "retention.vendorRetention", .noStore, same: sameSet, text: retentionText)
        comparison.field(\.retention.publicByDefault, "retention.publicByDefault", .noStore)
        comparison.field(\.retention.humanReview, "retention.humanReview", .noStore)
        comparison.field(\.retention.perpetualLicence, "retention.perpetualLicence", .noStore)
        comparison.field(\.retention.customerControlledStorage, "retention.customerControlledStorage", .noStore)
        comparison.field(\.training.inputs, "training.inputs", .noTrain)
        comparison.field(\.training.outputs, "training.outputs", .noTrain)
        comparison.field(\.environment.deployment, "environment.deployment", .enterpriseSecured)
        comparison.field(\.environment.enterpriseTenant, "environment.enterpriseTenant", .enterpriseSecured)
        comparison.field(\.environment.sso, "environment.sso", .enterpriseSecured)
        comparison.field(\.environment.dpa, "environment.dpa", .enterpriseSecured)
        comparison.field(
            \.environment.certifications, "environment.certifications", .enterpriseSecured, same: sameSet,
            text: { $0.isEmpty ? "none" : $0.map(\.rawValue).joined(separator: ", ") })
        return (comparison.merged, comparison.conflicts)
    }

    private struct Comparison {
        let record: Terms
        let attested: Terms
        let version: Int
        var merged: Terms
        var conflicts: [EvaluationContext.Conflict] = []

        init(record: Terms, attested: Terms, version: Int) {
            self.record = record
            self.attested = attested
            self.version = version
            merged = record
        }

        mutating func field<T>(
            _ path: WritableKeyPath<Terms, T?>, _ name: String, _ principle: Principle,
            same: (T, T) -> Bool, text: (T) -> String
        ) {
            switch (record[keyPath: path], attested[keyPath: path]) {
            case (nil, let value?):
                merged[keyPath: path] = value
            case (let mine?, let theirs?) where !same(mine, theirs):
                conflicts.append(
                    EvaluationContext.Conflict(
                        principle: principle,
                        message: "\(name): the record says \(text(mine)), the signed attestation (version \(version)) says \(text(theirs))"))
            default:
                break
            }
        }

        mutating func field<T: Equatable & RawRepresentable>(_ path: WritableKeyPath<Terms, T?>, _ name: String, _ principle: Principle) {
            field(path, name, principle, same: ==, text: { "\($0.rawValue)" })
        }

        mutating func field(_ path: WritableKeyPath<Terms, Bool?>, _ name: String, _ principle: Principle) {
            field(path, name, principle, same: ==, text: { $0 ? "true" : "false" })
        }
    }

    /// Order and repetition carry no meaning in these lists, so they are compared as sets.
    private static func sameSet<T: Equatable>(_ a: [T], _ b: [T]) -> Bool {
        a.allSatisfy(b.contains) && b.allSatisfy(a.contains)
    }

    private static func retentionText(_ uses: [RetentionUse]) -> String {
        if uses.isEmpty { return "nothing is kept" }
        return uses.map { "\($0.purpose.rawValue) " + ($0.days.map { "\($0) days" } ?? "(no limit stated)") }.joined(separator: ", ")
    }
}
