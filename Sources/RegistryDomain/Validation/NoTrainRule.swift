/// no-train: training on inputs and on outputs must each be `never`, `opt-in` or `no-access`;
/// `opt-out` passes only when the studio's referenced arrangement says the opt-out is exercised.
struct NoTrainRule {
    func evaluate(_ record: ToolRecord, _ arrangement: CountedArrangement) -> PrincipleResult {
        let t = record.terms.training
        let evidence = record.evidence.filter { $0.about == .training }
        var f = Findings()
        var usedArrangement = false
        // The same term for both reads as one sentence.
        let subjects: [(String, TrainingUse?)] = t.inputs == t.outputs
            ? [("inputs and outputs", t.inputs)]
            : [("inputs", t.inputs), ("outputs", t.outputs)]
        for (what, use) in subjects {
            switch use {
            case nil: f.add(.unknown, "training-unknown", "Not known whether the vendor trains on \(what).")
            case .never?: f.add(.pass, "no-training", "The vendor does not train on \(what).")
            case .optIn?: f.add(.pass, "opt-in-only", "Training on \(what) is off unless the customer turns it on.")
            case .noAccess?: f.add(.pass, "no-vendor-access", "The vendor never receives \(what), so cannot train on them.")
            case .always?: f.add(.fail, "always-trains", "The vendor trains on \(what) and the customer cannot stop it.")
            case .optOut?:
                if arrangement.counted?.trainingOptOut == true {
                    usedArrangement = true
                    f.add(.pass, "training-opt-out-exercised",
                          "Training on \(what) is on by default, but the studio has opted out (arrangement \(arrangement.reference)).")
                } else {
                    f.add(.fail, "trains-by-default", "The vendor trains on \(what) unless the customer opts out.")
                    if arrangement.unreferenced {
                        f.add(.fail, CountedArrangement.unreferencedReason.code, CountedArrangement.unreferencedReason.message)
                    }
                }
            }
        }
        // A pass that rests only on the studio's own opt-out needs no public source; any other pass does.
        let onlyArrangement = usedArrangement && [t.inputs, t.outputs].allSatisfy { $0 == .optOut }
        return f.result(.noTrain, evidence: evidence, passNeedsEvidence: !onlyArrangement)
    }
}
