import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

struct ServiceUpgradeRuleTests {
    @Test("paid ground, shipped overnight: a low-severity cost leak with the label cost at stake")
    func flagged() throws {
        var scenario = Scenario()
        scenario.method = "UPS Ground"
        let finding = try #require(scenario.run(ServiceUpgradeRule()).finding)
        #expect(finding.rule == "service_upgrade" && finding.severity == .low)
        #expect(finding.moneyAtStake == Money(10, "USD"))
    }

    @Test("same tier is not flagged")
    func sameTier() {
        #expect(Scenario().run(ServiceUpgradeRule()).isPassed)
    }

    @Test("an order with one slower and one faster package is a downgrade, not an upgrade")
    func mixed() {
        var scenario = Scenario()
        scenario.method = "UPS 2nd Day Air"
        scenario.packages = [("UPS Next Day Air", "ups", 500), ("UPS Ground", "ups", 500)]
        #expect(scenario.run(ServiceUpgradeRule()).isPassed)
        #expect(scenario.run(ServiceDowngradeRule()).finding != nil)
    }
}
