import ShipAuditCSV
import ShipAuditStorage

/// Flags a parcel the carrier is returning to the sender (EasyPost `return_to_sender`, Shippo `RETURNED`, UPS `RS`,
/// texts such as "Returned to shipper"): the customer will not get it.
///
/// Evidence: the return row. Money at stake: the goods value. Severity: high.
public struct ReturnedToSenderRule: Rule {
    public static let id = "returned_to_sender"
    public static let summary = "The parcel is being returned to the sender: the customer will not receive it."

    /// About packages: nothing to judge without the shipments export.
    public static let needs: [InputKind] = [.shipments]

    /// Creates the rule.
    public init() {}

    /// Passes at once when every package is delivered (or none shipped).
    public func passesAtOnce(_ facts: OrderFacts, context: RuleContext) -> Bool {
        facts.packages == 0 || (context.hasTracking && facts.allDelivered)
    }

    public func check(_ order: MatchedOrder, context: RuleContext) -> RuleOutcome {
        TrackingStatusFlag.check(
            order, context: context, rule: Self.id, severity: .high, owner: .customerService,
            action: "Check the shipping address with the customer.",
            condition: { $0.status == .returned }
        ) { package, parcel in
            "\(DeliveryFacts.trackingText(package)): returned to sender "
                + TrackingStatusFlag.describe(parcel.statusMark, context.promises)
        }
    }
}
