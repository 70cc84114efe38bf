import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags an order whose packages weigh more than its contents should: an extra unit may have shipped, or the
/// wrong (heavier) item, or the box is far too big for the goods.
///
/// Same expected weight and tolerance as `weight_short`; flagged when measured − expected exceeds the tolerance.
/// Names the smallest set of whole extra units that explains the excess, when one does. Money at stake: the value
/// of those units. Severity: medium.
public struct WeightOverRule: Rule {
    public static let id = "weight_over"
    public static let summary =
        "Packages weigh more than the ordered units plus packaging, beyond tolerance; names the extra units that explain it. Money at stake: their value."

    /// About packages: nothing to judge without the shipments export.
    public static let needs: [InputKind] = [.shipments]

    /// Packaging and tolerance.
    public static func thresholds(_ configuration: Configuration) -> [String] {
        let weight = configuration.weight
        return [
            "packaging \(WeightComparison.format(weight.packagingPerPackage)) per package; tolerance max(\(WeightComparison.format(weight.toleranceAbsolute)), \(weight.tolerancePercent)% of expected)"
        ]
    }

    /// Creates the rule.
    public init() {}

    /// Passes at once when the weights compare and the excess is within the tolerance.
    public func passesAtOnce(_ facts: OrderFacts, context: RuleContext) -> Bool {
        guard let weights = facts.weights else { return false }
        return !WeightComparison.exceeds(weights.measured - weights.expected, tolerance: weights.tolerance)
    }

    public func check(_ order: MatchedOrder, context: RuleContext) -> RuleOutcome {
        WeightComparison.check(order, context: context) { comparison in
            flag(order, comparison, context: context)
        }
    }

    private func flag(_ order: MatchedOrder, _ comparison: WeightComparison, context: RuleContext) -> RuleOutcome {
        let excess = comparison.measured - comparison.expected
        guard comparison.exceedsTolerance(excess) else { return .passed }
        let sets = comparison.unitSets(explaining: excess)
        let explanation: String
        var action: String
        switch sets.count {
        case 0:
            explanation = "no set of whole extra units explains it (wrong item, or packaging heavier than configured?)"
            action = "Check what was packed; if the packaging is heavier than configured, raise [weight] packaging"
        case 1:
            explanation = "consistent with \(sets[0].description) extra"
            action =
                "Check with the warehouse whether \(sets[0].description) shipped extra; ask the customer to return it if worth it"
        default:
            explanation =
                "consistent with any of: " + sets.map { "\($0.description) extra" }.joined(separator: "; ")
                + " (ambiguous)"
            action = "Check with the warehouse which extra unit shipped"
        }
        let atStake = sets.compactMap { comparison.value(of: $0) }.max()
        let returnCost = context.configuration.policy.returnCost
        if sets.count == 1, let value = atStake, value < returnCost {
            action =
                "Let the customer keep \(sets[0].description): worth less than a return (\(Money(returnCost, order.currency).description)); tell the warehouse"
        }
        return .flagged(
            Finding(
                rule: Self.id, severity: .medium, orderId: order.order.id, orderName: order.order.displayName,
                message: comparison.message("over by ", excess, explanation),
                evidence: comparison.evidence(explanations: sets, ambiguous: sets.count > 1),
                moneyAtStake: atStake.map { Money($0, order.currency) }, action: action,
                sources: comparison.sources(order), moneyKind: "value of the extra units", owner: .warehouse))
    }
}
