import ShipAuditCSV
import ShipAuditStorage

/// Flags an order shipped in a faster tier than paid: the merchant paid for a label the customer did not buy.
///
/// A cost leak, not a customer problem: severity low. Evidence as for `service_downgrade`; money at stake: the
/// label cost when the shipment export has it (ShipStation `Amount - Shipping Cost`).
public struct ServiceUpgradeRule: Rule {
    public static let id = "service_upgrade"
    public static let summary =
        "Shipped in a faster service tier than paid (a cost leak). Money at stake: the label cost, when known."

    /// About packages: nothing to judge without the shipments export.
    public static let needs: [InputKind] = [.shipments]

    /// Creates the rule.
    public init() {}

    /// Passes at once when every package's tier is known and none is faster than the paid one.
    public func passesAtOnce(_ facts: OrderFacts, context: RuleContext) -> Bool {
        guard facts.packages > 0, facts.allServicesKnown, let paid = facts.paidTier, let fastest = facts.fastestTier
        else { return false }
        return fastest >= paid
    }

    public func check(_ order: MatchedOrder, context: RuleContext) -> RuleOutcome {
        ServiceComparison.compare(order, looking: .faster, context: context)
    }
}
