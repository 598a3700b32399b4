import Procurement
import Testing

/// The review's diff: the sentences that changed, with their removed and added words marked.
@Suite struct WordDiffTests {
    @Test func marksTheWordsOfAnEditedSentence() {
        let old = "Effective: March 1, 2026\nWe keep content for 30 days. We do not train on it.\n"
        let new = "Effective: May 28, 2026\nWe keep content for 30 days. We may train on it unless you opt out.\n"
        #expect(
            WordDiff.readable(old: old, new: new) == [
                "~ Effective: [-March 1,-]{+May 28,+} 2026",
                "~ We [-do not-]{+may+} train on [-it.-]{+it unless you opt out.+}",
            ])
    }

    @Test func wholeSentencesAddedOrRemovedAreShownWhole() {
        let old = "Intro.\nRemoved clause here.\nKept clause.\n"
        let new = "Intro.\nKept clause.\nA brand new paragraph about voice cloning.\n"
        #expect(WordDiff.readable(old: old, new: new) == ["- Removed clause here.", "+ A brand new paragraph about voice cloning."])
    }

    @Test func aSentenceRewrittenBeyondRecognitionIsRemovedAndAdded() {
        #expect(
            WordDiff.readable(old: "Alpha beta gamma delta.\n", new: "Something else entirely now.\n")
                == ["- Alpha beta gamma delta.", "+ Something else entirely now."])
    }

    @Test func longUnchangedStretchesAreElided() {
        let words = (1...30).map { "w\($0)" }.joined(separator: " ")
        let line = WordDiff.readable(old: words + " old end.\n", new: words + " new end.\n").first ?? ""
        #expect(line == "~ … w25 w26 w27 w28 w29 w30 [-old-]{+new+} end.")
    }

    @Test func equalTextsHaveNoChanges() {
        #expect(WordDiff.readable(old: "Same.\n", new: "Same.\n").isEmpty)
    }
}
