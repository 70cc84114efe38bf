import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

struct LateDeliveryRuleTests {
    @Test("guaranteed service delivered a business day late: refund claim with its filing deadline")
    func guaranteedClaim() throws {
        var scenario = Scenario()
        scenario.createdAt = "2026-11-12 10:00:00 -0500" // Thu: promised Fri 11-13
        scenario.labels = ["2026-11-12 15:00:00 -0500"]
        scenario.scans = [
            [("2026-11-12 18:00:00 -0500", "Pickup Scan", nil), ("2026-11-16 10:30:00 -0500", "Delivered", nil)]
        ]
        scenario.asOf = "2026-11-19T02:00:00-05:00"
        let finding = try #require(scenario.run(LateDeliveryRule()).finding)
        #expect(finding.rule == "late_delivery" && finding.severity == .medium)
        #expect(finding.message.contains("promised Fri 2026-11-13"))
        #expect(finding.message.contains("delivered Mon 2026-11-16 10:30, 1 business day late"))
        #expect(finding.action.contains("file a guaranteed-service refund claim with ups for TRK0 by Tue 2026-12-01"))
        #expect(finding.moneyAtStake == Money(10, "USD"))
        #expect(finding.sources.contains(SourceLocation(file: "tracking.csv", line: 3)))
    }

    @Test("on the promised day, even late in the evening: not late")
    func onTime() {
        var scenario = Scenario()
        scenario.createdAt = "2026-11-18 10:00:00 -0500"
        scenario.delivered = ["2026-11-19 21:30:00 -0500"]
        scenario.asOf = "2026-11-20T02:00:00-05:00"
        #expect(scenario.run(LateDeliveryRule()).isPassed)
    }

    @Test("a slower label than paid met its own transit: late for the customer, no carrier claim")
    func noClaimForDowngrade() throws {
        var scenario = Scenario()
        scenario.createdAt = "2026-11-12 10:00:00 -0500"
        scenario.packages = [("UPS Ground", "ups", 1021)]
        scenario.labels = ["2026-11-12 15:00:00 -0500"]
        scenario.delivered = ["2026-11-17 12:00:00 -0500"]
        let finding = try #require(scenario.run(LateDeliveryRule()).finding)
        #expect(!finding.action.contains("claim"))
        #expect(finding.moneyAtStake == Money(Decimal(string: "34.95")!, "USD"))
    }

    @Test("not delivered yet: nothing to say here")
    func notDelivered() {
        #expect(Scenario().run(LateDeliveryRule()).isPassed)
    }
}
