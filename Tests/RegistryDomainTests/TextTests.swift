import Crypto
import Testing

@testable import RegistryDomain

@Suite struct TextTests {
    @Test func hexWritesTwoLowercaseDigitsPerByte() {
        #expect(Hex.string([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(Hex.string(SHA256.hash(data: Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func trimmingRemovesOnlyOuterWhiteSpace() {
        #expect("  final deliverable \n".trimmingWhitespace() == "final deliverable")
        #expect("\t".trimmingWhitespace() == "")
    }
}
