import Foundation

/// Base64 as DSSE requires verifiers to read it: the standard or the URL-safe alphabet, padding optional.
enum Base64Text {
    /// The bytes `text` encodes, or nil when it is not base64 (whitespace included: envelopes never need it).
    static func decode(_ text: String) -> [UInt8]? {
        var normalised = String(text.map { c -> Character in
            switch c {
            case "-": "+"
            case "_": "/"
            default: c
            }
        })
        switch normalised.utf8.count % 4 {
        case 0: break
        case 2: normalised += "=="
        case 3: normalised += "="
        default: return nil
        }
        return Data(base64Encoded: normalised).map(Array.init)
    }

    /// Standard, padded base64 (what every DSSE reader accepts).
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }
}
