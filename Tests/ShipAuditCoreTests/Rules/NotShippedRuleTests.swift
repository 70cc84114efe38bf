import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

struct NotShippedRuleTests {
    func unshipped() -> Scenario {
        var scenario = Scenario()
        scenario.packages = []
        return scenario
    }

    @Test("paid Monday morning, nothing shipped by Thursday: flagged, with the goods value at stake")
    func flagged() throws {
        var scenario = unshipped()
        scenario.createdAt = "2026-11-16 09:00:00 -0500"
        let finding = try #require(scenario.run(NotShippedRule()).finding)
        #expect(finding.rule == "not_shipped" && finding.severity == .high)
        #expect(finding.message.hasPrefix("Not shipped: due to ship Mon 2026-11-16"))
        #expect(finding.moneyAtStake == Money(Decimal(string: "79.98")!, "USD"))
        #expect(finding.evidence.first { $0.0 == "hours_overdue" }?.1 == .int(50))
    }

    @Test("an order the store marked fulfilled is never 'not shipped', with or without a shipments export")
    func markedFulfilled() {
        var scenario = unshipped()
        scenario.createdAt = "2026-11-10 09:00:00 -0500"
        scenario.fulfilled = [true]
        #expect(scenario.run(NotShippedRule()).isPassed)
        scenario.hasShipments = false
        #expect(scenario.run(NotShippedRule()).isPassed)
    }

    @Test("orders export alone: lines marked unfulfilled are judged; lines with no fulfilment status are not checked")
    func ordersAlone() throws {
        var scenario = unshipped()
        scenario.createdAt = "2026-11-10 09:00:00 -0500"
        scenario.hasShipments = false
        scenario.fulfilled = [false]
        #expect(try #require(scenario.run(NotShippedRule()).finding).rule == "not_shipped")
        scenario.fulfilled = []
        #expect(
            scenario.run(NotShippedRule()).skipReason?.0
                == "no shipments export (--shipments) and no fulfilment status in the orders export")
    }

    @Test("within the grace period: not flagged")
    func grace() {
        var scenario = unshipped()
        scenario.createdAt = "2026-11-18 10:00:00 -0500" // due Wed, grace until Thu 23:59
        #expect(scenario.run(NotShippedRule()).isPassed)
    }

    @Test("unpaid orders are not due; shipped orders pass")
    func notDue() {
        var scenario = unshipped()
        scenario.createdAt = "2026-11-10 09:00:00 -0500"
        scenario.paid = false
        #expect(scenario.run(NotShippedRule()).skipReason?.0 == "not paid yet: not due to ship")
        #expect(Scenario().run(NotShippedRule()).isPassed)
    }

    @Test("says by when a shipment still keeps the promise: in the paid tier, else overnight")
    func shipBy() throws {
        var scenario = unshipped()
        scenario.createdAt = "2026-11-17 09:00:00 -0500"
        scenario.method = "UPS Ground" // promised Tue 11-24; ground from Thu takes to after Thanksgiving
        let finding = try #require(scenario.run(NotShippedRule()).finding)
        #expect(
            finding.action.hasPrefix(
                "Ship overnight (faster than paid) by Mon 2026-11-23 14:00 so it still arrives by Tue 2026-11-24"))
        scenario.method = "UPS 2nd Day Air" // promised Thu 11-19: too late for anything now
        #expect(
            try #require(scenario.run(NotShippedRule()).finding).action.hasPrefix(
                "No reship can arrive by Thu 2026-11-19"))
    }

    @Test("an order with nothing to ship (digital goods only) is never 'not shipped'")
    func digital() {
        var scenario = unshipped()
        scenario.createdAt = "2026-11-10 09:00:00 -0500"
        var matched = scenario.matched
        var order = matched.order
        order.lines = order.lines.map { line in
            var digital = line
            digital.requiresShipping = false
            return digital
        }
        matched = MatchedOrder(
            order: order, packages: [], paidServiceText: matched.paidServiceText, paidService: matched.paidService,
            paidServiceSource: matched.paidServiceSource, packageServices: [], shippingPaid: matched.shippingPaid,
            currency: matched.currency, tracking: [], promise: matched.promise)
        #expect(NotShippedRule().check(matched, context: scenario.context).isPassed)
    }

    @Test("an order due before the shipment export begins is not judged: it may have shipped before")
    func beforeExport() {
        var scenario = unshipped()
        scenario.createdAt = "2026-10-05 09:00:00 -0400"
        scenario.shipmentsBegin = "2026-11-10 09:00:00 -0500"
        #expect(scenario.run(NotShippedRule()).skipReason?.0 == "due to ship before the shipment export begins")
    }
}
