import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags an order delivered after its promise: the promised day from the export, or computed when the order was
/// placed (a later carrier estimate never moves it).
///
/// Evidence: promised day and how it was computed, delivered time and the row saying so, business days late. When
/// the shipped service is one the carrier guarantees (`[delivery] guaranteed`; built in: UPS Next Day Air family,
/// FedEx overnights, USPS Priority Mail Express) and the carrier missed its own transit time, the carrier-side
/// remedy is a refund claim, with its filing deadline (`claim_window_days`, default 15). Money at stake: the label
/// cost when claimable, else the shipping paid. Severity: medium.
public struct LateDeliveryRule: Rule {
    public static let id = "late_delivery"
    public static let summary =
        "Delivered after the promised day; for guaranteed services the carrier missed, a refund claim with its filing deadline (15 days)."

    /// About packages: nothing to judge without the shipments export.
    public static let needs: [InputKind] = [.shipments]

    /// The claim window.
    public static func thresholds(_ configuration: Configuration) -> [String] {
        ["claim window \(configuration.delivery.claimWindowDays) days"]
    }

    /// Creates the rule.
    public init() {}

    /// Passes at once when nothing is delivered yet, or the latest delivery is within the promise.
    public func passesAtOnce(_ facts: OrderFacts, context: RuleContext) -> Bool {
        guard facts.packages > 0, let latest = facts.latestDelivery else { return true }
        guard let deadline = facts.promiseDeadline else { return false }
        return !(latest > deadline)
    }

    public func check(_ order: MatchedOrder, context: RuleContext) -> RuleOutcome {
        guard !order.packages.isEmpty else { return .passed }
        guard order.packages.indices.contains(where: { order.deliveredAt($0) != nil }) else { return .passed }
        guard let promise = order.promise else {
            return .skipped(reason: "no promise: no order time or paid service tier")
        }
        // Most orders are on time: nothing is gathered (and the settings are not copied) until one package is late.
        guard order.packages.indices.contains(where: { order.deliveredAt($0).map { $0 > promise.deadline } ?? false })
        else { return .passed }
        let settings = context.promises
        let late = order.packages.indices.compactMap { index in order.deliveredAt(index).map { (index, $0) } }.filter {
            $0.1 > promise.deadline
        }
        var claims: [String] = []
        var fileBy: Date?
        var claimable = Decimal()
        let computation = promise.computation(settings)
        // Evidence: the promise, then each late package as it is looked at.
        var evidence = DeliveryFacts.evidence(promise, settings, computation: computation)
        var latePackages: [Evidence] = []
        var message = TextBuilder(capacity: 256)
        message.put("Delivered late: promised ")
        message.put(promise.day.labelWithWeekday)
        message.put(" (")
        message.put(computation)
        message.put("); ")
        for (number, (index, time)) in late.enumerated() {
            let package = order.packages[index]
            let day = LocalDay(time, in: settings.offsets)
            let daysLate = settings.calendar.businessDays(from: promise.day, to: day)
            if number > 0 { message.put("; ") }
            message.put(DeliveryFacts.trackingText(package))
            message.put(" delivered ")
            message.put(settings.describe(time))
            message.put(", ")
            message.put(daysLate, " business day late", " business days late")
            var claim: (due: LocalDay, fileBy: LocalDay)?
            if let service = order.packageServices[index], context.configuration.delivery.isGuaranteed(service),
                let shipDay = DeliveryFacts.shipDay(order, index, settings)
            {
                let due = settings.calendar.deliveryDay(
                    shippedOn: shipDay, transitDays: settings.transit(service.tier), tier: service.tier)
                if day > due {
                    let deadline = day.adding(context.configuration.delivery.claimWindowDays)
                    let end = deadline.end(in: settings.offsets)
                    fileBy = fileBy.map { min($0, end) } ?? end
                    claims.append(
                        "file a guaranteed-service refund claim with \(package.carrier.isEmpty ? "the carrier" : package.carrier) for \(DeliveryFacts.trackingText(package)) by \(deadline.labelWithWeekday) (due \(due.labelWithWeekday))"
                    )
                    claimable += package.labelCost ?? 0
                    claim = (due, deadline)
                }
            }
            var entry = Evidence()
            entry.string("tracking_number", package.trackingNumber)
            entry.string("service", package.service)
            entry.string("delivered", context.localTime(time))
            entry.int("business_days_late", daysLate)
            entry.string("delivery_source", order.deliverySource(index).description)
            entry.object(
                "claim",
                claim.map { claim in
                    var filed = Evidence()
                    filed.string("carrier_due_day", claim.due.description)
                    filed.string("file_by", claim.fileBy.description)
                    return filed
                })
            latePackages.append(entry)
        }
        evidence.array("late_packages", objects: latePackages)
        var action = TextBuilder()
        if let paid = order.shippingPaid {
            action.put("Refund the ")
            action.put(paid.description)
            action.put(" shipping paid and apologise")
        } else {
            action.put("Apologise and refund the shipping paid")
        }
        for claim in claims {
            action.put("; ")
            action.put(claim)
        }
        let money = claims.isEmpty || claimable == 0 ? order.shippingPaid : Money(claimable, order.currency)
        return .flagged(
            Finding(
                rule: Self.id, severity: .medium, orderId: order.order.id, orderName: order.order.displayName,
                message: message.text,
                evidence: evidence,
                moneyAtStake: money, action: action.text,
                sources: [order.order.firstRow]
                    + late.flatMap { [order.packages[$0.0].source, order.deliverySource($0.0)] },
                moneyKind: claims.isEmpty || claimable == 0 ? "shipping paid" : "claimable label cost",
                deadline: fileBy,
                owner: claims.isEmpty ? .customerService : .carrierClaims))
    }
}
