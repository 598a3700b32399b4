import Testing

@testable import RegistryStorage

/// The cache files' shared layout: a header line, then a record a line, fields split by unit separators.
@Suite struct RegistryCacheTests {
    @Test func readsBackWhatItWrote() {
        let records = [["a", "1", "", "https://x.example/a"], ["b", "", ""], ["é€", "\u{1D}"], [""]]
        let text = RegistryCache.text(header: "h v1", records: records.filter(RegistryCache.canHold))
        #expect(RegistryCache.records(text, header: "h v1") == [["a", "1", "", "https://x.example/a"], ["b", "", ""], ["é€", "\u{1D}"]])
    }

    @Test func emptyLinesAndAMissingFinalNewlineAreFine() {
        let bytes = Array("h v1\n\na\u{1F}b\n\n\u{1F}\nlast\u{1F}x".utf8)
        #expect(RegistryCache.records(bytes, header: "h v1") == [["a", "b"], ["", ""], ["last", "x"]])
        #expect(RegistryCache.records(Array("h v1".utf8), header: "h v1") == [])
        #expect(RegistryCache.records(Array("h v1\n".utf8), header: "h v1") == [])
    }

    @Test func anotherFormatIsNotRead() {
        #expect(RegistryCache.records(Array("h v2\na\u{1F}b\n".utf8), header: "h v1") == nil)
        #expect(RegistryCache.records(Array("h v1x\na\n".utf8), header: "h v1") == nil)
        #expect(RegistryCache.records([], header: "h v1") == nil)
    }
}
