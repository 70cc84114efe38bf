import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

struct LostInTransitRuleTests {
    @Test("no scan for more than 5 days while in transit: presumed lost")
    func flagged() throws {
        var scenario = Scenario()
        scenario.scans = [
            [("2026-11-10 19:00:00 -0500", "Origin Scan", nil), ("2026-11-12 08:00:00 -0500", "Arrival Scan", nil)]
        ]
        let finding = try #require(scenario.run(LostInTransitRule()).finding)
        #expect(finding.message.contains("no scan for 6 days"))
    }

    @Test("4 days without a scan is not lost yet; delivered is not lost")
    func notLost() {
        var scenario = Scenario()
        scenario.scans = [[("2026-11-15 08:00:00 -0500", "Arrival Scan", nil)]]
        #expect(scenario.run(LostInTransitRule()).isPassed)
        scenario.scans = [[("2026-11-10 08:00:00 -0500", "Delivered", nil)]]
        #expect(scenario.run(LostInTransitRule()).isPassed)
    }
}
