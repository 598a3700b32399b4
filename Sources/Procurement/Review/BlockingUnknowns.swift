import RegistryDomain

/// Which "not known" fields of a record keep a required principle `unknown`, named by JSON path so
/// procurement knows exactly what to find out (and `review` can say it).
enum BlockingUnknowns {
    /// The null fields (and missing evidence) behind each unknown required principle of `verdict`.
    /// `terms` are the terms the verdict judged (the record's, filled in from a verified attestation).
    static func fields(_ record: ToolRecord, terms: Terms, verdict: ToolVerdict, policy: Policy) -> [String] {
        let arrangement = CountedArrangement(record.arrangement)
        var out: [String] = []
        for result in verdict.principles where result.required && result.status == .unknown {
            guard let rule = result.principle.rule else { continue }
            let codes = Set(result.reasons.map(\.code))
            out += rule.blockingUnknowns(terms, arrangement, policy)
            if codes.contains(.noEvidence) || codes.contains(.noFindings) {
                out.append("$.evidence (no source about \(rule.topic.rawValue))")
            }
        }
        return out
    }
}
