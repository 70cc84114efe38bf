import ShipAuditCSV
import ShipAuditStorage

/// The days carriers move parcels: Monday to Friday except holidays, plus Saturday for tiers that deliver on it.
public struct CarrierCalendar: Sendable, Equatable {
    /// Days with no pickup or delivery.
    public var holidays: Set<LocalDay> { didSet { holidayBits = HolidayBits(holidays) } }
    /// The holidays as bits by day number: asked for every day a promise counts (several per order), where the set
    /// hashed each day.
    private var holidayBits: HolidayBits
    /// Tiers that also deliver on Saturdays (transit still counts from business days).
    public var saturdayDelivery: Set<ServiceTier>

    /// US carrier holidays for 2026 and 2027 (New Year, Memorial Day, Independence Day observed, Labor Day,
    /// Thanksgiving, Christmas), the days UPS and FedEx publish as no-service days for ground and air.
    public static let usHolidays: Set<LocalDay> = Set(
        [
            "2026-01-01", "2026-05-25", "2026-07-03", "2026-09-07", "2026-11-26", "2026-12-25",
            "2027-01-01", "2027-05-31", "2027-07-05", "2027-09-06", "2027-11-25", "2027-12-24",
        ].compactMap(LocalDay.init(iso:)))

    /// Creates a calendar.
    public init(holidays: Set<LocalDay> = CarrierCalendar.usHolidays, saturdayDelivery: Set<ServiceTier> = []) {
        self.holidays = holidays
        self.saturdayDelivery = saturdayDelivery
        holidayBits = HolidayBits(holidays)
    }

    /// True for Monday to Friday that is not a holiday.
    public func isBusinessDay(_ day: LocalDay) -> Bool { day.weekday <= 5 && !holidayBits.contains(day) }

    /// True when `tier` delivers on `day`.
    public func delivers(_ tier: ServiceTier, on day: LocalDay) -> Bool {
        isBusinessDay(day) || (day.weekday == 6 && saturdayDelivery.contains(tier) && !holidayBits.contains(day))
    }

    /// The first business day on or after `day`.
    public func businessDay(onOrAfter day: LocalDay) -> LocalDay {
        var current = day
        while !isBusinessDay(current) { current = current.adding(1) }
        return current
    }

    /// The delivery day of a parcel shipped on business day `shipDay` in `tier` taking `transitDays` business days;
    /// a Saturday-delivering tier may land on the Saturday after a Friday.
    public func deliveryDay(shippedOn shipDay: LocalDay, transitDays: Int, tier: ServiceTier) -> LocalDay {
        var day = shipDay
        var remaining = transitDays
        while remaining > 0 {
            day = day.adding(1)
            if remaining == 1 ? delivers(tier, on: day) : isBusinessDay(day) { remaining -= 1 }
        }
        return day
    }

    /// How many business days `b` is after `a`: the business days in (a, b], and the day `b` itself when a parcel
    /// arrives on a weekend or holiday.
    ///
    /// Counted, not walked: the weekdays strictly between the two, less the holidays among them, and `b`. (A day a
    /// time, dates decades apart, a typo or a damaged export, cost a loop of tens of thousands per order.)
    public func businessDays(from a: LocalDay, to b: LocalDay) -> Int {
        guard b > a else { return 0 }
        let (low, high) = (a.number + 1, b.number - 1)
        guard high >= low else { return 1 }
        return Self.weekdays(from: low, through: high) - holidayBits.weekdays(from: low, through: high) + 1
    }

    /// The weekdays (Monday to Friday) among day numbers `low...high`.
    static func weekdays(from low: Int, through high: Int) -> Int {
        // Day number n is a Monday when (n + 3) % 7 == 0 (`LocalDay.weekday`): the weekdays among t in 0..<T, with
        // t = n + 3, are five a week and the rest of the last week up to its Friday.
        func before(_ t: Int) -> Int {
            let weeks = t >= 0 ? t / 7 : -((6 - t) / 7)
            return 5 * weeks + min(t - weeks * 7, 5)
        }
        return before(high + 4) - before(low + 3)
    }

    /// The latest business day on which shipping in `tier` (taking `transitDays`) still delivers by `promised`;
    /// nil when none does on or after `earliest`.
    public func latestShipDay(toDeliverBy promised: LocalDay, transitDays: Int, tier: ServiceTier, earliest: LocalDay)
        -> LocalDay?
    {
        var day = promised
        while day >= earliest {
            if isBusinessDay(day), deliveryDay(shippedOn: day, transitDays: transitDays, tier: tier) <= promised {
                return day
            }
            day = day.adding(-1)
        }
        return nil
    }
}

/// A set of days as bits from the first to the last (a set spanning more than a few thousand years is kept as a set).
private struct HolidayBits: Sendable, Equatable {
    private var first = 0
    private var bits: [UInt64] = []
    private var spread: Set<LocalDay> = []
    /// The holidays on weekdays, by day number in order (`weekdays(from:through:)`).
    private var onWeekdays: [Int] = []

    init(_ days: Set<LocalDay>) {
        onWeekdays = days.filter { $0.weekday <= 5 }.map(\.number).sorted()
        guard let low = days.map(\.number).min(), let high = days.map(\.number).max() else { return }
        guard high - low < 1 << 20 else {
            spread = days
            return
        }
        first = low
        bits = [UInt64](repeating: 0, count: (high - low) / 64 + 1)
        for day in days { bits[(day.number - low) / 64] |= 1 << UInt64((day.number - low) % 64) }
    }

    /// The holidays on weekdays among day numbers `low...high`.
    func weekdays(from low: Int, through high: Int) -> Int {
        guard !onWeekdays.isEmpty else { return 0 }
        return Self.countBelow(high + 1, onWeekdays) - Self.countBelow(low, onWeekdays)
    }

    /// How many of the ordered `numbers` are below `bound`.
    private static func countBelow(_ bound: Int, _ numbers: [Int]) -> Int {
        var (low, high) = (0, numbers.count)
        while low < high {
            let middle = (low + high) / 2
            if numbers[middle] < bound { low = middle + 1 } else { high = middle }
        }
        return low
    }

    func contains(_ day: LocalDay) -> Bool {
        if !spread.isEmpty { return spread.contains(day) }
        let offset = day.number - first
        guard offset >= 0, offset < bits.count * 64 else { return false }
        return bits[offset / 64] & (1 << UInt64(offset % 64)) != 0
    }
}
