import ArgumentParser
import CommandLineSupport
import Procurement
import RegistryDomain
import RegistryJSON
import RegistryStorage

extension GenAIRegistryCommand.Review {
    /// `review done TOOL --by NAME`: records a completed review in the record.
    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "done",
            abstract: "Record a completed review in the tool's record.",
            discussion: """
                Writes review.by, review.on (today or --as-of), review.nextReviewBy (the policy's review \
                interval later) and, for each watched document, the SHA-256 of its normalised text as the \
                refresh state knows it now (null when it was never fetched: run `genai-registry refresh` \
                first to baseline it). Written in canonical form, so the diff is the review block only.

                Exit: 0 recorded, 3 unknown tool, 64 usage error, 65 invalid record or policy, 74 I/O error.
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The tool's id, name or alias.")
        var tool: String

        @Option(help: "Who reviewed it (written to review.by).")
        var by: String

        func validate() throws {
            if let problem = CompletedReview.problem(withReviewer: by) { throw ValidationError(problem) }
        }

        func run() throws {
            let store = try options.store()
            let record: ToolRecord
            let policy: Policy
            do {
                policy = try store.policy()
                record = try store.tool(id: try ToolResolver(store: store).resolve(tool))
            } catch { throw ExitCode(ExitStatus.report(error)) }

            let toolState: ToolState?
            do { toolState = try StateStore(registry: store).toolState(id: record.id) } catch {
                Console.error("\(error.description) — run `genai-registry refresh` to rebuild the state, then review again")
                throw ExitCode(ExitStatus.invalidData)
            }
            let updated = CompletedReview.apply(to: record, by: by, on: options.today, policy: policy, state: toolState)
            do { try store.write(updated, schema: RegistrySchemas.tool, to: store.toolPath(record.id)) } catch {
                throw ExitCode(ExitStatus.report(error))
            }

            guard let review = updated.review else { return }
            if options.format == .json {
                Console.json(
                    .object([
                        JSONMember("tool", .string(record.id)),
                        JSONMember("file", .string(store.displayPath(store.toolPath(record.id)))),
                        JSONMember("by", .string(review.by)),
                        JSONMember("on", .string(review.on.description)),
                        JSONMember("nextReviewBy", review.nextReviewBy.map { .string($0.description) } ?? .null),
                        JSONMember(
                            "documents",
                            .array(
                                review.documents.map { d in
                                    .object([JSONMember("url", .string(d.url)), JSONMember("sha256", d.sha256.map(JSONValue.string) ?? .null)])
                                })),
                    ]))
                return
            }
            Console.out(
                "Recorded the review of \(Console.styled(record.id, .bold)) by \(review.by) on \(review.on) in \(store.displayPath(store.toolPath(record.id)))."
            )
            Console.out("Next review by \(review.nextReviewBy.map(\.description) ?? "—") (policy interval \(policy.review.intervalDays) days).")
            for d in review.documents {
                if let sha = d.sha256 {
                    Console.out("  \(d.url)\n      sha256 \(sha)")
                } else {
                    Console.out(
                        "  \(d.url)\n      "
                            + Console.styled(
                                "never fetched: no hash recorded, so a change to it cannot be noticed — run `genai-registry refresh`, then `review done` again",
                                .yellow))
                }
            }
            if review.documents.isEmpty { Console.out("  The record watches no documents; add its terms pages to `watch` so changes are noticed.") }
        }
    }
}
