import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

struct ShippedLateRuleTests {
    /// Next Day Air paid Monday 09:00 (ship-by day Monday), shipped at `label`.
    func paidMonday(label: String) -> Scenario {
        var scenario = Scenario()
        scenario.createdAt = "2026-11-16 09:00:00 -0500"
        scenario.labels = [label]
        scenario.asOf = "2026-11-20T12:00:00-05:00"
        return scenario
    }

    @Test("Next Day Air paid Monday, handed to the carrier Thursday: high, 3 business days late, the shipping at stake")
    func flagged() throws {
        let scenario = paidMonday(label: "2026-11-19 10:00:00 -0500")
        let finding = try #require(scenario.run(ShippedLateRule()).finding)
        #expect(finding.rule == "shipped_late" && finding.severity == .high && finding.owner == .warehouse)
        #expect(finding.message.hasPrefix("Shipped late: 3 business days after the ship-by day Mon 2026-11-16"))
        #expect(finding.moneyAtStake == Money(Decimal(string: "34.95")!, "USD"))
        #expect(finding.action.hasPrefix("Refund the 34.95 USD shipping paid for UPS Next Day Air"))
        #expect(finding.evidence.first { $0.0 == "business_days_late" }?.1 == .int(3))
        #expect(finding.sources.map(\.description) == ["orders.csv:2", "shipments.csv:2"])
    }

    @Test("shipped within the grace period after the ship-by day: passes")
    func grace() {
        #expect(paidMonday(label: "2026-11-17 20:00:00 -0500").run(ShippedLateRule()).isPassed)
        #expect(paidMonday(label: "2026-11-16 16:00:00 -0500").run(ShippedLateRule()).isPassed)
    }

    @Test("a ground order shipped late: medium, the warehouse asked why")
    func ground() throws {
        var scenario = paidMonday(label: "2026-11-19 10:00:00 -0500")
        scenario.method = "UPS Ground"
        scenario.packages = [("UPS Ground", "ups", 1021.4)]
        let finding = try #require(scenario.run(ShippedLateRule()).finding)
        #expect(finding.severity == .medium)
        #expect(finding.action.hasPrefix("Find why the warehouse held it 3 business days"))
    }

    @Test("orders export alone: its shipped date (Fulfilled at) is judged, with its row as the evidence")
    func ordersAlone() throws {
        var scenario = paidMonday(label: "")
        scenario.packages = []
        scenario.labels = []
        scenario.hasShipments = false
        scenario.fulfilledAt = "2026-11-18 15:00:00 -0500"
        let finding = try #require(scenario.run(ShippedLateRule()).finding)
        #expect(finding.message.hasPrefix("Shipped late: 2 business days after"))
        #expect(finding.sources.map(\.description) == ["orders.csv:2"])
        scenario.fulfilledAt = nil
        #expect(scenario.run(ShippedLateRule()).isPassed)
    }

    @Test("the quick test passes an order only when the full check does")
    func quickAgrees() {
        for label in ["2026-11-16 16:00:00 -0500", "2026-11-17 20:00:00 -0500", "2026-11-19 10:00:00 -0500"] {
            let scenario = paidMonday(label: label)
            var facts = OrderFacts()
            facts.shippedSeconds = Scenario.date(label).timeIntervalSince1970
            facts.clockStartSeconds = Scenario.date("2026-11-16 09:00:00 -0500").timeIntervalSince1970
            var memo = DeadlineMemo()
            facts.shipByEndSeconds =
                scenario.configuration.promise.shipByEnd(
                    placed: Date(timeIntervalSince1970: facts.clockStartSeconds), memo: &memo
                ).timeIntervalSince1970
            #expect(
                ShippedLateRule().passesAtOnce(facts, context: scenario.context)
                    == scenario.run(ShippedLateRule()).isPassed, "\(label)")
        }
    }
}
