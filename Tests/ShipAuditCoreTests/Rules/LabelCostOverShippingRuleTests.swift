import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// docs/architecture.md's "add a rule", followed for a real rule kept out of the shipped catalog: the rule below is
/// written as a shipped rule's file would be (id, summary, documentation, check, quick test, thresholds), then run
/// alone, through the checker beside the catalog's rules, and through `shipaudit rules`' listing code. Shipping it
/// would take this type moved to `Sources/ShipAuditCore/Rules/LabelCostOverShippingRule.swift`, one entry in
/// `RuleCatalog.all` and one row in README.md's table of checks.
///
/// Flags an order whose labels cost more than the shipping the customer paid, by more than
/// `LabelCostOverShippingRule.margin` (a shipping subsidy the store may not know it gives). Evidence: shipping paid,
/// label costs, the difference. Money at stake: the difference. Severity: low. Not checked when the shipping paid or
/// a label's cost is unknown.
struct LabelCostOverShippingRule: Rule {
    static let id = "label_cost_over_shipping"
    static let summary =
        "Labels cost more than the shipping the customer paid (by more than 1.00). Money at stake: the difference."
    /// The difference tolerated, in the order's currency.
    static let margin = Decimal(1)

    static func thresholds(_ configuration: Configuration) -> [String] {
        ["tolerated difference \(Money.format(margin))"]
    }

    /// No label, nothing to compare.
    func passesAtOnce(_ facts: OrderFacts, context: RuleContext) -> Bool { facts.packages == 0 }

    func check(_ order: MatchedOrder, context: RuleContext) -> RuleOutcome {
        guard !order.packages.isEmpty else { return .passed }
        guard let paid = order.order.shippingPaid else { return .skipped(reason: "the order has no shipping paid") }
        let costs = order.packages.map(\.labelCost)
        guard costs.allSatisfy({ $0 != nil }) else { return .skipped(reason: "a label's cost is unknown") }
        let cost = costs.reduce(Decimal(0)) { $0 + $1! }
        guard cost - paid > Self.margin else { return .passed }
        return .flagged(
            Finding(
                rule: Self.id, severity: .low, orderId: order.order.id, orderName: order.order.displayName,
                message: "Labels cost \(Money.format(cost)), the customer paid \(Money.format(paid)) for shipping",
                evidence: [
                    ("shipping_paid", .money(paid)), ("label_costs", .money(cost)), ("difference", .money(cost - paid)),
                ],
                moneyAtStake: Money(cost - paid, order.currency),
                action: "Review the shipping rates offered at checkout.",
                sources: [order.order.firstRow], moneyKind: "label cost over shipping paid", owner: .warehouse))
    }
}

struct LabelCostOverShippingRuleTests {
    @Test("labels dearer than the shipping paid: flagged with the difference; cheaper: passed")
    func flagged() throws {
        var scenario = Scenario()
        scenario.shippingPaid = Decimal(string: "4.95") // the scenario's label costs 10
        let finding = try #require(scenario.run(LabelCostOverShippingRule()).finding)
        #expect(finding.rule == "label_cost_over_shipping" && finding.severity == .low)
        #expect(finding.moneyAtStake == Money(Decimal(string: "5.05")!, "USD"))
        scenario.shippingPaid = Decimal(string: "34.95")
        #expect(scenario.run(LabelCostOverShippingRule()).isPassed)
    }

    @Test("no shipping paid known: not checked, with the reason")
    func skipped() {
        var scenario = Scenario()
        scenario.shippingPaid = nil
        #expect(scenario.run(LabelCostOverShippingRule()).skipReason?.0 == "the order has no shipping paid")
    }

    @Test("runs beside the catalog's rules in the checker, on the samples, and is listed with its threshold")
    func inTheChecker() throws {
        let (configuration, files, asOf) = try Fixture.samples()
        let matched = try Analysis(configuration: configuration).match(files)
        let catalogOnly = Checker(configuration: configuration).check(matched, asOf: asOf).findings
        let checker = Checker(configuration: configuration, rules: RuleCatalog.all + [LabelCostOverShippingRule()])
        let findings = checker.check(matched, asOf: asOf).findings
        let added = findings.filter { $0.rule == LabelCostOverShippingRule.id }
        #expect(findings.count == catalogOnly.count + added.count)
        // The quick test agrees with the full check on every sample order: in full, no order it passed is flagged.
        let full = Checker(
            configuration: configuration, rules: [LabelCostOverShippingRule()], inputRules: [], quickTest: false)
        #expect(full.check(matched, asOf: asOf).findings.map(\.orderId) == added.map(\.orderId))
        #expect(LabelCostOverShippingRule.thresholds(configuration) == ["tolerated difference 1.00"])
    }
}
