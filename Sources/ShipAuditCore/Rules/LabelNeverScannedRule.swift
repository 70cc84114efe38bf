import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags a package whose label was created but that the carrier has not scanned within N business hours: "we
/// shipped it", but nobody picked it up.
///
/// Needs tracking data (`--tracking`): a package with no tracking rows, or only label-created rows, counts as never
/// scanned. Business hours count Monday to Friday outside holidays; default 24 (`[delivery]
/// never_scanned_business_hours`). Evidence: label time, business hours since, the tracking rows seen. Severity: high.
public struct LabelNeverScannedRule: Rule {
    public static let id = "label_never_scanned"
    public static let summary =
        "A label was created but the carrier has no scan of the parcel within 24 business hours (needs --tracking)."

    /// About packages: nothing to judge without the shipments export.
    public static let needs: [InputKind] = [.shipments]

    /// The business hours a label may wait for its first scan.
    public static func thresholds(_ configuration: Configuration) -> [String] {
        ["after \(configuration.delivery.neverScannedBusinessHours) business hours without a carrier scan"]
    }

    /// Creates the rule.
    public init() {}

    /// Passes at once when every package is delivered or scanned (or none shipped).
    public func passesAtOnce(_ facts: OrderFacts, context: RuleContext) -> Bool {
        facts.packages == 0 || (context.hasTracking && facts.unscannedOpenPackages == 0)
    }

    public func check(_ order: MatchedOrder, context: RuleContext) -> RuleOutcome {
        guard !order.packages.isEmpty else { return .passed }
        guard context.hasTracking else { return .skipped(reason: "no tracking data given (--tracking)") }
        // Most packages are scanned or delivered: the settings are copied only for an order with one that is not.
        guard
            order.packages.indices.contains(where: {
                order.deliveredAt($0) == nil && order.tracking[$0]?.firstScan == nil
            })
        else { return .passed }
        let settings = context.promises
        let limit = Double(context.configuration.delivery.neverScannedBusinessHours)
        var stuck: [(Int, Double)] = []
        var uncovered: Set<String> = []
        for index in order.packages.indices where order.deliveredAt(index) == nil {
            let parcel = order.tracking[index]
            guard parcel?.firstScan == nil else { continue }
            // A carrier the tracking data has no parcel of (a UPS-only export beside USPS labels): not judged.
            let carrier = order.packages[index].carrier
            if parcel == nil, let covered = context.carriersWithTracking, !covered.contains(carrier) {
                uncovered.insert(carrier.isEmpty ? "unnamed carrier" : carrier)
                continue
            }
            guard let label = order.packages[index].shippedAt ?? parcel?.statusMark?.time else { continue }
            // A label older than the tracking data may have been scanned before its period: not judged.
            if parcel == nil, let begins = context.trackingBegins, label < begins { continue }
            let hours = DeliveryFacts.businessHours(from: label, to: context.asOf, settings)
            if hours > limit { stuck.append((index, hours)) }
        }
        guard !stuck.isEmpty else {
            if uncovered.isEmpty { return .passed }
            return .skipped(
                reason: "the tracking data holds no parcel of " + uncovered.sorted().joined(separator: ", "))
        }
        let described = stuck.map { index, hours in
            "\(DeliveryFacts.trackingText(order.packages[index])) (label \(settings.describe(order.packages[index].shippedAt ?? order.tracking[index]!.statusMark!.time!)), \(Int(hours)) business hours, \(order.tracking[index] == nil ? "no tracking rows" : "label created only"))"
        }
        let advice = DeliveryFacts.reshipAdvice(order, context)
        var evidence: Evidence = [
            ("packages", .array(stuck.map { DeliveryFacts.package(order, $0.0, context) })),
            ("business_hours_without_scan", .array(stuck.map { .int(Int($0.1)) })),
            ("limit_business_hours", .int(Int(limit))),
        ]
        if let promise = order.promise { evidence += DeliveryFacts.evidence(promise, settings) }
        let sources = stuck.flatMap { index, _ in
            [order.packages[index].source] + (order.tracking[index]?.statusMark.map { [$0.source] } ?? [])
        }
        return .flagged(
            Finding(
                rule: Self.id, severity: .high, orderId: order.order.id, orderName: order.order.displayName,
                message: "Label created, never scanned by the carrier: " + described.joined(separator: "; "),
                evidence: evidence, moneyAtStake: Money(order.order.goodsValue, order.currency),
                action:
                    "Ask the warehouse whether the parcel left; if it did not, hand it over today. \(advice.action)",
                sources: sources + [order.order.firstRow], moneyKind: "goods value", deadline: advice.deadline,
                owner: .warehouse))
    }
}
