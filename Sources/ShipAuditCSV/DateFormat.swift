import Foundation
import ShipAuditStorage

/// A date format as a mapping writes it, strftime style: `%Y` `%y` `%m` `%d` `%H` `%I` `%M` `%S` `%p` `%z`, `%b` (a
/// month's name or abbreviation in seven languages), `%a` (a weekday's name or abbreviation, with its dot: skipped, the
/// date says the day), `%Z` (a zone word, skipped) and literal text; spaces match any
/// run of spaces. Used for exports whose dates shipaudit cannot read on its own
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
            if c == "%" { guard let d = chars.next(), "YymdeHIMSpzZab%".contains(d) else { return false } }
        }
        return true
    }

    /// The month of a name or abbreviation (`Dez`, `déc`, `März`, `settembre`), whatever its case; nil for none.
    public static func month(_ name: String) -> Int? { monthNames[name.lowercased()] }

    /// Month names and their usual abbreviations in English, German, French, Spanish, Italian, Portuguese and Dutch.
    private static let monthNames: [String: Int] = {
        let names: [[String]] = [
            [
                "jan", "january", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro",
                "januari",
            ],
            [
                "feb", "february", "februar", "février", "fevrier", "févr", "fevr", "febrero", "febbraio", "fevereiro",
                "fev", "februari",
            ],
            ["mar", "march", "märz", "maerz", "mär", "mrz", "mars", "marzo", "março", "marco", "maart", "mrt"],
            ["apr", "april", "avril", "avr", "abril", "abr", "aprile"],
            ["may", "mai", "mayo", "maggio", "mag", "maio", "mei"],
            ["jun", "june", "juni", "juin", "junio", "giugno", "giu", "junho"],
            ["jul", "july", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho"],
            ["aug", "august", "août", "aout", "agosto", "ago", "augustus"],
            ["sep", "sept", "september", "septembre", "septiembre", "setiembre", "set", "settembre", "setembro"],
            ["oct", "october", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out"],
            ["nov", "november", "novembre", "noviembre", "novembro"],
            [
                "dec", "december", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic", "dicembre",
                "dezembro",
            ],
        ]
        var table: [String: Int] = [:]
        for (index, spellings) in names.enumerated() { for name in spellings { table[name] = index + 1 } }
        return table
    }()

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
                // A month's name or abbreviation in one of seven languages: its letters (accents included), then a
                // dot unless the format writes the dot itself.
                var end = i
                while end < value.count,
                    value[end] >= 0x80
                        || (value[end] | 0x20) >= UInt8(ascii: "a")
                            && (value[end] | 0x20) <= UInt8(ascii: "z")
                {
                    end += 1
                }
                guard end > i, let number = Self.month(String(decoding: value[i..<end], as: UTF8.self)) else {
                    return .failure(
                        ValueError(
                            "\"\(text)\" has a month name this tool does not know",
                            hint:
                                "month names are read in English, German, French, Spanish, Italian, Portuguese and Dutch"
                        ))
                }
                month = number
                i = end
                if i < value.count, value[i] == UInt8(ascii: "."), p.first != UInt8(ascii: ".") { i += 1 }
            case UInt8(ascii: "a"):
                // A weekday's letters (accents included) and its dot: `Mon`, `lun.`, `Mittwoch`.
                let start = i
                while i < value.count,
                    value[i] >= 0x80
                        || (value[i] | 0x20) >= UInt8(ascii: "a") && (value[i] | 0x20) <= UInt8(ascii: "z")
                {
                    i += 1
                }
                guard i > start else { return .failure(failure) }
                if i < value.count, value[i] == UInt8(ascii: "."), p.first != UInt8(ascii: ".") { i += 1 }
            case UInt8(ascii: "Z"):
                // A zone's name or abbreviation (`CET`, `CEST(UTC+2)`): skipped; the zone is `%z` or the mapping's.
                while i < value.count, value[i] != 0x20 { i += 1 }
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
