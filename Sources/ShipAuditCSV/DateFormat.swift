import Foundation
import ShipAuditStorage

/// A date format as a mapping writes it, strftime style: `%Y` `%y` `%m` `%d` `%H` `%I` `%M` `%S` `%p` `%z` `%b`
/// and literal text; spaces match any run of spaces. Used for exports whose dates shipaudit cannot read on its own
/// (day first, month names).
public struct DateFormat: Sendable, Equatable {
    /// The format as written.
    public let pattern: String
    /// The zone of values without `%z`.
    public let timeZone: TimeZone

    /// Creates a format.
    public init(_ pattern: String, timeZone: TimeZone) {
        self.pattern = pattern
        self.timeZone = timeZone
    }

    /// True when every `%` directive is one this type reads.
    public var isValid: Bool {
        var chars = pattern.makeIterator()
        while let c = chars.next() {
            if c == "%" { guard let d = chars.next(), "YymdeHIMSpzb%".contains(d) else { return false } }
        }
        return true
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Parses a value, or explains that it does not fit the format.
    public func parse(_ text: String) -> Result<Date, ValueError> {
        let failure = ValueError(
            "\"\(text)\" does not fit the date format \"\(pattern)\"",
            hint: "fix the value or the mapping's date_format")
        let value = Array(text.utf8)
        var i = 0
        var year: Int?, month: Int?, day: Int?, hour = 0, minute = 0, second = 0, pm: Bool?, offset: Int?
        func number(max: Int) -> Int? {
            var n = 0, count = 0
            while count < max, i < value.count, (48...57).contains(value[i]) {
                n = n * 10 + Int(value[i] - 48); i += 1; count += 1
            }
            return count > 0 ? n : nil
        }
        var p = Array(pattern.utf8)[...]
        while let c = p.first {
            // A date-only value under a date-and-time format ("20.11.2026" for "%d.%m.%Y %H:%M") is midnight.
            if i == value.count, p.allSatisfy({ " :%HIMSp".utf8.contains($0) }) { break }
            p = p.dropFirst()
            if c == UInt8(ascii: " ") {
                while i < value.count, value[i] == 0x20 { i += 1 }
                continue
            }
            guard c == UInt8(ascii: "%"), let d = p.first else {
                guard i < value.count, value[i] == c else { return .failure(failure) }
                i += 1
                continue
            }
            p = p.dropFirst()
            switch d {
            case UInt8(ascii: "Y"): year = number(max: 4)
            case UInt8(ascii: "y"): year = number(max: 2).map { 2000 + $0 }
            case UInt8(ascii: "m"): month = number(max: 2)
            case UInt8(ascii: "d"), UInt8(ascii: "e"): day = number(max: 2)
            case UInt8(ascii: "H"), UInt8(ascii: "I"):
                guard let h = number(max: 2) else { return .failure(failure) }; hour = h
            case UInt8(ascii: "M"): guard let m = number(max: 2) else { return .failure(failure) }; minute = m
            case UInt8(ascii: "S"): guard let s = number(max: 2) else { return .failure(failure) }; second = s
            case UInt8(ascii: "p"):
                guard i + 1 < value.count else { return .failure(failure) }
                let letter = value[i] | 0x20
                guard letter == UInt8(ascii: "a") || letter == UInt8(ascii: "p"),
                    value[i + 1] | 0x20 == UInt8(ascii: "m")
                else { return .failure(failure) }
                pm = letter == UInt8(ascii: "p")
                i += 2
            case UInt8(ascii: "b"):
                guard i + 3 <= value.count,
                    let index = Self.months.firstIndex(
                        of: String(decoding: value[i..<i + 3], as: UTF8.self).lowercased())
                else {
                    return .failure(failure)
                }
                month = index + 1
                i += 3
                while i < value.count, (value[i] | 0x20) >= UInt8(ascii: "a"), (value[i] | 0x20) <= UInt8(ascii: "z") {
                    i += 1
                }
            case UInt8(ascii: "z"):
                guard i < value.count else { return .failure(failure) }
                if value[i] == UInt8(ascii: "Z") { offset = 0; i += 1; continue }
                let sign = value[i] == UInt8(ascii: "-") ? -1 : 1
                guard value[i] == UInt8(ascii: "+") || value[i] == UInt8(ascii: "-") else { return .failure(failure) }
                i += 1
                guard let h = number(max: 2) else { return .failure(failure) }
                if i < value.count, value[i] == UInt8(ascii: ":") { i += 1 }
                let m = number(max: 2) ?? 0
                offset = sign * (h * 3600 + m * 60)
            case UInt8(ascii: "%"):
                guard i < value.count, value[i] == UInt8(ascii: "%") else { return .failure(failure) }
                i += 1
            default: return .failure(failure)
            }
        }
        guard i == value.count, let year, let month, let day, (1...12).contains(month),
            (1...TimestampParser.daysIn(month, year)).contains(day), hour < 24, minute < 60, second < 61
        else {
            return .failure(failure)
        }
        if let pm {
            guard (1...12).contains(hour) else { return .failure(failure) }
            hour = hour % 12 + (pm ? 12 : 0)
        }
        let local = Double(
            TimestampParser.daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
        if let offset { return .success(Date(timeIntervalSince1970: local - Double(offset))) }
        return .success(
            LocalDay(number: Int(local / 86_400)).at(hour: hour, minute: minute, second: second, in: timeZone))
    }
}
