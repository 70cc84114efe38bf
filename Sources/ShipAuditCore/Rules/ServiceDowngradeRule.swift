import ShipAuditCSV
import ShipAuditStorage

/// Flags an order shipped in a slower tier than the customer paid for: paid Next Day Air, the label says Ground.
///
/// Evidence: the paid method (rate title or service) and its tier, the shipping paid, and each slower package's
/// carrier, service, tier and tracking number. Money at stake: the shipping the customer paid. Tiers are compared
/// by rank (overnight early, overnight, 2-day AM, 2-day, 3-day, Priority Mail, ground, economy); names the tool
/// does not know are reported as unknown, never guessed. Severity: high.
public struct ServiceDowngradeRule: Rule {
    public static let id = "service_downgrade"
    public static let summary =
        "Shipped in a slower service tier than the customer paid for (paid overnight, shipped ground). Money at stake: the shipping paid."

    /// About packages: nothing to judge without the shipments export.
    public static let needs: [InputKind] = [.shipments]

    /// Creates the rule.
    public init() {}

    /// Passes at once when every package's tier is known and none is slower than the paid one.
    public func passesAtOnce(_ facts: OrderFacts, context: RuleContext) -> Bool {
        guard facts.packages > 0, facts.allServicesKnown, let paid = facts.paidTier, let slowest = facts.slowestTier
        else { return false }
        return slowest <= paid
    }

    public func check(_ order: MatchedOrder, context: RuleContext) -> RuleOutcome {
        ServiceComparison.compare(order, looking: .slower, context: context)
    }
}
