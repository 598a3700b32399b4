import Foundation
import Testing

@testable import RegistryDomain

/// The envelope's base64 reader against Foundation's, over every alphabet and padding DSSE allows.
@Suite struct Base64TextTests {
    @Test func decodesWhatFoundationEncodesInEitherAlphabetPaddedOrNot() {
        var generator = SystemRandomNumberGenerator()
        for count in 0...70 {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let standard = Data(bytes).base64EncodedString()
            let urlSafe = standard.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            for text in [standard, urlSafe, standard.replacingOccurrences(of: "=", with: ""), urlSafe.replacingOccurrences(of: "=", with: "")] {
                #expect(Base64Text.decode(text) == bytes, "\(count) bytes as \(text)")
            }
        }
    }

    @Test(arguments: [
        "QQ=A",  // padding before the end
        "QQ===",  // too much padding
        "QUJD=",  // padding that does not complete a group
        "QUJDR",  // a lone trailing symbol
        "QU JD",  // whitespace
        "QUJD\n",
        "QU*D",  // not in either alphabet
        "QUJ\u{e9}",
        "=",
        "==",
    ])
    func refusesWhatIsNotBase64(text: String) {
        #expect(Base64Text.decode(text) == nil, "\(text.debugDescription)")
    }

    @Test func emptyTextIsNoBytes() {
        #expect(Base64Text.decode("") == [])
    }
}
