import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

struct DeliveryAtRiskRuleTests {
    /// Paid overnight Wednesday after the cutoff (promise Friday), label says Ground, picked up Wednesday night.
    func overnightShippedGround() -> Scenario {
        var scenario = Scenario()
        scenario.createdAt = "2026-11-18 15:30:00 -0500"
        scenario.packages = [("UPS® Ground", "ups", 1021)]
        scenario.labels = ["2026-11-18 18:05:00 -0500"]
        scenario.scans = [[("2026-11-18 21:40:00 -0500", "Origin Scan", nil)]]
        return scenario
    }

    @Test("the night before the promise: flagged with a reship-by deadline in the paid tier")
    func reshipBy() throws {
        let finding = try #require(overnightShippedGround().run(DeliveryAtRiskRule()).finding)
        #expect(finding.rule == "delivery_at_risk" && finding.severity == .high)
        #expect(
            finding.action.hasPrefix(
                "Reship in overnight service by Thu 2026-11-19 14:00 so it still arrives by Fri 2026-11-20"))
        #expect(finding.evidence.first { $0.0 == "reship_by" }?.1 == .string("2026-11-19T14:00:00-05:00"))
        #expect(finding.message.contains("promised Fri 2026-11-20"))
    }

    @Test("after the reship cutoff: says no reship can make it and gives the customer-side remedy")
    func tooLate() throws {
        var scenario = overnightShippedGround()
        scenario.asOf = "2026-11-19T15:00:00-05:00"
        let finding = try #require(scenario.run(DeliveryAtRiskRule()).finding)
        #expect(
            finding.action.hasPrefix(
                "No reship can arrive by Fri 2026-11-20: tell the customer now and refund the 34.95 USD shipping paid"))
    }

    @Test("the carrier's scheduled delivery after the promise")
    func scheduled() throws {
        var scenario = Scenario()
        scenario.createdAt = "2026-11-18 10:00:00 -0500" // overnight: promised Thu 11-19
        scenario.scans = [[("2026-11-18 19:00:00 -0500", "Picked up", "2026-11-20")]]
        let finding = try #require(scenario.run(DeliveryAtRiskRule()).finding)
        #expect(finding.message.contains("carrier schedules Fri 2026-11-20, after the promised Thu 2026-11-19"))
    }

    @Test("no scan for more than 48 hours while in transit")
    func stalled() throws {
        var scenario = Scenario()
        scenario.method = "UPS Ground"
        scenario.createdAt = "2026-11-16 10:00:00 -0500" // promised Mon 11-23
        scenario.packages = [("UPS Ground", "ups", 1021)]
        scenario.scans = [[("2026-11-16 18:00:00 -0500", "Origin Scan", "2026-11-20")]]
        let finding = try #require(scenario.run(DeliveryAtRiskRule()).finding)
        #expect(finding.message.contains("no scan for 56 hours"))
    }

    @Test("on track, delivered, or no promise: not flagged")
    func onTrack() {
        var scenario = Scenario()
        scenario.createdAt = "2026-11-18 10:00:00 -0500"
        scenario.scans = [[("2026-11-18 19:00:00 -0500", "Picked up", "2026-11-19")]]
        #expect(scenario.run(DeliveryAtRiskRule()).isPassed)
        var delivered = overnightShippedGround()
        delivered.delivered = ["2026-11-19 01:00:00 -0500"]
        #expect(delivered.run(DeliveryAtRiskRule()).isPassed)
        var noPromise = Scenario()
        noPromise.createdAt = nil
        #expect(noPromise.run(DeliveryAtRiskRule()).skipReason != nil)
    }
}
