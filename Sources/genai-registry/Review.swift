import ArgumentParser
import CommandLineSupport
import Procurement
import RegistryDomain
import RegistryJSON
import RegistryStorage

extension GenAIRegistryCommand {
    /// `review`: procurement's queue (the default), and `review done` to record a completed review.
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "What needs procurement's attention, most urgent first; `review done` records a review.",
            subcommands: [Queue.self, Done.self],
            defaultSubcommand: Queue.self)

        /// `review` / `review queue`: the queue itself.
        struct Queue: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "queue",
                abstract: "List everything that needs a person, most urgent first, each with what to do.",
                discussion: """
                    Lists: invalid records; attestations that failed verification, expired or expire soon; \
                    conflicts between a record and a verified attestation; terms documents changed since the \
                    last review (the changed sentences, removed and added words marked); verdicts changed by a \
                    new policy version; reviews never done, overdue or due soon; refreshes that failed \
                    repeatedly (a watched page with no terms text among them); unknown facts \
                    that keep a verdict undetermined (named by JSON path).

                    Records the verdicts it saw, with the policy version, in state/verdicts.json (only when \
                    they changed; --no-record to skip), so the next run after a policy change lists each tool \
                    whose verdict moved.

                    Exit: 0 when the queue is empty, 1 when it is not (a CI job can gate on it), 65 invalid \
                    policy, 74 I/O error.
                    """)

            @OptionGroup var options: GlobalOptions

            @Flag(name: .customLong("no-record"), help: "Do not update state/verdicts.json.")
            var noRecord = false

            func run() throws {
                let store = try options.store()
                let snapshot: RegistrySnapshot
                do { snapshot = try RegistrySnapshot.load(store) } catch { throw ExitCode(ExitStatus.report(error)) }
                guard let policy = snapshot.policy else {
                    throw ExitCode(ExitStatus.report(.invalid(snapshot.issues.filter { $0.file == store.displayPath(store.policyPath) })))
                }
                let queue = ReviewQueue.build(store: store, snapshot: snapshot, policy: policy, today: options.today, now: options.now)
                if options.format == .json {
                    Console.json(queue.json)
                } else {
                    Console.lines(ReviewText.render(queue))
                }
                if queue.ledgerChanged && !noRecord {
                    do { try queue.ledger.write(StateStore(registry: store)) } catch {
                        Console.error("\(error.description) — the queue above is complete, but the verdicts were not recorded")
                        throw ExitCode(ExitStatus.ioError)
                    }
                }
                if !queue.items.isEmpty { throw ExitCode(1) }
            }
        }
    }
}

/// How the queue reads on a terminal.
enum ReviewText {
    static func render(_ queue: ReviewQueue) -> [String] {
        guard !queue.items.isEmpty else {
            return [Console.styled("Nothing needs procurement's attention", .bold, .green) + " (policy \(queue.policyVersion), as of \(queue.asOf))."]
        }
        var lines = [
            Console.styled("Review queue: \(queue.items.count) item\(queue.items.count == 1 ? "" : "s"), most urgent first", .bold)
                + Console.styled("  (policy \(queue.policyVersion), as of \(queue.asOf))", .dim), "",
        ]
        let width = String(queue.items.count).count
        for (i, item) in queue.items.enumerated() {
            let number = String(repeating: " ", count: width - String(i + 1).count) + "\(i + 1)."
            let urgency: String
            switch item.kind.urgency {
            case "urgent": urgency = Console.styled("URGENT ".padding(8), .red, .bold)
            case "overdue": urgency = Console.styled("OVERDUE".padding(8), .yellow, .bold)
            case "soon": urgency = Console.styled("SOON".padding(8), .cyan)
            default: urgency = Console.styled("BACKLOG".padding(8), .dim)
            }
            let who = item.tool.map { tool in tool + (item.toolName.map { " (\($0))" } ?? "") } ?? "registry"
            let due = item.due.map { Console.styled("  due \($0)", .dim) } ?? ""
            lines.append("\(number) \(urgency)\(item.kind.rawValue.padding(20))\(Console.styled(who, .bold))\(due)")
            let indent = String(repeating: " ", count: width + 2)
            for line in VerdictText.wrap(item.message, width: 96) { lines.append(indent + line) }
            for (j, line) in VerdictText.wrap(item.action, width: 94).enumerated() {
                lines.append(indent + (j == 0 ? Console.styled("→ ", .bold) : "  ") + line)
            }
            for detail in item.details {
                let styled: String
                if detail.hasPrefix("+ ") {
                    styled = Console.styled(detail, .green)
                } else if detail.hasPrefix("- ") {
                    styled = Console.styled(detail, .red)
                } else if detail.hasPrefix("@@") {
                    styled = Console.styled(detail, .cyan)
                } else {
                    styled = detail
                }
                lines.append(indent + "    " + styled)
            }
            lines.append("")
        }
        let counts = ReviewItem.Kind.allCases.compactMap { kind -> String? in
            let n = queue.items.filter { $0.kind == kind }.count
            return n == 0 ? nil : "\(n) \(kind.rawValue)"
        }
        lines.append(Console.styled(counts.joined(separator: ", "), .dim))
        return lines
    }
}
