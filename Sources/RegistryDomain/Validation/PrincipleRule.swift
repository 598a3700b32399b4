package import RegistryJSON

/// How a record is judged against one principle. A new principle is one type conforming to this, in its own
/// file next to its `Principle` constant and its reason codes, plus one entry in `Principles.rules`. Its object in
/// the policy is `required` plus the `options` it declares; the policy schema is built from the rules.
package protocol PrincipleRule: Sendable {
    /// The principle judged, with the words every output uses for it.
    var principle: Principle { get }
    /// What the principle's evidence is about: only a source on this topic can make it pass.
    var topic: EvidenceTopic { get }
    /// Every code `evaluate` can give besides the shared `ReasonCode.anyPrinciple`.
    var reasonCodes: [ReasonCode] { get }
    /// The principle's options in the policy besides `required` (which every principle has), in file order.
    var options: [Schema.Field] { get }
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

    /// Only `required`, unless the rule declares more.
    package var options: [Schema.Field] { [] }

    /// The principle's entry in `Policy.Principles.required` (absent: required); a rule with options overrides this.
    package func isRequired(_ principles: Policy.Principles) -> Bool { principles.required[principle.rawValue] ?? true }

    /// The principle's object in the policy's `principles`: `required` and the rule's options. It may be absent
    /// (required, with the defaults), so a new principle does not make every existing policy file invalid.
    var policyField: Schema.Field {
        .init(principle.rawValue, .object([.init("required", .boolean)] + options), required: false)
    }
}

/// The principles the validator judges, in the order every output shows them.
package enum Principles {
    package static let rules: [any PrincipleRule] = [NoStoreRule(), NoTrainRule(), EnterpriseRule()]
}

extension Principle {
    /// The rule that judges this principle.
    package var rule: (any PrincipleRule)? { Principles.rules.first { $0.principle == self } }
}
