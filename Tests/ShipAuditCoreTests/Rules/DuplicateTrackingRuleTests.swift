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

    @Test(
        "a number the carrier reused months later is two parcels: counted, not flagged; days apart, or undated, flagged"
    )
    func reusedNumber() throws {
        func run(_ labels: [(order: String, tracking: String, shipped: String?)]) -> (MatchedInputs, [Finding]) {
            var loaded = LoadedInputs()
            for (index, label) in labels.enumerated() {
                loaded.orders[label.order] = Order(
                    id: label.order, displayName: "#\(label.order)", firstRow: SourceLocation(file: "o.csv", line: 2))
                loaded.shipments.append(
                    Shipment(
                        orderId: label.order, trackingNumber: label.tracking, carrier: "usps",
                        service: "USPS Ground Advantage", weight: nil,
                        shippedAt: label.shipped.map { Scenario.date($0 + " 10:00:00 -0500") },
                        source: SourceLocation(file: "s.csv", line: index + 2)))
            }
            let matched = OrderMatcher(configuration: Configuration()).match(loaded)
            return (
                matched,
                DuplicateTrackingRule().check(
                    matched, context: RuleContext(catalog: [:], configuration: Configuration()))
            )
        }
        let number = "9400111899223344556677"
        // 200 days apart, then a third use 3 days after the second: only the last two are one parcel.
        let (reused, flags) = run([
            ("1", number, "2026-03-02"), ("2", number, "2026-09-18"), ("3", number, "2026-09-21"),
        ])
        #expect(reused.recycledTracking == 1)
        #expect(flags.map(\.orderId) == ["2", "3"])
        // Exactly at the limit: one parcel.
        let (_, atLimit) = run([("1", number, "2026-03-02"), ("2", number, "2026-05-31")])
        #expect(atLimit.map(\.orderId) == ["1", "2"])
        // A label without a ship day cannot be placed: flagged, as before.
        let (undated, undatedFlags) = run([("1", number, "2026-03-02"), ("2", number, nil)])
        #expect(undated.recycledTracking == 0 && undatedFlags.map(\.orderId) == ["1", "2"])
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
