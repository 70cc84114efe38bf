import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags an order not yet delivered whose promise the parcel as shipped can no longer meet, while something can
/// still be done: the carrier's scheduled delivery is after the promised day, or the shipped tier's transit from
/// its ship day lands after it, or the parcel has had no scan for `[delivery] stalled_hours` (default 48), or the
/// promised day has passed.
///
/// The flag carries a reship-by deadline: the latest time a new parcel in the paid tier still arrives by the
/// promised day (store cutoff, carrier calendar), overnight when the paid tier is too slow by now; when no reship
/// can, it says so and recommends telling the customer and refunding shipping. A parcel's own arrival is estimated
/// with its tier's typical transit (ground: 3 business days) from its first scan or label day. Evidence: the promise and how it was computed, the parcels and their scans.
/// Money at stake: the goods value. Severity: high.
public struct DeliveryAtRiskRule: Rule {
    public static let id = "delivery_at_risk"
    public static let summary =
        "Not delivered yet, and the parcel as shipped can no longer meet the promise (carrier's schedule, shipped tier's transit, no scan for 48 hours); gives the reship-by deadline."

    /// About packages: nothing to judge without the shipments export.
    public static let needs: [InputKind] = [.shipments]

    /// Hours without a scan, and transit days by tier.
    public static func thresholds(_ configuration: Configuration) -> [String] {
        let promise = configuration.promise
        return [
            "no scan for \(configuration.delivery.stalledHours) hours; transit days: "
                + ServiceTier.allCases.map { "\($0.rawValue) \(promise.transit($0))" }.joined(separator: ", ")
        ]
    }

    /// Creates the rule.
    public init() {}

    /// Passes at once when every package is delivered and the order has a promise (or none shipped).
    public func passesAtOnce(_ facts: OrderFacts, context: RuleContext) -> Bool {
        facts.packages == 0 || (facts.promiseDeadline != nil && facts.allDelivered)
    }

    public func check(_ order: MatchedOrder, context: RuleContext) -> RuleOutcome {
        guard !order.packages.isEmpty else { return .passed }
        guard let promise = order.promise else {
            return .skipped(reason: "no promise: no order time or paid service tier")
        }
        guard order.packages.indices.contains(where: { order.deliveredAt($0) == nil }) else { return .passed }
        let settings = context.promises
        let delivery = context.configuration.delivery
        let open = order.packages.indices.filter { order.deliveredAt($0) == nil }
        var reasons: [String] = []
        var sources: [SourceLocation] = [order.order.firstRow]
        for index in open {
            let package = order.packages[index]
            let parcel = order.tracking[index]
            let name = DeliveryFacts.trackingText(package)
            if parcel?.status == .returned || parcel?.status == .exception { continue } // their own rules say it
            if let scheduled = parcel?.scheduled, LocalDay(scheduled.date, in: settings.offsets) > promise.day {
                reasons.append(
                    "\(name): carrier schedules \(LocalDay(scheduled.date, in: settings.offsets).labelWithWeekday), after the promised \(promise.day.labelWithWeekday)"
                )
                sources.append(scheduled.source)
                continue
            }
            if parcel?.scheduled == nil, let tier = order.packageServices[index]?.tier,
                let shipDay = DeliveryFacts.shipDay(order, index, settings)
            {
                let days = tier.expectedBusinessDays
                let arrives = settings.calendar.deliveryDay(shippedOn: shipDay, transitDays: days, tier: tier)
                // Without tracking, an arrival already past says nothing: it may have been delivered.
                if arrives > promise.day, parcel != nil || arrives >= LocalDay(context.asOf, in: settings.offsets) {
                    reasons.append(
                        "\(name): \(package.service) (\(tier.label), typically \(days) business day\(days == 1 ? "" : "s")) from \(shipDay.labelWithWeekday) arrives about \(arrives.labelWithWeekday), after the promised \(promise.day.labelWithWeekday)"
                    )
                    sources.append(package.source)
                    if let scan = parcel?.firstScan { sources.append(scan.source) }
                    continue
                }
            }
            if let last = parcel?.lastScan?.time {
                let hours = context.asOf.timeIntervalSince(last) / 3600
                if hours > Double(delivery.stalledHours), hours <= Double(delivery.lostAfterDays * 24) {
                    reasons.append(
                        "\(name): no scan for \(Int(hours)) hours (last \(settings.describe(last)): \(parcel!.lastScan!.text))"
                    )
                    sources.append(parcel!.lastScan!.source)
                    continue
                }
            }
            // Past the promise: known undelivered only when the tracking data has the parcel (and it is not lost).
            if context.asOf > promise.deadline, let parcel,
                parcel.lastScan.map({
                    context.asOf.timeIntervalSince($0.time!) <= Double(delivery.lostAfterDays * 86_400)
                }) ?? true
            {
                reasons.append("\(name): promised \(promise.day.labelWithWeekday) has passed and it is not delivered")
                sources.append(package.source)
            }
        }
        guard !reasons.isEmpty else { return .passed }
        let advice = DeliveryFacts.reshipAdvice(order, context)
        let computation = promise.computation(settings)
        var evidence = DeliveryFacts.evidence(promise, settings, computation: computation)
        evidence += [
            ("as_of", .string(context.localTime(context.asOf))),
            ("reasons", .array(reasons.map(JSONValue.string))),
            ("paid_service", order.paidServiceText.map(JSONValue.string) ?? .null),
            ("reship_by", advice.deadline.map { .string(context.localTime($0)) } ?? .null),
            ("packages", .array(open.map { DeliveryFacts.package(order, $0, context) })),
        ]
        return .flagged(
            Finding(
                rule: Self.id, severity: .high, orderId: order.order.id, orderName: order.order.displayName,
                message: "Promise at risk (\(computation)): " + reasons.joined(separator: "; "),
                evidence: evidence, moneyAtStake: Money(order.order.goodsValue, order.currency), action: advice.action,
                sources: sources, moneyKind: "goods value", deadline: advice.deadline,
                owner: advice.deadline == nil ? .customerService : .warehouse))
    }
}
