import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

struct WeightOverRuleTests {
    static let packaging = Weight(4, .ounces).grams

    @Test("one extra unit in the box: consistent with 1 extra")
    func oneExtra() throws {
        var scenario = Scenario()
        scenario.packages = [("UPS Next Day Air", "ups", 3 * 454 + Self.packaging)]
        let finding = try #require(scenario.run(WeightOverRule()).finding)
        #expect(finding.rule == "weight_over" && finding.severity == .medium)
        #expect(finding.message.hasSuffix("consistent with 1 × WDG-L extra"))
        #expect(finding.moneyAtStake == Money(Decimal(string: "39.99")!, "USD"))
    }

    @Test("exactly at tolerance is not flagged")
    func atTolerance() {
        var scenario = Scenario()
        let expected = 2 * 454 + Self.packaging
        scenario.packages = [
            ("UPS Next Day Air", "ups", expected + WeightSettings().tolerance(for: Weight(grams: expected)).grams)
        ]
        #expect(scenario.run(WeightOverRule()).isPassed)
    }

    @Test("heavier than any set of extra units: flagged without an explanation")
    func unexplained() throws {
        var scenario = Scenario()
        scenario.packages = [("UPS Next Day Air", "ups", 2 * 454 + Self.packaging + 200)]
        let finding = try #require(scenario.run(WeightOverRule()).finding)
        #expect(finding.message.contains("no set of whole extra units explains it"))
        #expect(finding.moneyAtStake == nil)
    }

    @Test("a light box is not over")
    func light() {
        var scenario = Scenario()
        scenario.packages = [("UPS Next Day Air", "ups", 300)]
        #expect(scenario.run(WeightOverRule()).isPassed)
    }
}
