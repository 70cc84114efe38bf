import ShipAuditCSV
import ShipAuditStorage

/// Flags an undelivered parcel whose current tracking status is an exception: a failed delivery attempt, an
/// address problem, damage, a hold (AfterShip `Exception`/`AttemptFail`, EasyPost `failure`, UPS `X`, FedEx `DE`…).
///
/// Evidence: the exception row. Money at stake: the goods value. Severity: medium.
public struct CarrierExceptionRule: Rule {
    public static let id = "carrier_exception"
    public static let summary =
        "The parcel's current tracking status is an exception (failed attempt, address problem, damage, hold)."

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
            order, context: context, rule: Self.id, severity: .medium, owner: .customerService,
            action: "Contact the carrier and the customer about the exception.",
            condition: { $0.status == .exception }
        ) { package, parcel in
            "\(DeliveryFacts.trackingText(package)): carrier exception "
                + TrackingStatusFlag.describe(parcel.statusMark, context.promises)
        }
    }
}
