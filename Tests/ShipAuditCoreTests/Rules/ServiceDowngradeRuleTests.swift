import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

struct ServiceDowngradeRuleTests {
    @Test("paid Next Day Air, shipped Ground: flagged with the evidence and the shipping paid at stake")
    func flagged() throws {
        var scenario = Scenario()
        scenario.packages = [("UPS® Ground", "ups", 1021)]
        let finding = try #require(scenario.run(ServiceDowngradeRule()).finding)
        #expect(finding.rule == "service_downgrade" && finding.severity == .high && finding.orderId == "1041")
        #expect(finding.moneyAtStake == Money(Decimal(string: "34.95")!, "USD"))
        #expect(finding.message == "Paid UPS Next Day Air (overnight), shipped UPS® Ground (ground); tracking TRK0")
        #expect(finding.evidence.first { $0.0 == "paid_tier" }?.1 == .string("overnight"))
        #expect(finding.sources.map(\.description) == ["orders.csv:2", "shipments.csv:2"])
    }

    @Test("same tier under another name is not flagged")
    func sameTier() {
        var scenario = Scenario()
        scenario.packages = [("01", "ups", 1021)]
        #expect(scenario.run(ServiceDowngradeRule()).isPassed)
    }

    @Test("faster than paid is not a downgrade")
    func faster() {
        var scenario = Scenario()
        scenario.method = "UPS Ground"
        #expect(scenario.run(ServiceDowngradeRule()).isPassed)
    }

    @Test("several packages: only the slower one is evidence")
    func severalPackages() throws {
        var scenario = Scenario()
        scenario.packages = [("UPS Next Day Air", "ups", 500), ("Ground", "ups", 500)]
        let finding = try #require(scenario.run(ServiceDowngradeRule()).finding)
        #expect(finding.message.hasSuffix("tracking TRK1"))
        #expect(
            finding.sources.map(\.line).contains(3)
                && !finding.sources.contains { $0.file == "shipments.csv" && $0.line == 2 })
    }

    @Test("a rate title mapped in the config is compared by its tier")
    func rateTitle() throws {
        var scenario = Scenario()
        scenario.configuration.rateTitles = ["Express (1-2 days)": .twoDay]
        scenario.method = "Express (1-2 days)"
        scenario.packages = [("USPS Ground Advantage", "stamps_com", 1021)]
        #expect(scenario.run(ServiceDowngradeRule()).finding != nil)
    }

    @Test("an unknown paid method is skipped and named, never guessed")
    func unknownPaid() throws {
        var scenario = Scenario()
        scenario.method = "Super Saver"
        let skip = try #require(scenario.run(ServiceDowngradeRule()).skipReason)
        #expect(skip.1 == ["Super Saver"])
    }

    @Test("an unknown shipped service is skipped and named")
    func unknownShipped() throws {
        var scenario = Scenario()
        scenario.packages = [("Acme Hyperspeed", "acme", 1021)]
        let skip = try #require(scenario.run(ServiceDowngradeRule()).skipReason)
        #expect(skip.1 == ["Acme Hyperspeed"])
    }
}
