import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

struct ReturnedToSenderRuleTests {
    @Test("returned to sender: flagged")
    func flagged() throws {
        var scenario = Scenario()
        scenario.scans = [
            [("2026-11-17 09:00:00 -0500", "In Transit", nil), ("2026-11-18 09:00:00 -0500", "return_to_sender", nil)]
        ]
        let finding = try #require(scenario.run(ReturnedToSenderRule()).finding)
        #expect(finding.severity == .high && finding.message.contains("returned to sender"))
    }

    @Test("in transit: not flagged")
    func inTransit() {
        var scenario = Scenario()
        scenario.scans = [[("2026-11-18 09:00:00 -0500", "In Transit", nil)]]
        #expect(scenario.run(ReturnedToSenderRule()).isPassed)
    }
}
