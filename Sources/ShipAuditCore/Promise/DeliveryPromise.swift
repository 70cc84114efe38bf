import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// The delivery date promised to the customer, fixed when the order was placed, with how it was reached.
public struct DeliveryPromise: Sendable {
    /// The promised delivery day (store zone).
    public let day: LocalDay
    /// The end of that day: delivered after this instant is late.
    public let deadline: Date
    /// The day the order was due to leave (the first business day on or after the order, after cutoff and
    /// processing); nil when the promise came from the export.
    public let shipByDay: LocalDay?
    /// The paid tier the promise was computed for.
    public let tier: ServiceTier?
    /// The export row that gave the promise, when the export had one.
    public let source: SourceLocation?
    /// What the words of `computation` are made from: they are wanted for flagged orders only. The settings are not
    /// kept here: a promise is copied several times per order on every core, and copying settings retained their zone,
    /// tables and calendar each time.
    private let basis: Basis

    private enum Basis: Sendable {
        case export
        /// `placed` is the payment when `paidLater`.
        case computed(placed: Date, transitDays: Int, paidLater: Bool)
    }

    /// A promise from the export's promised date.
    init(fromExport day: LocalDay, deadline: Date, tier: ServiceTier?, source: SourceLocation) {
        (self.day, self.deadline, shipByDay, self.tier, self.source, basis) = (
            day, deadline, nil, tier, source, .export
        )
    }

    /// A promise computed for an order placed at `placed`.
    init(
        computed day: LocalDay, deadline: Date, shipByDay: LocalDay, tier: ServiceTier, placed: Date, transitDays: Int,
        paidLater: Bool = false
    ) {
        (self.day, self.deadline, self.shipByDay, self.tier, source) = (day, deadline, shipByDay, tier, nil)
        basis = .computed(placed: placed, transitDays: transitDays, paidLater: paidLater)
    }

    /// How the promise was reached, step by step, for the report: "ordered Wed 2026-11-18 15:40, after the 14:00
    /// cutoff → ships Thu 2026-11-19 → overnight, 1 business day → promised Fri 2026-11-20". `settings` are the ones
    /// the promise was computed with.
    public func computation(_ settings: PromiseSettings) -> String {
        var out = TextBuilder()
        switch basis {
        case .export:
            out.put("promised ")
            out.put(day.labelWithWeekday)
            out.put(" in the orders export")
        case .computed(let placed, let days, let paidLater):
            settings.shipByDayWords(for: placed, paid: paidLater, into: &out)
            out.put(" → ")
            out.put(tier?.label ?? "")
            out.put(", ")
            out.put(days, " business day", " business days")
            out.put(" → promised ")
            out.put(day.labelWithWeekday)
        }
        return out.text
    }
}

/// When the store ships and how long each tier takes: the inputs of a computed promise.
public struct PromiseSettings: Sendable, Equatable {
    /// The store's zone: order days, cutoff and promised days are in it.
    public var timeZone: TimeZone { didSet { offsets = .of(timeZone) } }
    /// The zone's offsets as a table (the promise works out several local times per order).
    public private(set) var offsets: ZoneOffsets
    /// Orders placed after this time of day ship the next business day.
    public var cutoffHour = 14
    /// Minutes of the cutoff.
    public var cutoffMinute = 0
    /// Business days between the ship day and the label (warehouse handling).
    public var processingDays = 0
    /// Transit business days per tier (nominal carrier days unless the config says otherwise).
    public var transitDays: [ServiceTier: Int] = Dictionary(
        uniqueKeysWithValues: ServiceTier.allCases.map { ($0, $0.nominalBusinessDays) })
    {
        didSet { transitByRank = Self.byRank(transitDays) }
    }
    /// `transitDays` by tier rank: looked up for every promise, without hashing.
    private var transitByRank = Self.byRank(
        Dictionary(uniqueKeysWithValues: ServiceTier.allCases.map { ($0, $0.nominalBusinessDays) }))
    /// Business days and holidays.
    public var calendar = CarrierCalendar()

    /// Defaults for a store in `timeZone`.
    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        offsets = .of(timeZone)
    }

    /// Transit business days of a tier.
    public func transit(_ tier: ServiceTier) -> Int { transitByRank[tier.rank] }

    private static func byRank(_ days: [ServiceTier: Int]) -> [Int] {
        ServiceTier.allCases.map { days[$0] ?? $0.nominalBusinessDays }
    }

    /// `14:00`.
    public var cutoffText: String { "\(NumberText.padded(cutoffHour, 2)):\(NumberText.padded(cutoffMinute, 2))" }

    /// The promise for an order: the export's date when it has one, otherwise computed from the order time, the
    /// cutoff, processing days and the paid tier's transit days. Nil when neither is possible.
    public func promise(for order: Order, paidTier: ServiceTier?) -> DeliveryPromise? {
        promise(
            placed: order.shipClockStart, promised: order.promisedDelivery, source: order.firstRow, paidTier: paidTier,
            paidLater: order.paidAt != nil)
    }

    /// The promise of an order placed at `placed` (nil: unknown) whose export promised `promised` (nil: none) on the
    /// row at `source`.
    func promise(
        placed: Date?, promised: Date?, source: SourceLocation, paidTier: ServiceTier?, paidLater: Bool = false
    ) -> DeliveryPromise? {
        if let promised {
            let day = LocalDay(promised, in: offsets)
            return DeliveryPromise(fromExport: day, deadline: day.end(in: offsets), tier: paidTier, source: source)
        }
        guard let placed, let tier = paidTier else { return nil }
        let shipBy = shipDay(for: placed)
        let days = transit(tier)
        let day = calendar.deliveryDay(shippedOn: shipBy.day, transitDays: days, tier: tier)
        return DeliveryPromise(
            computed: day, deadline: day.end(in: offsets), shipByDay: shipBy.day, tier: tier, placed: placed,
            transitDays: days, paidLater: paidLater)
    }

    /// The deadline of `promise(placed:promised:source:paidTier:)`; a computed one from `memo` when an order of the same
    /// local day, side of the cutoff and tier was worked out before (all a computed deadline depends on): the quick
    /// test of a million orders works out one per day and tier, not one per order.
    func deadline(placed: Date?, promised: Date?, paidTier: ServiceTier?, memo: inout DeadlineMemo) -> Date? {
        guard promised == nil, let placed, let tier = paidTier else {
            return promise(
                placed: placed, promised: promised, source: SourceLocation(fileNumber: 0, line: 0), paidTier: paidTier)?
                .deadline
        }
        // Through a guaranteed reference: both cores' checks call this for every order, and counting the shared
        // table's references up and down made its count's cache line go back and forth between them.
        let (orderDay, afterCutoff) = offsets.withoutCounting { offsets in
            let day = LocalDay(placed, in: offsets)
            return (day, placed > day.at(hour: cutoffHour, minute: cutoffMinute, in: offsets))
        }
        let key = orderDay.number &* 32 &+ (afterCutoff ? 16 : 0) &+ tier.rank
        if let known = memo[key] { return known }
        let deadline = promise(
            placed: placed, promised: nil, source: SourceLocation(fileNumber: 0, line: 0), paidTier: tier)?.deadline
        memo[key] = .some(deadline)
        return deadline
    }

    /// The last second of the ship-by day of an order placed at `placed`, from `memo` when an order of the same local
    /// day and side of the cutoff was worked out before (the ship-by day depends on nothing else).
    func shipByEnd(placed: Date, memo: inout DeadlineMemo) -> Date {
        let (orderDay, afterCutoff) = offsets.withoutCounting { offsets in
            let day = LocalDay(placed, in: offsets)
            return (day, placed > day.at(hour: cutoffHour, minute: cutoffMinute, in: offsets))
        }
        // Tier ranks take 0-7 of the deadlines' keys: 15 is the ship-by day's.
        let key = orderDay.number &* 32 &+ (afterCutoff ? 16 : 0) &+ 15
        if let known = memo[key], let end = known { return end }
        let end = shipDay(for: placed).day.end(in: offsets)
        memo[key] = .some(end)
        return end
    }

    /// The day an order placed at `placed` is due to ship, and the words for it.
    /// `paid`: `placed` is the payment, which came after the order (the words then say "paid").
    public func shipByDay(for placed: Date, paid: Bool = false) -> (day: LocalDay, computation: String) {
        var words = TextBuilder()
        let day = shipByDayWords(for: placed, paid: paid, into: &words)
        return (day, words.text)
    }

    /// Writes `shipByDay(for:)`'s words to `out` and returns the day.
    @discardableResult
    func shipByDayWords(for placed: Date, paid: Bool = false, into out: inout TextBuilder) -> LocalDay {
        let (orderDay, afterCutoff, firstDay, day) = shipDay(for: placed)
        out.put(paid ? "paid " : "ordered ")
        out.put(orderDay.labelWithWeekday)
        out.put(" ")
        out.put(Self.clock(placed, offsets))
        if afterCutoff {
            out.put(", after the ")
            out.put(cutoffText)
            out.put(" cutoff")
        }
        if !calendar.isBusinessDay(orderDay) && !afterCutoff { out.put(", not a business day") }
        out.put(" → ships ")
        out.put(firstDay.labelWithWeekday)
        if processingDays > 0 {
            out.put(" + ")
            out.put(processingDays, " processing day", " processing days")
            out.put(" → ")
            out.put(day.labelWithWeekday)
        }
        return day
    }

    /// The steps of the ship day, without words: the order's day, whether it came after the cutoff, the first
    /// business day it could ship, and the ship day after processing.
    func shipDay(for placed: Date) -> (orderDay: LocalDay, afterCutoff: Bool, firstDay: LocalDay, day: LocalDay) {
        let orderDay = LocalDay(placed, in: offsets)
        let cutoff = orderDay.at(hour: cutoffHour, minute: cutoffMinute, in: offsets)
        let afterCutoff = placed > cutoff
        let firstDay = calendar.businessDay(onOrAfter: afterCutoff ? orderDay.adding(1) : orderDay)
        var day = firstDay
        for _ in 0..<processingDays { day = calendar.businessDay(onOrAfter: day.adding(1)) }
        return (orderDay, afterCutoff, firstDay, day)
    }

    /// The latest moment a new parcel in `tier` can be handed over and still arrive by `promised`: the store's
    /// cutoff on the latest ship day that works. Nil when no day from `now` on works.
    public func reshipDeadline(for promised: LocalDay, tier: ServiceTier, now: Date) -> Date? {
        let today = LocalDay(now, in: offsets)
        guard
            let day = calendar.latestShipDay(
                toDeliverBy: promised, transitDays: transit(tier), tier: tier, earliest: today)
        else {
            return nil
        }
        let deadline = day.at(hour: cutoffHour, minute: cutoffMinute, in: offsets)
        return deadline > now ? deadline : nil
    }

    /// `15:40` in the zone.
    static func clock(_ date: Date, _ zone: some ZoneRules) -> String {
        let inDay = secondOfDay(date, zone)
        return NumberText.fixed { $0.clock(inDay) }
    }

    /// The second of the day of `date` in the zone (0..<86,400).
    private static func secondOfDay(_ date: Date, _ zone: some ZoneRules) -> Int {
        let seconds = Int((date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))).rounded(.down))
        return ((seconds % 86_400) + 86_400) % 86_400
    }

    /// `Thu 2026-11-19 14:00` in the zone.
    public func describe(_ date: Date) -> String {
        let label = LocalDay(date, in: offsets).labelWithWeekday
        guard label.utf8.count == 14 else { return "\(label) \(Self.clock(date, offsets))" }
        let inDay = Self.secondOfDay(date, offsets)
        return NumberText.fixed { out in
            for byte in label.utf8 { out.put(byte) }
            out.put(0x20)
            out.clock(inDay)
        }
    }
}

/// Deadlines of computed promises already worked out (`PromiseSettings.deadline`), by the order's local day, its side
/// of the cutoff and the paid tier; one per thread.
///
/// A table of 1,024 slots, one per key's hash (a key written over by another that shares its slot is worked out again
/// when next asked): a dictionary's hashing was some 250 instructions per order checked.
struct DeadlineMemo {
    private var keys = [Int](repeating: Int.min, count: 1_024)
    private var values = [Double](repeating: .nan, count: 1_024)

    private static func slot(_ key: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) >> 54)
    }

    /// The deadline kept for `key`: nil when none is kept, `.some(nil)` for a promise that has no deadline.
    fileprivate subscript(key: Int) -> Date?? {
        get {
            let slot = Self.slot(key)
            guard keys[slot] == key else { return nil }
            let seconds = values[slot]
            return .some(seconds.isNaN ? nil : Date(timeIntervalSinceReferenceDate: seconds))
        }
        set {
            guard let deadline = newValue else { return }
            let slot = Self.slot(key)
            keys[slot] = key
            values[slot] = deadline?.timeIntervalSinceReferenceDate ?? .nan
        }
    }
}
