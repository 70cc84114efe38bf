/// Flags an order shipped in a faster tier than paid: the merchant paid for a label the customer did not buy.
///
/// A cost leak, not a customer problem: severity low. Evidence as for `service_downgrade`; money at stake: the
/// label cost when the shipment export has it (ShipStation `Amount - Shipping Cost`).
public struct ServiceUpgradeRule: Rule {
    public static let id = "service_upgrade"
    public static let summary = "Shipped in a faster service tier than paid (a cost leak). Money at stake: the label cost, when known."

    /// Creates the rule.
    public init() {}

    public func check(_ order: MatchedOrder, context: RuleContext) -> RuleOutcome {
        ServiceComparison.compare(order, looking: .faster, context: context)
    }
}
