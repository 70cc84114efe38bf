import Foundation
import ShipAuditStorage
import Synchronization

/// Reads the date styles exports use (formats.md §11), with a time zone for values that carry none:
///
/// - Shopify `2026-03-01 10:15:00 -0500`; ISO 8601 `2026-03-01T10:15:00Z`, `…-05:00`, `…+0530`, fractions of seconds;
/// - ShipStation `3/1/2026 4:02:11 PM`, and `3/1/2026 16:02` after an Excel re-save (month first, as US exports are);
/// - `yyyymmdd`, `yyyymmddHHMMSS`, and a date alone (midnight in the zone).
public struct TimestampParser: Sendable {
    /// The zone for values without an offset (the store's or the account's zone).
    public let timeZone: TimeZone
    /// Its offsets as a table: a date without an offset needs two lookups.
    private let offsets: ZoneOffsets
    /// Told when a value without an offset is read in `timeZone` (nil: nobody asks).
    private let zoneUse: ZoneUse?
    /// Which field of a slash date (`12/10/2025`) is the month: the file's order, decided from all its values, and
    /// possibly only once a slash date is met (the box is shared with whoever decides).
    public var slashOrderBox = SlashOrderBox(.monthFirst)
    /// The order of slash dates now.
    public var slashOrder: SlashDateOrder {
        get { slashOrderBox.order }
        nonmutating set { slashOrderBox.order = newValue }
    }
    /// Told what the slash dates read say about their order (nil: nobody asks).
    public var slashEvidence: SlashEvidence?

    /// Creates a parser. `zoneUse`, when given, hears whether any value needed the zone.
    public init(timeZone: TimeZone, zoneUse: ZoneUse? = nil) {
        self.timeZone = timeZone
        offsets = .of(timeZone)
        self.zoneUse = zoneUse
    }

    /// The offset from UTC a value states (`+0100` in `2024-01-25 13:23:17 +0100`, 0 for `Z`), in seconds; nil when
    /// it states none or is not a date this parser reads.
    public static func statedOffset(_ cell: ByteView) -> Int? {
        let bytes = cell.buffer
        if let fields = fixedWidthFields(bytes) { return fields.offsetSeconds }
        if twelveHourFields(bytes) != nil { return nil }
        var scanner = Scanner(bytes)
        return scanner.parseFields()?.offsetSeconds
    }

    /// Parses `text`, or explains why it is not a date.
    public func parse(_ text: String) -> Result<Date, ValueError> {
        var utf8 = text
        // Scanned in place: no array of the bytes per value.
        switch utf8.withUTF8(read) {
        case .date(let date):
            return .success(date)
        case .notADate:
            return .failure(
                ValueError(
                    "\"\(text)\" is not a date and time this tool reads",
                    hint: "use 2026-03-01 10:15:00 -0500, ISO 8601, 3/1/2026 4:02:11 PM or 20260301"))
        case .notARealDate:
            return .failure(ValueError("\"\(text)\" is not a real date or time", hint: "check day, month and hour"))
        }
    }

    /// The date in these bytes (a cell's, as read), nil when they are not one: the caller then reads the cell as text,
    /// which words the error.
    public func date(_ cell: ByteView) -> Date? { date(cell.buffer) }

    /// `date(_:)` of raw bytes.
    public func date(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        if let seconds = Self.offsetSeconds(bytes) { return Date(timeIntervalSince1970: seconds) }
        if case .date(let date) = read(bytes) { return date }
        return nil
    }

    /// Seconds since 1970 of the two shapes most cells have, a time with its offset at fixed places:
    /// `2026-10-01T18:00:00-04:00` (ISO 8601, carriers) and `2026-10-01 10:05:00 -0400` (Shopify), both 25 bytes.
    /// Read a word of eight bytes at a time, straight to seconds, as `read` reads them (where `read`'s fields, checks
    /// and instant took twice as long); nil for anything else (a value out of range included), which `read` then takes.
    public static func offsetSeconds(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard bytes.count == 25, let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        // Bytes 0-7, 8-15 and 16-23 as little-endian words (byte k of a word at bits 8k), and byte 24.
        let w0 = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        let w1 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        let w2 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        let last = base[24]
        // The fixed bytes: `-` at 4 and 7, `T` or a space at 10, `:` at 13 and 16; then ISO's sign at 19 and `:` at 22,
        // or Shopify's space at 19 and sign at 20.
        let iso = (w1 >> 16) & 0xFF == 0x54
        guard w0 & 0xFF00_00FF_0000_0000 == 0x2D00_002D_0000_0000, w1 & 0x0000_FF00_0000_0000 == 0x0000_3A00_0000_0000,
            iso || (w1 >> 16) & 0xFF == 0x20, w2 & 0xFF == 0x3A
        else { return nil }
        let sign = iso ? (w2 >> 24) & 0xFF : (w2 >> 32) & 0xFF
        guard sign == 0x2B || sign == 0x2D, iso ? (w2 >> 48) & 0xFF == 0x3A : (w2 >> 24) & 0xFF == 0x20 else {
            return nil
        }
        // The digit places of each word: `0`-`9` are 0-9 once XORed with 0x30; a byte at or above 0x80, or above 9 after
        // the XOR, fails (adding 0x76 sets the high bit of a byte above 9, without a carry out of a byte below 0x80).
        let m0: UInt64 = 0x00FF_FF00_FFFF_FFFF, m1: UInt64 = 0xFFFF_00FF_FF00_FFFF
        let m2: UInt64 = iso ? 0xFF00_FFFF_00FF_FF00 : 0xFFFF_FF00_00FF_FF00
        let zeros: UInt64 = 0x3030_3030_3030_3030, limit: UInt64 = 0x7676_7676_7676_7676,
            highs: UInt64 = 0x8080_8080_8080_8080
        let (v0, v1, v2) = ((w0 ^ zeros) & m0, (w1 ^ zeros) & m1, (w2 ^ zeros) & m2)
        let bad =
            (w0 & m0 | w1 & m1 | w2 & m2) & highs | ((v0 &+ limit & m0) | (v1 &+ limit & m1) | (v2 &+ limit & m2))
            & highs
        let lastDigit = Int(last) &- 48
        guard bad == 0, UInt(bitPattern: lastDigit) <= 9 else { return nil }
        // Each byte times ten plus the next: byte k then holds the two-digit number at k and k + 1.
        let (p0, p1, p2) = (v0 &* 10 &+ v0 >> 8, v1 &* 10 &+ v1 >> 8, v2 &* 10 &+ v2 >> 8)
        @inline(__always) func byte(_ word: UInt64, _ k: UInt64) -> Int {
            Int(truncatingIfNeeded: (word >> (8 &* k)) & 0xFF)
        }
        let year = byte(p0, 0) * 100 + byte(p0, 2), month = byte(p0, 5)
        let day = byte(p1, 0), hour = byte(p1, 3), minute = byte(p1, 6), second = byte(p2, 1)
        let offsetHours = iso ? byte(p2, 4) : byte(p2, 5), offsetMinutes = byte(p2, 7) + lastDigit
        guard month >= 1, month <= 12, day >= 1, day <= daysIn(month, year), hour < 24, minute < 60, second < 61,
            offsetHours <= 18, offsetMinutes < 60
        else { return nil }
        let days = daysFromCivil(year, month, day)
        let offset = (sign == 0x2D ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60)
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
    }

    private enum Reading { case date(Date), notADate, notARealDate }

    private func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Reading {
        if let fields = Self.fixedWidthFields(bytes) { return reading(fields) }
        var fields: Fields
        if let twelveHour = Self.twelveHourFields(bytes) {
            fields = twelveHour
        } else {
            var scanner = Scanner(bytes)
            guard let scanned = scanner.parseFields() else { return .notADate }
            fields = scanned
        }
        if fields.slashDate {
            // Read month first; the first field above 12 says day first, the second above 12 month first.
            if let slashEvidence {
                slashEvidence.noteSlash()
                if fields.month > 12 { slashEvidence.noteDayFirst() }
                if fields.day > 12 { slashEvidence.noteMonthFirst() }
            }
            if slashOrderBox.isDayFirst { (fields.month, fields.day) = (fields.day, fields.month) }
        }
        return reading(fields)
    }

    /// The fields of the usual ISO 8601 shapes read at their fixed positions, without the scanner:
    /// `2026-10-01T18:00:00-04:00`, `2026-10-01 10:05:00 -0400` (Shopify), `2026-10-01T18:00:00Z` and
    /// `2026-10-01 18:00:00`, each also with a fraction of a second (`…T22:51:40.620Z`). nil for anything else, and
    /// for values the scanner would refuse, which it then reads.
    public static func fixedWidthFields(_ bytes: UnsafeBufferPointer<UInt8>) -> Fields? {
        let count = bytes.count
        guard count >= 19, count <= 35, let base = bytes.baseAddress else { return nil }
        // Two digits at `index` as a number; -1 when either is not a digit.
        func two(_ index: Int) -> Int {
            let tens = Int(base[index]) &- 48, ones = Int(base[index + 1]) &- 48
            return UInt(bitPattern: tens) < 10 && UInt(bitPattern: ones) < 10 ? tens &* 10 &+ ones : -1
        }
        guard base[4] == 0x2D, base[7] == 0x2D, base[10] == 0x54 || base[10] == 0x20, base[13] == 0x3A, base[16] == 0x3A
        else { return nil }
        let century = two(0), year = two(2), month = two(5), day = two(8), hour = two(11), minute = two(14),
            second = two(17)
        guard century >= 0, year >= 0, month >= 0, day >= 0, hour >= 0, minute >= 0, second >= 0 else { return nil }
        var fields = Fields(
            year: century * 100 + year, month: month, day: day, hour: hour, minute: minute, second: second)
        // A fraction of a second, `.620` or `,5` (up to nine digits, as carrier APIs write milliseconds), worked out
        // as the scanner does.
        var end = 19
        if count > 20, base[19] == 0x2E || base[19] == 0x2C {
            var value = 0
            end = 20
            while end < count, end < 29, base[end] >= 0x30, base[end] <= 0x39 {
                value = value * 10 + Int(base[end] - 0x30)
                end += 1
            }
            guard end > 20 else { return nil }
            fields.fraction = Double(value) / pow(10, Double(end - 20))
        }
        switch count - end {
        case 0: break
        case 1:
            guard base[end] == 0x5A || base[end] == 0x7A else { return nil }
            fields.offsetSeconds = 0
        case 6:
            // -04:00 right after the time, or a space and -0400.
            let signAt = base[end] == 0x20 ? end + 1 : end
            let hours = two(signAt + 1), minutes = two(end + 4)
            guard base[signAt] == 0x2B || base[signAt] == 0x2D, signAt == end + 1 || base[end + 3] == 0x3A,
                hours >= 0, minutes >= 0, hours <= 18, minutes < 60
            else { return nil }
            fields.offsetSeconds = (base[signAt] == 0x2D ? -1 : 1) * (hours * 3600 + minutes * 60)
        default:
            return nil
        }
        return fields
    }

    /// The fields of ShipStation's shape, `3/1/2026 4:02:11 PM`, read without the scanner: month and day of one or two
    /// digits, a four-digit year, hour of one or two digits, minutes and seconds, one space and AM or PM. nil for
    /// anything else, and for an hour the scanner would refuse, which it then reads.
    public static func twelveHourFields(_ bytes: UnsafeBufferPointer<UInt8>) -> Fields? {
        var index = 0
        func number(_ widths: ClosedRange<Int>) -> Int? {
            var value = 0, count = 0
            while count < widths.upperBound, index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                value = value * 10 + Int(bytes[index] - 0x30)
                count += 1
                index += 1
            }
            return count >= widths.lowerBound ? value : nil
        }
        func skip(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard bytes.count >= 17, let month = number(1...2), skip(0x2F), let day = number(1...2), skip(0x2F),
            let year = number(4...4),
            skip(0x20), let hour = number(1...2), skip(0x3A), let minute = number(2...2), skip(0x3A),
            let second = number(2...2),
            skip(0x20), index + 2 == bytes.count, (1...12).contains(hour)
        else { return nil }
        let marker = bytes[index] | 0x20, m = bytes[index + 1] | 0x20
        guard marker == 0x61 || marker == 0x70, m == 0x6D else { return nil }
        var fields = Fields(
            year: year, month: month, day: day, hour: hour % 12 + (marker == 0x70 ? 12 : 0), minute: minute,
            second: second)
        fields.slashDate = true
        return fields
    }

    /// The date of parsed fields, or why they are no date.
    private func reading(_ fields: Fields) -> Reading {
        guard (1...12).contains(fields.month), (1...Self.daysIn(fields.month, fields.year)).contains(fields.day),
            fields.hour < 24, fields.minute < 60, fields.second < 61
        else {
            return .notARealDate
        }
        let days = Self.daysFromCivil(fields.year, fields.month, fields.day)
        let local = Double(days * 86_400 + fields.hour * 3600 + fields.minute * 60 + fields.second) + fields.fraction
        if let offset = fields.offsetSeconds {
            return .date(Date(timeIntervalSince1970: local - Double(offset)))
        }
        // No offset: find the zone's offset at that wall-clock time (twice, to settle across a DST change).
        zoneUse?.markUsed()
        var guess = Date(
            timeIntervalSince1970: local - Double(offsets.secondsFromGMT(for: Date(timeIntervalSince1970: local))))
        guess = Date(timeIntervalSince1970: local - Double(offsets.secondsFromGMT(for: guess)))
        return .date(guess)
    }

    public static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). Years 1970-2099, every date an
    /// export holds, take the short way: a leap year every fourth year there, and the days before each month from a
    /// table (a tenth of the instructions of the general way, once per timestamp read).
    public static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        if year >= 1970, year <= 2099, month >= 1, month <= 12 {
            let years = year &- 1970
            let leapDay = year & 3 == 0 && month > 2 ? 1 : 0
            return years &* 365 &+ (years &+ 1) >> 2 &+ Self.daysBeforeMonth[month &- 1] &+ leapDay &+ day &- 1
        }
        return hinnantDays(year, month, day)
    }

    /// `daysFromCivil` for any year.
    public static func hinnantDays(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Days of a common year before each month.
    private static let daysBeforeMonth: [Int] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]

    public struct Fields {
        public var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
        public var fraction = 0.0
        public var offsetSeconds: Int?
        /// A `1/2/2026` date, read month first: which field is the month is the file's to say (`slashOrder`).
        public var slashDate = false
    }

    /// A byte scanner for the handful of shapes above; returns nil on anything else (never guesses D/M order).
    public struct Scanner {
        public let bytes: UnsafeBufferPointer<UInt8>
        public var index = 0

        public init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        public var atEnd: Bool { index >= bytes.count }
        public var peek: UInt8? { atEnd ? nil : bytes[index] }

        public mutating func digits(min: Int, max: Int) -> (value: Int, count: Int)? {
            var value = 0, count = 0
            while count < max, let byte = peek, (48...57).contains(byte) {
                value = value * 10 + Int(byte - 48); count += 1; index += 1
            }
            return count >= min ? (value, count) : nil
        }

        public mutating func skip(_ byte: UInt8) -> Bool {
            if peek == byte { index += 1; return true }
            return false
        }

        public mutating func skipSpaces() { while peek == 0x20 { index += 1 } }

        public mutating func parseFields() -> Fields? {
            skipSpaces()
            var f = Fields()
            let start = index
            guard let first = digits(min: 1, max: 14) else { return nil }
            if first.count == 8 || first.count == 14, atEnd || peek == 0x20 {
                // yyyymmdd or yyyymmddHHMMSS
                var v = first.value
                if first.count == 14 {
                    f.second = v % 100; v /= 100; f.minute = v % 100; v /= 100; f.hour = v % 100; v /= 100
                }
                f.day = v % 100; f.month = (v / 100) % 100; f.year = v / 10_000
                skipSpaces()
                return atEnd ? f : nil
            }
            if first.count == 4, skip(UInt8(ascii: "-")) {
                f.year = first.value
                guard let m = digits(min: 1, max: 2), skip(UInt8(ascii: "-")), let d = digits(min: 1, max: 2) else {
                    return nil
                }
                f.month = m.value; f.day = d.value
                if atEnd { return f }
                guard skip(UInt8(ascii: "T")) || skip(UInt8(ascii: " ")) else { return nil }
                skipSpaces()
                if atEnd { return f }
                guard parseTime(&f, twelveHour: false) else { return nil }
                skipSpaces()
                if atEnd { return f }
                guard parseOffset(&f) else { return nil }
                skipSpaces()
                return atEnd ? f : nil
            }
            if first.count <= 2, skip(UInt8(ascii: "/")) {
                index = start
                guard let m = digits(min: 1, max: 2), skip(UInt8(ascii: "/")), let d = digits(min: 1, max: 2),
                    skip(UInt8(ascii: "/")), let y = digits(min: 2, max: 4), y.count != 3
                else { return nil }
                // A two-digit year (Etsy's `12/31/25`) is this century's.
                f.month = m.value; f.day = d.value; f.year = y.count == 2 ? 2000 + y.value : y.value
                f.slashDate = true
                skipSpaces()
                if atEnd { return f }
                guard parseTime(&f, twelveHour: true) else { return nil }
                skipSpaces()
                return atEnd ? f : nil
            }
            return nil
        }

        public mutating func parseTime(_ f: inout Fields, twelveHour: Bool) -> Bool {
            guard let h = digits(min: 1, max: 2), skip(UInt8(ascii: ":")), let mi = digits(min: 2, max: 2) else {
                return false
            }
            f.hour = h.value; f.minute = mi.value
            if skip(UInt8(ascii: ":")) {
                guard let s = digits(min: 2, max: 2) else { return false }
                f.second = s.value
                if skip(UInt8(ascii: ".")) || skip(UInt8(ascii: ",")) {
                    let fracStart = index
                    guard let frac = digits(min: 1, max: 9) else { return false }
                    f.fraction = Double(frac.value) / pow(10, Double(index - fracStart))
                }
            }
            if twelveHour {
                skipSpaces()
                if let byte = peek, byte | 0x20 == UInt8(ascii: "a") || byte | 0x20 == UInt8(ascii: "p") {
                    index += 1
                    guard let m = peek, m | 0x20 == UInt8(ascii: "m") else { return false }
                    index += 1
                    guard (1...12).contains(f.hour) else { return false }
                    let pm = byte | 0x20 == UInt8(ascii: "p")
                    f.hour = f.hour % 12 + (pm ? 12 : 0)
                }
            }
            return true
        }

        public mutating func parseOffset(_ f: inout Fields) -> Bool {
            if skip(UInt8(ascii: "Z")) || skip(UInt8(ascii: "z")) { f.offsetSeconds = 0; return true }
            let sign: Int
            if skip(UInt8(ascii: "+")) { sign = 1 } else if skip(UInt8(ascii: "-")) { sign = -1 } else { return false }
            guard let h = digits(min: 2, max: 2) else { return false }
            _ = skip(UInt8(ascii: ":"))
            let m = digits(min: 2, max: 2)?.value ?? 0
            guard h.value <= 18, m < 60 else { return false }
            f.offsetSeconds = sign * (h.value * 3600 + m * 60)
            return true
        }
    }
}

/// Whether a parser read any value in its zone, for lack of an offset in the value: a file read only with stated
/// offsets does not depend on the zone it was read with. Shared by the threads of one read, hence atomic.
public final class ZoneUse: Sendable {
    private let used = Atomic<Bool>(false)

    public init() {}

    /// Notes that a value was read in the zone.
    public func markUsed() {
        if !used.load(ordering: .relaxed) { used.store(true, ordering: .relaxed) }
    }

    /// True once any value was read in the zone.
    public var wasUsed: Bool { used.load(ordering: .relaxed) }
}

/// Which field of a slash date is the month: `10/12/2025` is 12 October day first, 10 December month first.
public enum SlashDateOrder: String, Sendable, CaseIterable {
    case monthFirst = "month_first"
    case dayFirst = "day_first"

    /// `21/10/2025` or `10/21/2025`, for messages.
    public var example: String { self == .dayFirst ? "21/10/2025" : "10/21/2025" }
}

/// What the slash dates a parser read say about their order: a first field above 12 can only be a day, a second
/// above 12 only a day too (so the first is the month). Shared by the threads of one read, hence atomic.
public final class SlashEvidence: Sendable {
    private let dayFirst = Atomic<Bool>(false)
    private let monthFirst = Atomic<Bool>(false)
    private let slash = Atomic<Bool>(false)

    public init() {}

    public func noteSlash() { if !slash.load(ordering: .relaxed) { slash.store(true, ordering: .relaxed) } }
    /// True once any slash date was read.
    public var sawSlash: Bool { slash.load(ordering: .relaxed) }

    public func noteDayFirst() { if !dayFirst.load(ordering: .relaxed) { dayFirst.store(true, ordering: .relaxed) } }
    public func noteMonthFirst() {
        if !monthFirst.load(ordering: .relaxed) { monthFirst.store(true, ordering: .relaxed) }
    }

    /// True once a value's first field was above 12.
    public var sawDayFirst: Bool { dayFirst.load(ordering: .relaxed) }
    /// True once a value's second field was above 12.
    public var sawMonthFirst: Bool { monthFirst.load(ordering: .relaxed) }
}

/// The order of a file's slash dates, shared by its parsers and set once decided (from another thread's view, a
/// plain atomic byte).
public final class SlashOrderBox: Sendable {
    private let dayFirst: Atomic<Bool>

    public init(_ order: SlashDateOrder) { dayFirst = Atomic(order == .dayFirst) }

    /// True when slash dates are day first.
    @inline(__always) public var isDayFirst: Bool { dayFirst.load(ordering: .relaxed) }

    /// The order.
    public var order: SlashDateOrder {
        get { isDayFirst ? .dayFirst : .monthFirst }
        set { dayFirst.store(newValue == .dayFirst, ordering: .relaxed) }
    }
}
