extension Principle {
    /// no-train: no training on production content.
    public static let noTrain = Principle(
        id: "no-train", title: "No training",
        summary: "the vendor does not train or fine-tune on them.",
        heading: "No training on production content",
        clause: "does not *train* on them", shortName: "no-train")
}

extension ReasonCode {
    /// `never`: the vendor does not train on them.
    public static let noTraining = ReasonCode("no-training")
    /// `opt-in`: off unless the customer turns it on.
    public static let optInOnly = ReasonCode("opt-in-only")
    /// `no-access`: the vendor never receives the data.
    public static let noVendorAccess = ReasonCode("no-vendor-access")
    /// `opt-out`, and the studio's referenced arrangement says it opted out.
    public static let trainingOptOutExercised = ReasonCode("training-opt-out-exercised")
    /// `opt-out`: on unless the customer opts out.
    public static let trainsByDefault = ReasonCode("trains-by-default")
    /// `always`: the customer cannot stop it.
    public static let alwaysTrains = ReasonCode("always-trains")
    /// Not known for inputs or outputs.
    public static let trainingUnknown = ReasonCode("training-unknown")
}

/// no-train: training on inputs and on outputs must each be `never`, `opt-in` or `no-access`;
/// `opt-out` passes only when the studio's referenced arrangement says the opt-out is exercised.
struct NoTrainRule: PrincipleRule {
    var principle: Principle { .noTrain }
    var topic: EvidenceTopic { .training }
    var reasonCodes: [ReasonCode] {
        [.noTraining, .optInOnly, .noVendorAccess, .trainingOptOutExercised, .trainsByDefault, .alwaysTrains, .trainingUnknown]
    }

    func evaluate(_ record: ToolRecord, _ arrangement: CountedArrangement, _ policy: Policy) -> PrincipleResult {
        let t = record.terms.training
        let evidence = evidence(record)
        var f = Findings()
        var usedArrangement = false
        // The same term for both reads as one sentence.
        let subjects: [(String, TrainingUse?)] =
            t.inputs == t.outputs
            ? [("inputs and outputs", t.inputs)]
            : [("inputs", t.inputs), ("outputs", t.outputs)]
        for (what, use) in subjects {
            switch use {
            case nil: f.add(.unknown, .trainingUnknown, "Not known whether the vendor trains on \(what).")
            case .never?: f.add(.pass, .noTraining, "The vendor does not train on \(what).")
            case .optIn?: f.add(.pass, .optInOnly, "Training on \(what) is off unless the customer turns it on.")
            case .noAccess?: f.add(.pass, .noVendorAccess, "The vendor never receives \(what), so cannot train on them.")
            case .always?: f.add(.fail, .alwaysTrains, "The vendor trains on \(what) and the customer cannot stop it.")
            case .optOut?:
                if arrangement.counted?.trainingOptOut == true {
                    usedArrangement = true
                    f.add(
                        .pass, .trainingOptOutExercised,
                        "Training on \(what) is on by default, but the studio has opted out (arrangement \(arrangement.reference)).")
                } else {
                    f.add(.fail, .trainsByDefault, "The vendor trains on \(what) unless the customer opts out.")
                    if arrangement.unreferenced {
                        f.add(.fail, CountedArrangement.unreferencedReason.code, CountedArrangement.unreferencedReason.message)
                    }
                }
            }
        }
        // A pass that rests only on the studio's own opt-out needs no public source; any other pass does.
        let onlyArrangement = usedArrangement && [t.inputs, t.outputs].allSatisfy { $0 == .optOut }
        return f.result(principle, evidence: evidence, passNeedsEvidence: !onlyArrangement)
    }

    func blockingUnknowns(_ terms: Terms, _ arrangement: CountedArrangement, _ policy: Policy) -> [String] {
        [terms.training.inputs == nil ? "$.terms.training.inputs" : nil, terms.training.outputs == nil ? "$.terms.training.outputs" : nil]
            .compactMap { $0 }
    }
}
