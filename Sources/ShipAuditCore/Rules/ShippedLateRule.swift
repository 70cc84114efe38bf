import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags an order the store shipped after its ship-by day plus the grace period: the customer paid for Next Day Air
/// and the warehouse handed it to the carrier three days later.
///
/// When it shipped: the earliest package's ship date in the shipments export, else the orders export's own shipped
/// date (`fulfilled_at`, Shopify `Fulfilled at`), so an orders-only run judges it too. The ship-by day is
/// `not_shipped`'s (cutoff, processing days, the payment when later than the order); grace: `[delivery]
/// not_shipped_grace_hours`, default 24. Evidence: order time, ship-by day and its computation, the shipped time and
/// the row saying so, business days late. Owner: warehouse. Money at stake: the shipping paid (the upcharge a
/// customer paid for speed). Severity: high for an overnight, 2-day or 3-day tier, else medium.
public struct ShippedLateRule: Rule {
    public static let id = "shipped_late"
    public static let summary =
        "Shipped by the store after its ship-by day plus the grace period (default 24 hours), from the first label or the orders export's shipped date. Money at stake: the shipping paid."

    /// The grace period and the ship-by day's settings.
    public static func thresholds(_ configuration: Configuration) -> [String] {
        let delivery = configuration.delivery, promise = configuration.promise
        return [
            "grace \(delivery.notShippedGraceHours) hours after the ship-by day; cutoff \(promise.cutoffText), \(promise.processingDays) processing days"
        ]
    }

    /// Creates the rule.
    public init() {}

    /// Passes at once when nothing says when the order shipped, or it shipped by the end of its ship-by day plus the grace
    /// period (the facts work out the day as the full check does).
    public func passesAtOnce(_ facts: OrderFacts, context: RuleContext) -> Bool {
        guard !facts.shippedSeconds.isNaN else { return true }
        // No order time: the full check says it could not judge.
        guard !facts.clockStartSeconds.isNaN else { return false }
        let grace = Double(context.configuration.delivery.notShippedGraceHours) * 3600
        // The full check's ship-by day, worked out with the facts.
        return facts.shippedSeconds <= facts.shipByEndSeconds + grace
    }

    public func check(_ order: MatchedOrder, context: RuleContext) -> RuleOutcome {
        guard let (shipped, source) = Self.shipped(order) else { return .passed }
        guard let placed = order.order.shipClockStart else { return .skipped(reason: "the order has no order time") }
        let settings = context.promises
        // Most orders ship in time: the ship-by day's words are written only for a late one.
        let due = settings.shipDay(for: placed).day.end(in: settings.offsets).addingTimeInterval(
            Double(context.configuration.delivery.notShippedGraceHours) * 3600)
        guard shipped > due else { return .passed }
        let shipBy = settings.shipByDay(for: placed, paid: order.order.paidAt != nil)
        let shippedDay = LocalDay(shipped, in: settings.offsets)
        let late = settings.calendar.businessDays(from: shipBy.day, to: shippedDay)
        let tier = order.paidService?.tier
        let fast = tier.map { $0 <= .threeDay } ?? false
        var evidence: Evidence = [
            ("ordered", .string(context.localTime(order.order.createdAt ?? placed))),
            ("ship_by_day", .string(shipBy.day.description)),
            ("ship_by_computation", .string(shipBy.computation)),
            ("shipped", .string(context.localTime(shipped))), ("shipped_row", .string(source.description)),
            ("business_days_late", .int(late)), ("paid_service", order.paidServiceText.map(JSONValue.string) ?? .null),
        ]
        if let paid = order.order.paidAt { evidence.string("paid", context.localTime(paid)) }
        let days = late == 1 ? "1 business day" : "\(late) business days"
        let paidFor = order.paidServiceText.map { " for \($0)" } ?? ""
        let action =
            order.shippingPaid.map {
                fast
                    ? "Refund the \($0.description) shipping paid\(paidFor) and apologise; find why the warehouse held it"
                    : "Find why the warehouse held it \(days); apologise if the customer asks"
            } ?? "Find why the warehouse held it \(days)"
        return .flagged(
            Finding(
                rule: Self.id, severity: fast ? .high : .medium, orderId: order.order.id,
                orderName: order.order.displayName,
                message:
                    "Shipped late: \(days) after the ship-by day \(shipBy.day.labelWithWeekday), shipped \(settings.describe(shipped)) (\(shipBy.computation))",
                evidence: evidence, moneyAtStake: order.shippingPaid, action: action,
                sources: [order.order.firstRow, source], moneyKind: "shipping paid", owner: .warehouse))
    }

    /// When the order shipped and the row that says so: the earliest package's ship date, else the orders export's
    /// shipped date (on the order's first row); nil when nothing says.
    static func shipped(_ order: MatchedOrder) -> (Date, SourceLocation)? {
        let labelled = order.packages.compactMap { package in package.shippedAt.map { ($0, package.source) } }
        if let first = labelled.min(by: { $0.0 < $1.0 }) { return first }
        return order.order.fulfilledAt.map { ($0, order.order.firstRow) }
    }
}
