import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags a parcel the carrier scanned, that is not delivered, and that has had no scan for
/// `[delivery] lost_after_days` days (default 5): presumed lost.
///
/// Evidence: the last scan. Money at stake: the goods value. Severity: high.
public struct LostInTransitRule: Rule {
    public static let id = "lost_in_transit"
    public static let summary =
        "Scanned, not delivered, and no scan for 5 days: presumed lost; open a trace and reship."

    /// About packages: nothing to judge without the shipments export.
    public static let needs: [InputKind] = [.shipments]

    /// Days without a scan.
    public static func thresholds(_ configuration: Configuration) -> [String] {
        ["no scan for \(configuration.delivery.lostAfterDays) days"]
    }

    /// Creates the rule.
    public init() {}

    /// Passes at once when every package is delivered (or none shipped).
    public func passesAtOnce(_ facts: OrderFacts, context: RuleContext) -> Bool {
        facts.packages == 0 || (context.hasTracking && facts.allDelivered)
    }

    public func check(_ order: MatchedOrder, context: RuleContext) -> RuleOutcome {
        let limit = Double(context.configuration.delivery.lostAfterDays) * 86_400
        return TrackingStatusFlag.check(
            order, context: context, rule: Self.id, severity: .high, owner: .carrierClaims,
            action: "Open a trace with the carrier.",
            condition: { parcel in
                guard [.inTransit, .outForDelivery].contains(parcel.status), let last = parcel.lastScan?.time else {
                    return false
                }
                return context.asOf.timeIntervalSince(last) > limit
            }
        ) { package, parcel in
            let days = Int(context.asOf.timeIntervalSince(parcel.lastScan!.time!) / 86_400)
            return "\(DeliveryFacts.trackingText(package)): no scan for \(days) days; last "
                + TrackingStatusFlag.describe(parcel.lastScan, context.promises)
        }
    }
}
