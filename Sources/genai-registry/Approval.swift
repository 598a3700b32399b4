import ArgumentParser
import CommandLineSupport
import Procurement
import RegistryDomain
import RegistryJSON
import RegistryStorage

extension GenAIRegistryCommand {
    /// `approval request|record`: a production asks for written approval; the studio contact records the decision.
    struct ApprovalCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approval",
            abstract: "Ask for written approval of a use, and record the studio's decision.",
            discussion: """
                Sensitive uses (final deliverable, talent likeness, personal data, third-party IP, key creative \
                elements, real events, union work) and tools that are not clearly compliant need the studio's \
                written approval. `approval request` writes the request under Registry/approvals/ and prints it \
                for an e-mail or a ticket; the studio contact decides and runs `approval record`; the pull \
                request is the review. From then on `assess TOOL --production P --use …` answers "approved" \
                while the approval holds — until it expires, or the tool's terms or verdict change. \
                See docs/approvals.md.
                """,
            subcommands: [Request.self, Record.self])
    }
}

extension GenAIRegistryCommand.ApprovalCommand {
    /// `approval request TOOL --production P --use … --by NAME`.
    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "request",
            abstract: "Write a request for written approval and print it (Markdown; JSON with --format json).",
            discussion: """
                The request holds what the approver needs: the tool, its verdict per principle with reasons and \
                evidence, the conditions to comply, each use and why it needs approval, compliant alternatives. \
                Written only where `assess` says written approval is required.

                Exit: 0 written, 1 not permitted (no approval can allow it), 3 unknown tool, 64 usage error \
                (unknown production or use, or nothing to approve), 65 invalid registry data, 74 I/O error.
                """)

        @OptionGroup var options: GlobalOptions

        @OptionGroup var asked: ProductionUseOptions

        func run() throws {
            let use = try ProductionUse.resolve(options, tool: asked.tool, production: asked.production, uses: asked.uses)
            let a = use.assessment
            switch a.decision {
            case .notPermitted:
                Console.error("\(a.check.name) is not permitted; written approval cannot change that. Nothing was recorded:")
                for reason in a.reasons { Console.error("  - \(reason.message)") }
                throw ExitCode(ExitStatus.noncompliant)
            case .proceed:
                Console.error(
                    "No written approval is needed: " + (a.approval.map { "approval \($0.id) already covers it." } ?? "the use may proceed.")
                        + " Record it with `genai-registry disclose`.")
                throw ExitCode(ExitStatus.usage)
            case .writtenApprovalRequired:
                break
            }
            let request = use.newRecord(.approval, by: asked.by, today: options.today)
            try use.write(request)
            let file = use.store.displayPath(use.store.approvalPath(request.id))
            if options.format == .json {
                Console.json(
                    .object([
                        JSONMember("file", .string(file)),
                        JSONMember("request", RecordCodec.jsonValue(request, schema: RegistrySchemas.approval)),
                        JSONMember("assessment", a.json),
                    ]))
                return
            }
            Console.out(ApprovalRequestText.markdown(a, approval: request, production: use.production, policy: use.policy))
            Console.error("Recorded \(file); send the text above to \(use.production.studioContact) and open a pull request with the file.")
        }
    }

    /// `approval record ID --outcome … --by NAME --reference REF [--until DAY] [--condition TEXT…]`.
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Record the studio's decision on a request for written approval.",
            discussion: """
                For the studio contact. Writes the decision into Registry/approvals/ID.json: outcome, who, when \
                (today or --as-of), until when (required to approve), the written approval's reference and any \
                conditions. A decided request is not decided again: make a new request instead.

                Exit: 0 recorded, 64 usage error, 65 invalid or already decided, 74 I/O error.
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The request's id (the file name under Registry/approvals/).")
        var id: String

        @Option(help: "approved, approved-with-conditions or denied.")
        var outcome: String

        @Option(help: "Who decided.")
        var by: String

        @Option(help: "The reference of the written decision (e-mail, ticket, memo).")
        var reference: String

        @Option(help: "The last day the approval holds (YYYY-MM-DD); required to approve.")
        var until: String?

        @Option(name: .customLong("condition"), help: "A condition of the approval (repeatable).")
        var conditions: [String] = []

        func validate() throws {
            guard let o = Approval.Outcome(rawValue: outcome) else {
                throw ValidationError("--outcome is one of \(Approval.Outcome.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let until, Day(until) == nil { throw ValidationError("--until takes a date written YYYY-MM-DD, not \"\(until)\"") }
            if o != .denied, until == nil { throw ValidationError("an approval must say until when it holds: add --until YYYY-MM-DD") }
            if o == .approvedWithConditions, conditions.isEmpty { throw ValidationError("approved-with-conditions needs at least one --condition") }
            if o != .approvedWithConditions, !conditions.isEmpty { throw ValidationError("--condition goes with --outcome approved-with-conditions") }
            for (name, value) in [("--by", by), ("--reference", reference)] where value.allSatisfy(\.isWhitespace) {
                throw ValidationError("\(name) may not be empty")
            }
        }

        func run() throws {
            let store = try options.store()
            let policy: Policy
            do { policy = try store.policy() } catch { throw ExitCode(ExitStatus.report(error)) }
            let book = ApprovalBook.load(store, uses: policy.assessment.uses.map(\.use), today: options.today)
            let file = store.displayPath(store.approvalPath(id))
            let problems = book.issues.filter { $0.file == file && $0.severity == .error }
            guard problems.isEmpty else {
                for p in problems { Console.error(p.description) }
                throw ExitCode(ExitStatus.invalidData)
            }
            guard var request = book.approvals.first(where: { $0.id == id }) else {
                Console.error("\(file): no such request (`ls Registry/approvals/`)")
                throw ExitCode(ExitStatus.usage)
            }
            guard request.kind == .approval else {
                Console.error("\(file) is a disclosure; disclosures are not decided")
                throw ExitCode(ExitStatus.invalidData)
            }
            if let d = request.decision {
                Console.error("\(file) was already decided (\(d.outcome.rawValue) by \(d.by) on \(d.on), \(d.reference)); make a new request instead")
                throw ExitCode(ExitStatus.invalidData)
            }
            guard let outcome = Approval.Outcome(rawValue: outcome) else { throw ExitCode(ExitStatus.usage) }
            let untilDay = until.flatMap(Day.init)
            if let untilDay, untilDay < options.today {
                Console.error("--until \(untilDay) is before the decision day \(options.today)")
                throw ExitCode(ExitStatus.usage)
            }
            request.decision = .init(outcome: outcome, conditions: conditions, by: by, on: options.today, until: untilDay, reference: reference)
            do { try store.write(request, schema: RegistrySchemas.approval, to: store.approvalPath(id)) } catch {
                throw ExitCode(ExitStatus.report(error))
            }
            if options.format == .json {
                Console.json(
                    .object([
                        JSONMember("file", .string(file)), JSONMember("approval", RecordCodec.jsonValue(request, schema: RegistrySchemas.approval)),
                    ]))
            } else {
                Console.out(
                    "Recorded \(outcome.rawValue) in \(file)" + (untilDay.map { ", valid until \($0)" } ?? "") + ". Commit it in a pull request.")
            }
        }
    }
}
