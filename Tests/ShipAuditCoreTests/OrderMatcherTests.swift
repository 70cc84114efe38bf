import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

struct OrderMatcherTests {
    @Test("an unmapped rate title falls back to the shipment export's requested service when that one is known")
    func requestedFallback() throws {
        var scenario = Scenario()
        scenario.method = "Fast & Free"
        scenario.requested = "UPS 2nd Day Air"
        let matched = scenario.matched
        #expect(matched.paidService?.tier == .twoDay)
        #expect(matched.paidServiceText == "UPS 2nd Day Air")
        #expect(matched.paidServiceSource?.file == "shipments.csv")
    }

    @Test("a known rate title wins over the requested service")
    func orderFirst() {
        var scenario = Scenario()
        scenario.requested = "UPS Ground"
        #expect(scenario.matched.paidService?.tier == .overnight)
    }

    @Test("numeric order numbers sort as numbers, others after them")
    func sorting() {
        #expect(["1041", "998", "SO-1", "10"].sorted(by: OrderMatcher.orderKeyLess) == ["10", "998", "1041", "SO-1"])
        // The match stage's order of store positions agrees with the comparison, signs and ties included.
        var generator = SystemRandomNumberGenerator()
        let pool = ["1041", "998", "SO-1", "10", "+5", "5", "-3", "A-2", "a-2", "99999999999999999999", "0", "B"]
        for _ in 0..<50 {
            let ids = Array(pool.shuffled(using: &generator).prefix(Int.random(in: 0...pool.count, using: &generator)))
            #expect(
                OrderMatcher.orderKeyOrder(count: ids.count) { ids[$0] }.map { ids[Int($0)] }
                    == ids.sorted(by: OrderMatcher.orderKeyLess))
        }
        // Exports in number order, oldest or newest first (found without sorting), and nearly so (sorted).
        let ascending = (0..<2_000).map { String(1_000 + 3 * $0) }
        let cases: [[String]] = [
            ascending, ascending.reversed(), ["7"], [], ["5", "+5"], ["+5", "5"], ["10", "9", "8", "x"],
            Array(ascending.prefix(1_000)) + ["0"] + Array(ascending.suffix(1_000)),
            ["3", "2", "1", "2"], ["1", "2", "3", "-4"], ["-4", "-3", "01", "2"],
        ]
        for ids in cases {
            #expect(
                OrderMatcher.orderKeyOrder(count: ids.count) { ids[$0] }.map { ids[Int($0)] }
                    == ids.sorted(by: OrderMatcher.orderKeyLess))
            // The store's numbers, read from the index's bytes, are `Int(id)`'s.
            var store = OrderStore()
            for id in ids where !store.contains(id) {
                store[id] = Order(id: id, displayName: id, firstRow: SourceLocation(file: "o.csv", line: 2))
            }
            #expect((0..<store.count).allSatisfy { store.numericId(at: $0) == Int(store.id(at: $0)) })
            let order = OrderMatcher.orderKeyOrder(count: store.count, number: store.numericId(at:)) {
                store.id(at: $0)
            }
            #expect(
                order.map { store.id(at: Int($0)) }
                    == (0..<store.count).map(store.id(at:)).sorted(by: OrderMatcher.orderKeyLess))
        }
    }

    @Test("a flag's sources come sorted and once each, as a set sorted by file name and line gives them")
    func sourcesOrder() {
        var generator = SystemRandomNumberGenerator()
        // Names numbered out of their name order (the table numbers them as first seen).
        let files = [
            "zeta/orders.csv", "shipments.csv", "alpha.csv",
            "tracking-\(UInt32.random(in: 0...9_999, using: &generator)).csv", "Zeta.csv",
        ]
        for _ in 0..<200 {
            let sources = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                SourceLocation(
                    file: files.randomElement(using: &generator)!, line: Int.random(in: 1...6, using: &generator))
            }
            #expect(SourceLocation.sortedUnique(sources) == Array(Set(sources)).sorted())
        }
    }

    @Test(
        "a number set holds exactly the numbers inserted, whatever shares a slot of its table, the largest number too")
    func numberSet() {
        var generator = SystemRandomNumberGenerator()
        var set = NumberSet<UInt32>(), wide = NumberSet<UInt64>()
        var expected = Set<UInt32>(), expectedWide = Set<UInt64>()
        for _ in 0..<20_000 {
            let number = [
                UInt32.max, 0, UInt32.random(in: 0..<300, using: &generator),
                UInt32.random(in: 0...UInt32.max, using: &generator),
            ]
            .randomElement(using: &generator)!
            set.insert(number)
            expected.insert(number)
            let pair = UInt64(number) << 32 | UInt64(UInt32.random(in: 0..<5, using: &generator))
            wide.insert(pair)
            expectedWide.insert(pair)
        }
        wide.insert(.max)
        expectedWide.insert(.max)
        #expect(set.numbers == expected)
        #expect(wide.numbers == expectedWide)
    }

    @Test("findings sort by order number, then rule, as the plain comparison does: numbers, texts, ties kept in order")
    func findingOrder() {
        var generator = SystemRandomNumberGenerator()
        let pool = ["1041", "998", "SO-1", "10", "+5", "5", "-3", "A-2", "a-2", "99999999999999999999", "0", "B"]
        let ruleOrder = Dictionary(uniqueKeysWithValues: RuleCatalog.ids.enumerated().map { ($1, $0) })
        for _ in 0..<50 {
            let findings = (0..<Int.random(in: 0...60, using: &generator)).map { index in
                Finding(
                    rule: RuleCatalog.ids.randomElement(using: &generator)!, severity: .low,
                    orderId: pool.randomElement(using: &generator)!, orderName: "", message: "\(index)", evidence: [],
                    moneyAtStake: nil, action: "", sources: [])
            }
            // Swift's sort is stable: findings of one order and rule keep the order they came in (their messages).
            let expected = findings.enumerated().sorted { a, b in
                let (x, y) = (a.element, b.element)
                if x.orderId != y.orderId { return OrderMatcher.orderKeyLess(x.orderId, y.orderId) }
                if x.rule != y.rule { return ruleOrder[x.rule]! < ruleOrder[y.rule]! }
                return a.offset < b.offset
            }.map(\.element.message)
            let once = Checker.sorted(findings)
            #expect(once.map(\.message) == expected)
            // Findings already in order (the usual case: the slices come back in order) are the answer as they are.
            #expect(Checker.sorted(once).map(\.message) == expected)
        }
    }

    @Test(
        "packages keep their times exactly, packed or whole beside: fractions of seconds, a century off, none; order and tracking numbers of any length, amounts too large for 32 bits; a package is 56 bytes"
    )
    func packedShipments() {
        let times: [Double?] = [nil, 1_790_000_000, 1_790_000_000.5, -2_500_000_000, 4_000_000_000, 946_684_800, 0]
        var store = ShipmentStore()
        var written: [Shipment] = []
        for (index, (shipped, delivered)) in zip(times, times.reversed()).enumerated() {
            let orderId = index == 2 ? String(repeating: "O", count: 70_000) : index == 4 ? "" : "\(index)"
            let amounts: [Decimal?] = [nil, 12.5, 214_748.3647, 214_748.3648, -214_748.3647, 0, 1_000_000]
            let shipment = Shipment(
                orderId: orderId, trackingNumber: String(repeating: "Z", count: index * 40), carrier: "ups",
                service: "UPS Ground",
                shippingPaid: amounts[index], labelCost: amounts[(index + 3) % amounts.count],
                weight: Weight(grams: Double(index) * 10.5), shippedAt: shipped.map(Date.init(timeIntervalSince1970:)),
                deliveredAt: delivered.map(Date.init(timeIntervalSince1970:)),
                source: SourceLocation(file: "s.csv", line: index + 2))
            store.append(shipment)
            written.append(shipment)
        }
        for (index, shipment) in written.enumerated() {
            #expect(
                store[index].shippedAt == shipment.shippedAt && store[index].deliveredAt == shipment.deliveredAt,
                "\(index)")
            #expect(
                store[index].trackingNumber == shipment.trackingNumber
                    && store.hasTracking(index) == !shipment.trackingNumber.isEmpty)
            #expect(store.orderId(at: index) == shipment.orderId && store[index].orderId == shipment.orderId)
            #expect(
                store[index].shippingPaid == shipment.shippingPaid && store[index].labelCost == shipment.labelCost,
                "\(index)")
            #expect(store.deliveredSeconds(at: index).isNaN == (shipment.deliveredAt == nil))
        }
        #expect(store.earliestLabel == Date(timeIntervalSince1970: -2_500_000_000))
        #expect(!store.sameTracking(0, 0) && store.sameTracking(3, 3) && !store.sameTracking(3, 4))
        #expect(MemoryLayout<ShipmentStore.StoredShipment>.stride == 56)
    }

    @Test(
        "orders keep their times, line items' rows and prices exactly, packed or beside: fractions of seconds, a century off, lines from another file, orders' rows taking turns, large prices"
    )
    func packedOrders() throws {
        let times: [Double?] = [nil, 1_790_000_000, 1_790_000_000.25, -2_500_000_000, 4_000_000_000]
        var store = OrderStore()
        var written: [Order] = []
        for (index, (created, promised)) in zip(times, times.reversed()).enumerated() {
            var order = Order(
                id: "\(index)", displayName: "#\(index)", firstRow: SourceLocation(file: "o.csv", line: index + 2))
            order.createdAt = created.map(Date.init(timeIntervalSince1970:))
            order.promisedDelivery = promised.map(Date.init(timeIntervalSince1970:))
            order.lines = [
                OrderLine(
                    sku: "A", name: "a", quantity: 1, unitPrice: 2, requiresShipping: true,
                    source: SourceLocation(file: "o.csv", line: index + 2)),
                OrderLine(
                    sku: "B", name: "b", quantity: 2, unitPrice: nil, requiresShipping: false,
                    source: SourceLocation(file: "p.csv", line: 9)),
            ]
            store[order.id] = order
            written.append(order)
        }
        for order in written {
            let stored = try #require(store[order.id])
            #expect(
                stored.createdAt == order.createdAt && stored.promisedDelivery == order.promisedDelivery, "\(order.id)")
            #expect(stored.lines.map(\.source) == order.lines.map(\.source), "\(order.id)")
        }
        // Rows of two orders taking turns (each order's next line kept beside), prices too large for 32 bits, none.
        var mixed = OrderStore()
        let prices: [Decimal?] = [12.5, nil, 300_000, -0.01, 214_748.3647, 214_748.3648]
        for (index, price) in prices.enumerated() {
            let id = index % 2 == 0 ? "A" : "B"
            let line = OrderStore.NumberedLine(
                sku: mixed.text("S\(index)"), name: mixed.text("n"), quantity: index + 1, requiresShipping: true,
                isFulfilled: nil, source: SourceLocation(file: "o.csv", line: index + 2),
                unitPrice: StoredMoney.encode(price) ?? StoredMoney.none)
            mixed.add(
                id: id, displayName: id, firstRow: SourceLocation(file: "o.csv", line: index + 2), line: line,
                createdAt: nil,
                shippingPaid: StoredMoney.none, currency: 0, method: 0, cancelled: false)
        }
        for (id, first) in [("A", 0), ("B", 1)] {
            let order = try #require(mixed[id])
            #expect(
                order.lines.map(\.quantity) == Array(stride(from: first + 1, through: prices.count, by: 2)), "\(id)")
            #expect(
                order.lines.map(\.unitPrice) == stride(from: first, to: prices.count, by: 2).map { prices[$0] }, "\(id)"
            )
            #expect(order.lines.map(\.sku) == stride(from: first, to: prices.count, by: 2).map { "S\($0)" })
        }
        #expect(MemoryLayout<OrderStore.StoredOrder>.stride == 48 && MemoryLayout<OrderStore.StoredLine>.stride == 24)
    }
}
