import ArgumentParser
import CommandLineSupport
import RegistryDomain
import RegistryJSON
import RegistryStorage

/// The arguments `disclose` and `approval request` share: the tool, the production, the uses and who on the
/// production records them.
struct ProductionUseOptions: ParsableArguments {
    @Argument(help: "The tool's id, name or alias.")
    var tool: String

    @Option(help: "The production's id (Registry/productions/ID.json).")
    var production: String

    @Option(name: .customLong("use"), help: ArgumentHelp("What the tool will be used for (repeatable, or comma-separated).", valueName: "use"))
    var uses: [String] = []

    @Option(help: "Who on the production discloses the use or asks for approval (recorded with it).")
    var by: String
}

/// What `assess --production`, `disclose` and `approval request` share: the production, the tool as judged
/// today, the approvals on record and the decision for the uses asked about.
struct ProductionUse {
    let store: RegistryStore
    let policy: Policy
    let production: Production
    let book: ApprovalBook
    let record: ToolRecord
    let assessment: Assessment

    /// The use flags typed (repeatable, comma-separated), checked against the policy: unknown ones are a usage error.
    static func flags(_ uses: [String], assessor: Assessor) throws(ExitCode) -> [String] {
        let flags = uses.flatMap { $0.split(separator: ",") }.map { $0.trimmingWhitespace().lowercased() }.filter { !$0.isEmpty }
        let unknown = assessor.unknownUses(flags)
        if !unknown.isEmpty {
            Console.error(
                "unknown use \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")); the policy defines: \(assessor.knownUses.joined(separator: ", "))"
            )
            throw ExitCode(ExitStatus.usage)
        }
        return flags
    }

    /// The production `id` and the approvals on record; an unknown production is a usage error naming the known ones.
    static func production(_ id: String, store: RegistryStore, policy: Policy, today: Day) throws(ExitCode) -> (Production, ApprovalBook) {
        let book = ApprovalBook.load(store, uses: policy.assessment.uses.map(\.use), today: today)
        let broken = Set(book.issues.filter { $0.severity == .error }.map(\.file))
        if !broken.isEmpty {
            Console.error("not counted, because invalid (run `genai-registry lint`): \(broken.sorted().joined(separator: ", "))")
        }
        guard let production = book.productions[id] else {
            let known = book.productions.keys.sorted()
            Console.error(
                "no production \"\(id)\" (Registry/productions/\(id).json)"
                    + (known.isEmpty ? "; add one first" : "; known: \(known.joined(separator: ", "))"))
            throw ExitCode(ExitStatus.usage)
        }
        return (production, book)
    }

    /// Resolves everything for `tool` on `productionID` with `uses`.
    static func resolve(_ options: GlobalOptions, tool: String, production productionID: String, uses: [String]) throws(ExitCode) -> ProductionUse {
        let store = try options.store()
        let policy: Policy
        do { policy = try store.policy() } catch { throw ExitCode(ExitStatus.report(error)) }
        let assessor = Assessor(policy: policy)
        let flags = try flags(uses, assessor: assessor)
        let (production, book) = try production(productionID, store: store, policy: policy, today: options.today)
        let verdict: ToolVerdict
        let record: ToolRecord
        do {
            verdict = try options.lookup(store, policy).check(tool)
            record = try store.tool(id: verdict.tool)
        } catch { throw ExitCode(ExitStatus.report(error)) }
        let assessment = assessor.assess(verdict, uses: flags, production: production, book: book, record: record, today: options.today)
        return ProductionUse(store: store, policy: policy, production: production, book: book, record: record, assessment: assessment)
    }

    /// A new disclosure or request, judged as the tool stands today.
    func newRecord(_ kind: Approval.Kind, by: String, today: Day) -> Approval {
        let v = assessment.check
        return Approval(
            id: Approval.newID(production: production.id, tool: v.tool, kind: kind, on: today, store: store),
            kind: kind, production: production.id, tool: v.tool, uses: assessment.uses,
            judged: .init(verdict: v.verdict, termsSHA256: ApprovalCoverage.termsFingerprint(record), policyVersion: policy.version, on: today),
            requested: .init(by: by, on: today))
    }

    /// Writes `approval` in canonical form.
    func write(_ approval: Approval) throws(ExitCode) {
        do { try store.write(approval, schema: RegistrySchemas.approval, to: store.approvalPath(approval.id)) } catch {
            throw ExitCode(ExitStatus.report(error))
        }
    }
}
