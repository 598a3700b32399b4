public import RegistryJSON
public import RegistryStorage

/// What changed in a watched document's terms since the review, from the texts the refresh stored
/// (`state/documents/SHA.txt`): the changed sentences, words marked (`WordDiff`), or a plain statement of
/// what is missing. Shared by `review` and `show`.
public enum TermsChange {
    public static func lines(state: StateStore, reviewed old: String, current new: String, reviewedOn: Day) -> [String] {
        let oldText = try? FileIO.read(state.snapshotPath(sha256: old))
        let newText = try? FileIO.read(state.snapshotPath(sha256: new))
        switch (oldText, newText) {
        case (let o?, let n?):
            let lines = WordDiff.readable(old: String(decoding: o, as: UTF8.self), new: String(decoding: n, as: UTF8.self))
            // Texts whose words are the same (only where spaces fall differs) share a hash, so this is rare.
            return lines.isEmpty ? ["The words are the same; only where the text breaks into lines differs."] : lines
        case (nil, _?):
            return [
                "The text reviewed on \(reviewedOn) (sha256 \(old.prefix(12))…) is not stored in state/documents/, so no diff can be shown;",
                "the current text is state/documents/\(new).txt — compare it with the page as it was (e.g. the vendor's change log or a web archive).",
            ]
        case (_, nil):
            return ["Neither text is stored in state/documents/ (run `genai-registry refresh` to fetch the current one)."]
        }
    }
}
