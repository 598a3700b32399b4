public import RegistryJSON

/// ``Assessor/assess(_:uses:)``'s rule as data, for a client that answers the use-case question itself (the
/// published page's script): for each verdict, and each most severe decision among the uses asked, the
/// decision and its reasons in order.
///
/// It is made by running `assess` itself on stand-ins — a tool named ``namePlaceholder`` with no reasons of
/// its own, one use at each decision — so it says exactly what the assessor says and cannot drift from it.
public struct DecisionTable: Sendable, Equatable {
    /// Stands for the tool's name in a ``Part/reason(_:)``'s message.
    public static let namePlaceholder = "{name}"

    /// One entry of a row's reasons.
    public enum Part: Sendable, Equatable {
        /// The tool's own reasons: those of its assessment without uses, less the ``answerCodes``, in order.
        case tool
        /// Each use asked (once, in the order asked) whose decision is among ``useReasonShown``, with its reason.
        case uses
        /// A reason in the assessor's words, ``namePlaceholder`` standing for the tool's name.
        case reason(Reason)
    }

    /// The answer for a tool of `verdict` asked about uses whose most severe decision is `uses` (`proceed`
    /// when no use is asked).
    public struct Row: Sendable, Equatable {
        public var verdict: OverallVerdict
        public var uses: Policy.Decision
        public var decision: Policy.Decision
        /// What a production does next about a tool of this verdict, before any use (`Policy.nextStep`).
        public var nextStep: String
        public var reasons: [Part]
    }

    /// Every decision, least severe first: the most severe one a use asks for picks the row.
    public var decisions: [Policy.Decision]
    /// The decisions whose uses add their reason to the answer.
    public var useReasonShown: [Policy.Decision]
    /// The codes of the reasons the answer itself adds (given in the rows), never the tool's own.
    public var answerCodes: [ReasonCode]
    public var rows: [Row]

    /// The table of `policy`'s assessment rules.
    public init(policy: Policy) {
        let standInUse = "{use}"
        func assess(_ verdict: OverallVerdict, _ level: Policy.Decision) -> Assessment {
            var rules = policy
            rules.assessment.uses = [Policy.UseRule(use: standInUse, decision: level, reason: "{reason}")]
            let tool = ToolVerdict(
                tool: "{tool}", name: Self.namePlaceholder, vendor: "{vendor}", vendorName: nil, tier: nil, categories: [],
                verdict: verdict, principles: [], reasons: [], attestation: AttestationSummary(status: "none"),
                review: ReviewSummary(status: "current", by: nil, on: nil, due: nil), alternatives: [],
                asOf: Day(daysSinceEpoch: 0), policyVersion: policy.version, notes: nil)
            return Assessor(policy: rules).assess(tool, uses: [standInUse])
        }
        decisions = Policy.Decision.allCases.sorted()
        useReasonShown = decisions.filter { assess(.compliant, $0).reasons.contains { $0.code == .use(standInUse) } }
        var rows: [Row] = []
        var answerCodes: [ReasonCode] = []
        for verdict in OverallVerdict.allCases {
            // At the most severe decision the answer adds no reason of its own: what is left is the tool's.
            let own = Set(assess(verdict, decisions.last ?? .notPermitted).reasons.map(\.code)).subtracting([.use(standInUse)])
            for level in decisions {
                var parts: [Part] = []
                for reason in assess(verdict, level).reasons {
                    if reason.code == .use(standInUse) {
                        parts.append(.uses)
                    } else if own.contains(reason.code) {
                        if !parts.contains(.tool) { parts.append(.tool) }
                    } else {
                        parts.append(.reason(reason))
                        if !answerCodes.contains(reason.code) { answerCodes.append(reason.code) }
                    }
                }
                rows.append(
                    Row(
                        verdict: verdict, uses: level, decision: assess(verdict, level).decision,
                        nextStep: policy.nextStep(for: verdict), reasons: parts))
            }
        }
        self.rows = rows
        self.answerCodes = answerCodes
    }

    /// The table as served at `/v1/decisions`.
    public var json: JSONValue {
        .object([
            JSONMember("namePlaceholder", .string(Self.namePlaceholder)),
            JSONMember("decisions", .array(decisions.map { .string($0.rawValue) })),
            JSONMember("useReasonShown", .array(useReasonShown.map { .string($0.rawValue) })),
            JSONMember("answerCodes", .array(answerCodes.map { .string($0.rawValue) })),
            JSONMember(
                "rows",
                .array(
                    rows.map { row in
                        .object([
                            JSONMember("verdict", .string(row.verdict.rawValue)),
                            JSONMember("uses", .string(row.uses.rawValue)),
                            JSONMember("decision", .string(row.decision.rawValue)),
                            JSONMember("nextStep", .string(row.nextStep)),
                            JSONMember(
                                "reasons",
                                .array(
                                    row.reasons.map { part in
                                        switch part {
                                        case .tool: .object([JSONMember("from", .string("tool"))])
                                        case .uses: .object([JSONMember("from", .string("uses"))])
                                        case .reason(let reason): reason.json
                                        }
                                    })),
                        ])
                    })),
        ])
    }
}
