import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

struct UnknownOrderRuleTests {
    @Test("packages for an order in no export: one flag per order number, label cost at stake")
    func flagged() throws {
        var loaded = LoadedInputs()
        for (index, id) in ["9999", "9999", "8888"].enumerated() {
            loaded.shipments.append(
                Shipment(
                    orderId: id, trackingNumber: "T\(index)", carrier: "ups", service: "UPS Ground",
                    labelCost: 5, weight: nil, source: SourceLocation(file: "s.csv", line: index + 2)))
        }
        let matched = OrderMatcher(configuration: Configuration()).match(loaded)
        let findings = UnknownOrderRule().check(
            matched, context: RuleContext(catalog: [:], configuration: Configuration()))
        #expect(findings.map(\.orderId) == ["8888", "9999"])
        #expect(findings[1].moneyAtStake == Money(10, "USD"))
        #expect(findings[1].sources.map(\.line) == [2, 3])
    }
}
