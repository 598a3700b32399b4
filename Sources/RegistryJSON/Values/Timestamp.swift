/// An instant written as RFC 3339 (`2026-11-20T09:30:00Z`, offsets and fractions allowed), as attestations and keys use.
public struct Timestamp: Sendable, Hashable, Comparable, TextCoded {
    /// Whole seconds since 1970-01-01T00:00:00Z (fractions are dropped: nothing here needs them).
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// Parses RFC 3339 `date-time`; the time zone is required (`Z` or `±HH:MM`), as the RFC says.
    public init?(_ text: String) {
        let b = Array(text.utf8)
        guard b.count >= 20, let day = Day(String(decoding: b[0..<10], as: UTF8.self)),
            b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let hh = Day.digits(b[11..<13]), let mm = Day.digits(b[14..<16]), let ss = Day.digits(b[17..<19]),
            hh < 24, mm < 60, ss <= 60
        else { return nil }
        var i = 19
        if b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        var offset = 0
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard i + 1 == b.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"),
                let oh = Day.digits(b[(i + 1)..<(i + 3)]), let om = Day.digits(b[(i + 4)..<(i + 6)]), oh < 24, om < 60
            else { return nil }
            offset = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "+") ? 1 : -1)
        default: return nil
        }
        let seconds = day.daysSinceEpoch * 86_400 + hh * 3600 + mm * 60 + min(ss, 59) - offset
        secondsSinceEpoch = Int64(seconds)
    }

    /// The UTC day this instant falls on.
    public var day: Day {
        let s = secondsSinceEpoch
        return Day(daysSinceEpoch: Int(s >= 0 ? s / 86_400 : (s - 86_399) / 86_400))
    }

    /// The instant `seconds` later.
    public func adding(seconds: Int64) -> Timestamp { Timestamp(secondsSinceEpoch: secondsSinceEpoch + seconds) }

    /// Canonical UTC form, `YYYY-MM-DDTHH:MM:SSZ`.
    public var description: String {
        let secondsOfDay = Int(secondsSinceEpoch - Int64(day.daysSinceEpoch) * 86_400)
        return "\(day)T\(pad(secondsOfDay / 3600, 2)):\(pad(secondsOfDay / 60 % 60, 2)):\(pad(secondsOfDay % 60, 2))Z"
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    public static let formatName = "an RFC 3339 timestamp"
}
