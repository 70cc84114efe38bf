import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

struct DuplicateTrackingRuleTests {
    @Test("one tracking number on two orders: both flagged, each naming the other")
    func flagged() throws {
        var loaded = LoadedInputs()
        for id in ["1", "2", "3"] {
            loaded.orders[id] = Order(id: id, displayName: "#\(id)", firstRow: SourceLocation(file: "o.csv", line: 2))
        }
        for (index, (id, tracking)) in [("1", "1ZSAME"), ("2", "1ZSAME"), ("3", "1ZOTHER"), ("3", "1ZOTHER")]
            .enumerated()
        {
            loaded.shipments.append(
                Shipment(
                    orderId: id, trackingNumber: tracking, carrier: "ups", service: "UPS Ground",
                    weight: nil, source: SourceLocation(file: "s.csv", line: index + 2)))
        }
        let matched = OrderMatcher(configuration: Configuration()).match(loaded)
        let findings = DuplicateTrackingRule().check(
            matched, context: RuleContext(catalog: [:], configuration: Configuration()))
        #expect(findings.map(\.orderId) == ["1", "2"])
        #expect(findings[0].orderName == "#1")
        #expect(findings[0].message == "Tracking 1ZSAME is also on order 2")
    }

    @Test("a package with no tracking number 16 packages before a shared number does not hide it")
    func afterPackageWithoutTracking() {
        var loaded = LoadedInputs()
        for id in 1...20 {
            loaded.orders[String(id)] = Order(
                id: String(id), displayName: "#\(id)", firstRow: SourceLocation(file: "o.csv", line: id))
        }
        // Package 0 shares its number with package 17; package 1, without one, is 16 before it.
        let numbers = ["1ZSHARED"] + [""] + (2...16).map { "1ZONLY\($0)" } + ["1ZSHARED"]
        for (index, tracking) in numbers.enumerated() {
            loaded.shipments.append(
                Shipment(
                    orderId: String(index + 1), trackingNumber: tracking, carrier: "ups", service: "UPS Ground",
                    weight: nil, source: SourceLocation(file: "s.csv", line: index + 2)))
        }
        let matched = OrderMatcher(configuration: Configuration()).match(loaded)
        let findings = DuplicateTrackingRule().check(
            matched, context: RuleContext(catalog: [:], configuration: Configuration()))
        #expect(findings.map(\.orderId) == ["1", "18"])
    }

    @Test("many packages: the shared numbers found are exactly those a dictionary by number finds")
    func many() {
        var loaded = LoadedInputs()
        var state: UInt64 = 3
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for id in 1...3_000 {
            loaded.orders[String(id)] = Order(
                id: String(id), displayName: "#\(id)", firstRow: SourceLocation(file: "o.csv", line: id))
        }
        var expected: [String: [(order: String, line: Int)]] = [:]
        for index in 0..<8_000 {
            let (order, tracking) = (String(1 + next(3_000)), "1Z\(100_000 + next(7_000))")
            loaded.shipments.append(
                Shipment(
                    orderId: order, trackingNumber: tracking, carrier: "ups", service: "UPS Ground",
                    weight: nil, source: SourceLocation(file: "s.csv", line: index + 2)))
            expected[tracking, default: []].append((order, index + 2))
        }
        let matched = OrderMatcher(configuration: Configuration()).match(loaded)
        let wanted = expected.filter { Set($0.value.map(\.order)).count > 1 }.sorted { $0.key < $1.key }
        #expect(matched.duplicateTracking.map(\.trackingNumber) == wanted.map(\.key))
        #expect(matched.duplicateTracking.map { $0.packages.map(\.source.line) } == wanted.map { $0.value.map(\.line) })
        #expect(wanted.count > 100)
    }
}
