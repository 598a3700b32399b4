/// A value that JSON holds as a string in one fixed format (a day, a timestamp): decoded by parsing the string,
/// encoded as its description.
public protocol TextCoded: Codable, CustomStringConvertible {
    /// The value written in `text`, or nil when `text` is not in the format.
    init?(_ text: String)
    /// The format, as a decoding error names it ("a date YYYY-MM-DD").
    static var formatName: String { get }
}

extension TextCoded {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not \(Self.formatName): \(text)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
