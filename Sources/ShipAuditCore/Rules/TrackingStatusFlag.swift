import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// The flag shared by rules that fire on a parcel's current tracking status (exception, returned, lost).
enum TrackingStatusFlag {
    /// Flags the order when any undelivered package's tracking matches `condition`, describing each with `describe`.
    static func check(
        _ order: MatchedOrder, context: RuleContext, rule: String, severity: Severity, owner: Owner, action: String,
        condition: (ParcelTracking) -> Bool, describe: (Shipment, ParcelTracking) -> String
    ) -> RuleOutcome {
        guard !order.packages.isEmpty else { return .passed }
        guard context.hasTracking else { return .skipped(reason: "no tracking data given (--tracking)") }
        let hits = order.packages.indices.filter { index in
            order.deliveredAt(index) == nil && order.tracking[index].map(condition) == true
        }
        guard !hits.isEmpty else { return .passed }
        var evidence: Evidence = [("packages", .array(hits.map { DeliveryFacts.package(order, $0, context) }))]
        if let promise = order.promise { evidence += DeliveryFacts.evidence(promise, context.promises) }
        let sources = hits.flatMap { index in
            [order.packages[index].source]
                + [
                    order.tracking[index]!.problem?.mark.source, order.tracking[index]!.lastScan?.source,
                    order.tracking[index]!.statusMark?.source,
                ].compactMap { $0 }
        }
        return .flagged(
            Finding(
                rule: rule, severity: severity, orderId: order.order.id, orderName: order.order.displayName,
                message: hits.map { describe(order.packages[$0], order.tracking[$0]!) }.joined(separator: "; "),
                evidence: evidence, moneyAtStake: Money(order.order.goodsValue, order.currency),
                action: action + " " + DeliveryFacts.reshipAdvice(order, context).action,
                sources: [order.order.firstRow] + sources, moneyKind: "goods value",
                deadline: DeliveryFacts.reshipAdvice(order, context).deadline, owner: owner))
    }

    /// `Exception at 2026-11-18 09:10: "Address incomplete" (tracking.csv:7)`.
    static func describe(_ mark: ParcelTracking.Mark?, _ settings: PromiseSettings) -> String {
        guard let mark else { return "" }
        return "\"\(mark.text)\"" + (mark.time.map { " at \(settings.describe($0))" } ?? "")
            + " (\(mark.source.description))"
    }
}
