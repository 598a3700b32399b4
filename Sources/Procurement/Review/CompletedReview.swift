public import RegistryDomain
public import RegistryJSON
public import RegistryStorage

/// What `review done` writes into a record: who reviewed it, when, the next due day from the policy, and
/// the hash of each watched document's normalised text as the refresh state knows it now — so a later
/// change to any of them is noticed as "terms changed since the review".
public enum CompletedReview {
    /// `record` with its review replaced by one done by `reviewer` on `day`.
    public static func apply(to record: ToolRecord, by reviewer: String, on day: Day, policy: Policy, state: ToolState?) -> ToolRecord {
        var updated = record
        updated.review = Review(
            by: reviewer, on: day, nextReviewBy: day.adding(days: policy.review.intervalDays),
            documents: record.watch.map { ReviewedDocument(url: $0.url, sha256: state?.documents[$0.url]?.sha256) })
        return updated
    }

    /// Why `reviewer` cannot be written as a reviewer's name, or nil when it can.
    public static func problem(withReviewer reviewer: String) -> String? {
        if reviewer.allSatisfy(\.isWhitespace) { return "--by needs the reviewer's name" }
        if reviewer.count > 200 { return "--by is \(reviewer.count) characters; at most 200" }
        if reviewer.contains(where: \.isNewline) { return "--by must be one line" }
        return nil
    }
}
