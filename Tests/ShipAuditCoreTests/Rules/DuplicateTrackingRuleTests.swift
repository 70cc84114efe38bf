import Testing
@testable import ShipAuditCore

struct DuplicateTrackingRuleTests {
    @Test("one tracking number on two orders: both flagged, each naming the other")
    func flagged() throws {
        var loaded = LoadedInputs()
        for id in ["1", "2", "3"] {
            loaded.orders[id] = Order(id: id, displayName: "#\(id)", firstRow: SourceLocation(file: "o.csv", line: 2))
        }
        for (index, (id, tracking)) in [("1", "1ZSAME"), ("2", "1ZSAME"), ("3", "1ZOTHER"), ("3", "1ZOTHER")].enumerated() {
            loaded.shipments.append(Shipment(orderId: id, trackingNumber: tracking, carrier: "ups", service: "UPS Ground",
                                             weight: nil, source: SourceLocation(file: "s.csv", line: index + 2)))
        }
        let matched = OrderMatcher(configuration: Configuration()).match(loaded)
        let findings = DuplicateTrackingRule().check(matched, context: RuleContext(catalog: [:], configuration: Configuration()))
        #expect(findings.map(\.orderId) == ["1", "2"])
        #expect(findings[0].orderName == "#1")
        #expect(findings[0].message == "Tracking 1ZSAME is also on order 2")
    }
}
