import Foundation

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
    /// How the promise was reached, step by step, for the report: "ordered Wed 2026-11-18 15:40, after the 14:00
    /// cutoff → ships Thu 2026-11-19 → overnight, 1 business day → promised Fri 2026-11-20".
    public let computation: String
    /// The export row that gave the promise, when the export had one.
    public let source: SourceLocation?
}

/// When the store ships and how long each tier takes: the inputs of a computed promise.
public struct PromiseSettings: Sendable, Equatable {
    /// The store's zone: order days, cutoff and promised days are in it.
    public var timeZone: TimeZone
    /// Orders placed after this time of day ship the next business day.
    public var cutoffHour = 14
    /// Minutes of the cutoff.
    public var cutoffMinute = 0
    /// Business days between the ship day and the label (warehouse handling).
    public var processingDays = 0
    /// Transit business days per tier (nominal carrier days unless the config says otherwise).
    public var transitDays: [ServiceTier: Int] = Dictionary(uniqueKeysWithValues: ServiceTier.allCases.map { ($0, $0.nominalBusinessDays) })
    /// Business days and holidays.
    public var calendar = CarrierCalendar()

    /// Defaults for a store in `timeZone`.
    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    /// Transit business days of a tier.
    public func transit(_ tier: ServiceTier) -> Int { transitDays[tier] ?? tier.nominalBusinessDays }

    /// `14:00`.
    public var cutoffText: String { "\(NumberText.padded(cutoffHour, 2)):\(NumberText.padded(cutoffMinute, 2))" }

    /// The promise for an order: the export's date when it has one, otherwise computed from the order time, the
    /// cutoff, processing days and the paid tier's transit days. Nil when neither is possible.
    public func promise(for order: Order, paidTier: ServiceTier?) -> DeliveryPromise? {
        if let promised = order.promisedDelivery {
            let day = LocalDay(promised, in: timeZone)
            return DeliveryPromise(day: day, deadline: day.end(in: timeZone), shipByDay: nil, tier: paidTier,
                                   computation: "promised \(day.labelWithWeekday) in the orders export", source: order.firstRow)
        }
        guard let placed = order.createdAt, let tier = paidTier else { return nil }
        let shipBy = shipByDay(for: placed)
        let days = transit(tier)
        let day = calendar.deliveryDay(shippedOn: shipBy.day, transitDays: days, tier: tier)
        let computation = "\(shipBy.computation) → \(tier.label), \(days) business day\(days == 1 ? "" : "s") → promised \(day.labelWithWeekday)"
        return DeliveryPromise(day: day, deadline: day.end(in: timeZone), shipByDay: shipBy.day, tier: tier,
                               computation: computation, source: nil)
    }

    /// The day an order placed at `placed` is due to ship, and the words for it.
    public func shipByDay(for placed: Date) -> (day: LocalDay, computation: String) {
        let orderDay = LocalDay(placed, in: timeZone)
        let cutoff = orderDay.at(hour: cutoffHour, minute: cutoffMinute, in: timeZone)
        let afterCutoff = placed > cutoff
        var day = calendar.businessDay(onOrAfter: afterCutoff ? orderDay.adding(1) : orderDay)
        var words = "ordered \(orderDay.labelWithWeekday) \(Self.clock(placed, timeZone))"
        if afterCutoff { words += ", after the \(cutoffText) cutoff" }
        if !calendar.isBusinessDay(orderDay) && !afterCutoff { words += ", not a business day" }
        words += " → ships \(day.labelWithWeekday)"
        for _ in 0..<processingDays { day = calendar.businessDay(onOrAfter: day.adding(1)) }
        if processingDays > 0 { words += " + \(processingDays) processing day\(processingDays == 1 ? "" : "s") → \(day.labelWithWeekday)" }
        return (day, words)
    }

    /// The latest moment a new parcel in `tier` can be handed over and still arrive by `promised`: the store's
    /// cutoff on the latest ship day that works. Nil when no day from `now` on works.
    public func reshipDeadline(for promised: LocalDay, tier: ServiceTier, now: Date) -> Date? {
        let today = LocalDay(now, in: timeZone)
        guard let day = calendar.latestShipDay(toDeliverBy: promised, transitDays: transit(tier), tier: tier, earliest: today) else {
            return nil
        }
        let deadline = day.at(hour: cutoffHour, minute: cutoffMinute, in: timeZone)
        return deadline > now ? deadline : nil
    }

    /// `15:40` in the zone.
    static func clock(_ date: Date, _ zone: TimeZone) -> String {
        let seconds = Int((date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))).rounded(.down))
        let inDay = ((seconds % 86_400) + 86_400) % 86_400
        return "\(NumberText.padded(inDay / 3600, 2)):\(NumberText.padded(inDay % 3600 / 60, 2))"
    }

    /// `Thu 2026-11-19 14:00` in the zone.
    public func describe(_ date: Date) -> String {
        "\(LocalDay(date, in: timeZone).labelWithWeekday) \(Self.clock(date, timeZone))"
    }
}
