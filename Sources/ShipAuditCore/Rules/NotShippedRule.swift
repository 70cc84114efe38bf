import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags a paid order that has no shipment although its ship-by day ended more than the grace period ago.
///
/// The ship-by day is the first business day on or after the order (the next one after the store's cutoff), plus
/// processing days (`[store] cutoff`, `processing_days`). Grace: `[delivery] not_shipped_grace_hours`, default 24.
/// An order the orders export marks fulfilled (a shippable line's fulfilment status) has shipped, whatever the
/// shipments export holds. Without a shipments export only orders whose lines are marked unfulfilled are judged.
/// Cancelled, refunded and unpaid orders are not due to ship; an order due to ship before the shipment export's
/// first label is not judged (it may have shipped before the export's period). Evidence: order time, ship-by day, hours overdue,
/// the promise. Money at stake: the goods value. Severity: high.
public struct NotShippedRule: Rule {
    public static let id = "not_shipped"
    public static let summary =
        "A paid order with no shipment after its ship-by day plus a grace period (default 24 hours); says by when a shipment still keeps the promise. Money at stake: the goods value."

    /// Grace, cutoff and processing days.
    public static func thresholds(_ configuration: Configuration) -> [String] {
        let delivery = configuration.delivery, promise = configuration.promise
        return [
            "grace \(delivery.notShippedGraceHours) hours after the ship-by day; cutoff \(promise.cutoffText), \(promise.processingDays) processing days"
        ]
    }

    /// Why an unpaid order is not judged.
    static let notPaid = "not paid yet: not due to ship"

    /// Creates the rule.
    public init() {}

    /// Passes at once when a package shipped, the store marked a line fulfilled, or nothing needs shipping.
    public func passesAtOnce(_ facts: OrderFacts, context: RuleContext) -> Bool {
        facts.packages > 0 || !facts.hasShippableLine || facts.hasFulfilledLine
    }

    public func check(_ order: MatchedOrder, context: RuleContext) -> RuleOutcome {
        guard order.packages.isEmpty else { return .passed }
        let shippable = order.order.lines.filter { $0.requiresShipping && $0.quantity > 0 }
        guard !shippable.isEmpty else { return .passed }
        // The store's own word: a line it marked fulfilled has shipped, whatever the shipments export holds.
        guard !shippable.contains(where: { $0.isFulfilled == true }) else { return .passed }
        // Without a shipments export, only an orders export that says which lines are unfulfilled can tell.
        guard context.hasShipments || shippable.allSatisfy({ $0.isFulfilled == false }) else {
            return .skipped(reason: "no shipments export (--shipments) and no fulfilment status in the orders export")
        }
        guard order.order.isPaid else { return .skipped(reason: Self.notPaid) }
        // The clock starts at payment when that came later (a draft or invoice order), else at the order.
        guard let placed = order.order.shipClockStart else { return .skipped(reason: "the order has no order time") }
        let settings = context.promises
        let shipBy = settings.shipByDay(for: placed, paid: order.order.paidAt != nil)
        // An order due before the shipment export begins may have shipped before it: not judged.
        if let begins = context.shipmentsBegin, shipBy.day < LocalDay(begins, in: settings.offsets) {
            return .skipped(reason: "due to ship before the shipment export begins")
        }
        let due = shipBy.day.end(in: settings.offsets).addingTimeInterval(
            Double(context.configuration.delivery.notShippedGraceHours) * 3600)
        guard context.asOf > due else { return .passed }
        let overdue = Int(context.asOf.timeIntervalSince(shipBy.day.end(in: settings.offsets)) / 3600)
        let advice = DeliveryFacts.reshipAdvice(order, context)
        var evidence: Evidence = [
            ("ordered", .string(context.localTime(order.order.createdAt ?? placed))),
            ("ship_by_day", .string(shipBy.day.description)),
            ("ship_by_computation", .string(shipBy.computation)), ("hours_overdue", .int(overdue)),
            ("paid_service", order.paidServiceText.map(JSONValue.string) ?? .null),
        ]
        if let paid = order.order.paidAt { evidence.string("paid", context.localTime(paid)) }
        if let promise = order.promise { evidence += DeliveryFacts.evidence(promise, settings) }
        evidence.string("ship_deadline_for_promise", advice.deadline.map(context.localTime))
        let action =
            advice.deadline == nil ? advice.action : advice.action.replacingOccurrences(of: "Reship", with: "Ship")
        return .flagged(
            Finding(
                rule: Self.id, severity: .high, orderId: order.order.id, orderName: order.order.displayName,
                message:
                    "Not shipped: due to ship \(shipBy.day.labelWithWeekday), \(overdue) hours ago (\(shipBy.computation))",
                evidence: evidence, moneyAtStake: Money(order.order.goodsValue, order.currency), action: action,
                sources: [order.order.firstRow], moneyKind: "goods value", deadline: advice.deadline, owner: .warehouse)
        )
    }
}
