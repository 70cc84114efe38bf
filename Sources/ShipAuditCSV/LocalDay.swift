import Foundation
import ShipAuditStorage

/// A calendar day in some zone, as days since 1970-01-01: the unit of business-day arithmetic.
public struct LocalDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let number: Int

    /// Creates a day from its number.
    public init(number: Int) { self.number = number }

    /// The day `year-month-day`.
    public init(year: Int, month: Int, day: Int) { number = TimestampParser.daysFromCivil(year, month, day) }

    /// The local day of an instant in a zone.
    public init(_ date: Date, in zone: some ZoneRules) {
        let local = date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))
        number = Int((local / 86_400).rounded(.down))
    }

    /// Parses `2026-11-26`.
    public init?(iso text: String) {
        let parts = text.split(separator: "-")
        // Four-digit years only: a longer one (`99999999999-01-01`) would overflow the day's number.
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...9999).contains(y), (1...12).contains(m), (1...TimestampParser.daysIn(m, y)).contains(d)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// 1 Monday … 7 Sunday.
    public var weekday: Int { ((number % 7) + 7 + 3) % 7 + 1 }

    /// The day `count` days later.
    public func adding(_ count: Int) -> LocalDay { LocalDay(number: number + count) }

    /// The instant of `hour:minute` on this day in `zone` (DST-aware).
    public func at(hour: Int, minute: Int, second: Int = 0, in zone: some ZoneRules) -> Date {
        let local = Double(number * 86_400 + hour * 3600 + minute * 60 + second)
        var guess = Date(
            timeIntervalSince1970: local - Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: local))))
        guess = Date(timeIntervalSince1970: local - Double(zone.secondsFromGMT(for: guess)))
        return guess
    }

    /// The last second of this day in `zone`.
    public func end(in zone: some ZoneRules) -> Date { at(hour: 23, minute: 59, second: 59, in: zone) }

    /// `2026-11-26`.
    public var description: String {
        // Civil date from day number (H. Hinnant).
        let (y, m, d) = civil
        guard (0..<10_000).contains(y) else {
            return "\(NumberText.padded(y, 4))-\(NumberText.padded(m, 2))-\(NumberText.padded(d, 2))"
        }
        return NumberText.fixed { $0.date(y, m, d) }
    }

    /// The year, month and day (`description`'s parts).
    private var civil: (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `Thu 2026-11-26`.
    public var labelWithWeekday: String {
        let (y, m, d) = civil
        let names: StaticString = "MonTueWedThuFriSatSun"
        guard (0..<10_000).contains(y), (1...7).contains(weekday) else {
            return ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][weekday - 1] + " " + description
        }
        return NumberText.fixed { out in
            for index in 0..<3 { out.put(names.utf8Start[(weekday - 1) * 3 + index]) }
            out.put(0x20)
            out.date(y, m, d)
        }
    }

    public static func < (a: LocalDay, b: LocalDay) -> Bool { a.number < b.number }
}
