/// How a record is judged against one principle. A new principle is one type conforming to this, in its own
/// file next to its `Principle` constant and its reason codes, plus one entry in `Principles.rules`.
package protocol PrincipleRule: Sendable {
    /// The principle judged, with the words every output uses for it.
    var principle: Principle { get }
    /// What the principle's evidence is about: only a source on this topic can make it pass.
    var topic: EvidenceTopic { get }
    /// Every code `evaluate` can give besides the shared `ReasonCode.anyPrinciple`.
    var reasonCodes: [ReasonCode] { get }
    /// Whether the policy requires the principle for a compliant verdict.
    func isRequired(_ principles: Policy.Principles) -> Bool
    /// The principle's status for `record`, with its reasons and the evidence it rests on.
    func evaluate(_ record: ToolRecord, _ arrangement: CountedArrangement, _ policy: Policy) -> PrincipleResult
    /// The JSON paths of the facts not known that keep the principle unknown, so `review` can name them.
    func blockingUnknowns(_ terms: Terms, _ arrangement: CountedArrangement, _ policy: Policy) -> [String]
}

extension PrincipleRule {
    /// The record's evidence on the principle's topic.
    func evidence(_ record: ToolRecord) -> [Evidence] { record.evidence.filter { $0.about == topic } }
}

/// The principles the validator judges, in the order every output shows them.
package enum Principles {
    package static let rules: [any PrincipleRule] = [NoStoreRule(), NoTrainRule(), EnterpriseRule()]
}

extension Principle {
    /// The rule that judges this principle.
    package var rule: (any PrincipleRule)? { Principles.rules.first { $0.principle == self } }
}
