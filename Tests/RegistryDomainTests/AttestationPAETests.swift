import RegistryDomain
import Testing

/// The DSSE pre-authentication encoding, byte for byte.
@Suite struct AttestationPAETests {
    @Test(arguments: [
        // The DSSE specification's own example.
        ("http://example.com/HelloWorld", "hello world", "DSSEv1 29 http://example.com/HelloWorld 11 hello world"),
        (
            "application/vnd.in-toto+json", #"{"_type":"https://in-toto.io/Statement/v1"}"#,
            #"DSSEv1 28 application/vnd.in-toto+json 43 {"_type":"https://in-toto.io/Statement/v1"}"#
        ),
        // Empty type and body: two spaces between the zeros and a trailing space.
        ("", "", "DSSEv1 0  0 "),
        // Lengths count UTF-8 bytes, not characters: "é" is 2 bytes, "🎬" is 4.
        ("t/é", "🎬", "DSSEv1 4 t/é 4 🎬"),
    ])
    func paeMatchesTheSpecification(type: String, body: String, expected: String) {
        #expect(DSSE.pae(payloadType: type, payload: Array(body.utf8)) == Array(expected.utf8))
    }

    @Test func paeKeepsBinaryPayloadBytesVerbatim() {
        let body: [UInt8] = [0x00, 0xFF, 0x20, 0x0A]
        #expect(DSSE.pae(payloadType: "x", payload: body) == Array("DSSEv1 1 x 4 ".utf8) + body)
    }
}
