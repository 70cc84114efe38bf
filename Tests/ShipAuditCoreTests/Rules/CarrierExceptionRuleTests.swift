import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

struct CarrierExceptionRuleTests {
    @Test("current status is an exception: flagged with the exception row")
    func flagged() throws {
        var scenario = Scenario()
        scenario.scans = [
            [
                ("2026-11-18 09:00:00 -0500", "Picked up", nil),
                ("2026-11-18 14:00:00 -0500", "Delivery exception: incorrect address", nil),
            ]
        ]
        let finding = try #require(scenario.run(CarrierExceptionRule()).finding)
        #expect(
            finding.message.contains(
                "carrier exception \"Delivery exception: incorrect address\" at Wed 2026-11-18 14:00 (tracking.csv:3)"))
    }

    @Test("an exception later resolved by delivery is not flagged")
    func resolved() {
        var scenario = Scenario()
        scenario.scans = [[("2026-11-18 14:00:00 -0500", "X", nil), ("2026-11-18 18:00:00 -0500", "Delivered", nil)]]
        #expect(scenario.run(CarrierExceptionRule()).isPassed)
    }
}
