import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

struct WeightShortRuleTests {
    // Defaults: packaging 4 oz (113.4 g) per package, tolerance max(2 oz = 56.7 g, 5 %).
    static let packaging = Weight(4, .ounces).grams

    @Test("two ordered, the box weighs one: consistent with 1 missing, reshipped at once below the threshold")
    func oneMissing() throws {
        var scenario = Scenario()
        scenario.packages = [("UPS Next Day Air", "ups", 454 + Self.packaging)]
        let finding = try #require(scenario.run(WeightShortRule()).finding)
        #expect(finding.rule == "weight_short" && finding.severity == .high)
        #expect(finding.message.hasSuffix("consistent with 1 × WDG-L missing"))
        #expect(finding.moneyAtStake == Money(Decimal(string: "39.99")!, "USD"))
        #expect(finding.action.hasPrefix("Reship 1 × WDG-L now"))
        #expect(finding.evidence.first { $0.0 == "ambiguous" }?.1 == .bool(false))
        #expect(finding.sources.map(\.description) == ["orders.csv:2", "products.csv:3", "shipments.csv:2"])
    }

    @Test("above the investigate threshold, the warehouse confirms first")
    func aboveThreshold() throws {
        var scenario = Scenario()
        scenario.configuration.policy.investigateAbove = 20
        scenario.packages = [("UPS Next Day Air", "ups", 454 + Self.packaging)]
        let finding = try #require(scenario.run(WeightShortRule()).finding)
        #expect(finding.action.hasPrefix("Ask the warehouse to confirm"))
    }

    @Test("exactly at tolerance is not flagged; one gram beyond is")
    func atTolerance() {
        var scenario = Scenario()
        let expected = 2 * 454 + Self.packaging
        let tolerance = WeightSettings().tolerance(for: Weight(grams: expected)).grams
        scenario.packages = [("UPS Next Day Air", "ups", expected - tolerance)]
        #expect(scenario.run(WeightShortRule()).isPassed)
        scenario.packages = [("UPS Next Day Air", "ups", expected - tolerance - 1)]
        #expect(scenario.run(WeightShortRule()).finding != nil)
    }

    @Test("several unit sets explain it: all listed, marked ambiguous")
    func ambiguous() throws {
        var scenario = Scenario()
        scenario.lines = [("WDG-S", 1, "19.99"), ("KIT", 1, "14.99")]
        scenario.catalog = ["WDG-S": 227, "KIT": 200]
        scenario.packages = [("UPS Next Day Air", "ups", Self.packaging + 213)]
        let finding = try #require(scenario.run(WeightShortRule()).finding)
        #expect(finding.message.contains("1 × KIT missing; 1 × WDG-S missing (ambiguous)"))
        #expect(finding.evidence.first { $0.0 == "ambiguous" }?.1 == .bool(true))
    }

    @Test("no whole-unit set explains it: says so")
    func unexplained() throws {
        var scenario = Scenario()
        scenario.lines = [("WDG-L", 1, "39.99"), ("KIT", 1, "14.99")]
        scenario.packages = [("UPS Next Day Air", "ups", 397)]
        let finding = try #require(scenario.run(WeightShortRule()).finding)
        #expect(finding.message.hasSuffix("no set of whole missing units explains it (substituted or wrong items?)"))
    }

    @Test("several packages are summed, with packaging for each")
    func severalPackages() {
        var scenario = Scenario()
        scenario.packages = [
            ("UPS Next Day Air", "ups", 454 + Self.packaging), ("UPS Next Day Air", "ups", 454 + Self.packaging),
        ]
        #expect(scenario.run(WeightShortRule()).isPassed)
    }

    @Test("a SKU missing from the catalog: not verifiable, SKU named")
    func missingSku() throws {
        var scenario = Scenario()
        scenario.lines = [("WDG-L", 1, "39.99"), ("NEW-1", 1, "5")]
        scenario.packages = [("UPS Next Day Air", "ups", 100)]
        let skip = try #require(scenario.run(WeightShortRule()).skipReason)
        #expect(skip.0.hasPrefix("weight not verifiable"))
        #expect(skip.1 == ["NEW-1"])
    }

    @Test("a package without a weight: not checked")
    func unweighed() throws {
        var scenario = Scenario()
        scenario.packages = [("UPS Next Day Air", "ups", nil)]
        #expect(scenario.run(WeightShortRule()).skipReason?.0 == "a package has no measured weight")
    }

    @Test("no catalog given: one plain reason instead of every SKU")
    func noCatalog() {
        var scenario = Scenario()
        scenario.hasCatalog = false
        #expect(scenario.run(WeightShortRule()).skipReason?.0 == "no catalog given (--catalog): unit weights unknown")
    }

    @Test("a partially fulfilled order is not weight-checked: its packages hold only part of it")
    func partiallyFulfilled() {
        var scenario = Scenario()
        scenario.lines = [("WDG-L", 1, "39.99"), ("KIT", 1, "14.99")]
        scenario.fulfilled = [true, false]
        scenario.packages = [("UPS Next Day Air", "ups", 454 + Self.packaging)]
        #expect(
            scenario.run(WeightShortRule()).skipReason?.0
                == "partially fulfilled: some items are not marked shipped yet")
        scenario.fulfilled = [true, true]
        #expect(scenario.run(WeightShortRule()).finding != nil)
    }
}
