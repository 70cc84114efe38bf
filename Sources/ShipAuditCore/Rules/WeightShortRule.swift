import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags an order whose packages weigh less than its contents should: two widgets ordered, the scale says one.
///
/// Expected = Σ quantity × catalog unit weight + packaging per package (default 4 oz); measured = the packages'
/// weights summed; flagged when expected − measured exceeds the tolerance, max(2 oz, 5 % of expected) by default
/// (`[weight]` in the config). The flag names the smallest set of whole units that explains the shortfall within
/// tolerance ("consistent with 1 × WDG-1 missing"), lists several when several do (ambiguous), and says so when
/// none does (substituted or wrong items?). Orders with a SKU missing from the catalog are not checked and are
/// counted as "weight not verifiable". Money at stake: the value of the missing units. Severity: high.
public struct WeightShortRule: Rule {
    public static let id = "weight_short"
    public static let summary =
        "Packages weigh less than the ordered units plus packaging, beyond tolerance; names the missing units that explain it. Money at stake: their value."

    /// About packages: nothing to judge without the shipments export.
    public static let needs: [InputKind] = [.shipments]

    /// Packaging, tolerance, and the value below which a shortfall is reshipped without investigation.
    public static func thresholds(_ configuration: Configuration) -> [String] {
        WeightOverRule.thresholds(configuration)
            + [
                "reship without investigation below \(Money(configuration.policy.investigateAbove, configuration.defaultCurrency).description)"
            ]
    }

    /// Creates the rule.
    public init() {}

    /// Passes at once when the weights compare and the shortfall is within the tolerance.
    public func passesAtOnce(_ facts: OrderFacts, context: RuleContext) -> Bool {
        guard let weights = facts.weights else { return false }
        return !WeightComparison.exceeds(weights.expected - weights.measured, tolerance: weights.tolerance)
    }

    public func check(_ order: MatchedOrder, context: RuleContext) -> RuleOutcome {
        WeightComparison.check(order, context: context) { comparison in
            flag(order, comparison, context: context)
        }
    }

    private func flag(_ order: MatchedOrder, _ comparison: WeightComparison, context: RuleContext) -> RuleOutcome {
        guard comparison.exceedsTolerance(comparison.shortfall) else { return .passed }
        let sets = comparison.unitSets(explaining: comparison.shortfall)
        let ambiguous = sets.count > 1
        let explanation: String
        let action: String
        var atStake: Decimal? = nil
        let threshold = context.configuration.policy.investigateAbove
        switch sets.count {
        case 0:
            explanation = "no set of whole missing units explains it (substituted or wrong items?)"
            atStake = order.order.goodsValue
            action = "Investigate: ask the warehouse what was packed; contact the customer before reshipping"
        case 1:
            explanation = "consistent with \(sets[0].description) missing"
            atStake = comparison.value(of: sets[0])
            if let value = atStake, value < threshold {
                action =
                    "Reship \(sets[0].description) now (value below \(Money(threshold, order.currency).description): no investigation)"
            } else {
                action = "Ask the warehouse to confirm, then reship \(sets[0].description)"
            }
        default:
            explanation =
                "consistent with any of: " + sets.map { "\($0.description) missing" }.joined(separator: "; ")
                + " (ambiguous)"
            atStake = sets.compactMap { comparison.value(of: $0) }.max()
            action = "Ask the customer which item is missing, then reship it"
        }
        return .flagged(
            Finding(
                rule: Self.id, severity: .high, orderId: order.order.id, orderName: order.order.displayName,
                message: comparison.message("short by ", comparison.shortfall, explanation),
                evidence: comparison.evidence(explanations: sets, ambiguous: ambiguous),
                moneyAtStake: atStake.map { Money($0, order.currency) }, action: action,
                sources: comparison.sources(order),
                moneyKind: sets.count == 0 ? "goods value" : "value of the missing units",
                owner: .warehouse))
    }
}
