import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// The rules' quick test (`Rule.passesAtOnce` on `OrderFacts`) lets the check stage skip making most orders whole.
/// It must never pass an order the full check would flag or skip: checked here on thousands of varied orders, and
/// the whole check with and without it must give the same findings and coverage.
struct QuickTestTests {
    /// A small deterministic generator (the same orders on every run).
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func pick<T>(_ choices: [T]) -> T { choices[next(choices.count)] }
    }

    static let catalog: [String: Double] = ["A": 454, "B": 227, "C": 1200]
    static let start = Date(timeIntervalSince1970: 1_793_000_000) // 2026-10-26

    /// Varied orders: known, unknown, slower and faster services; weights right, short, over and missing; SKUs
    /// missing from the catalog; partial fulfilment; deliveries early and late; scans, exceptions, returns; no
    /// order time; cancelled and unpaid orders; promises in the export.
    static func inputs(count: Int, seed: UInt64, backing: StoreBacking = .memory) -> LoadedInputs {
        var random = Generator(state: seed)
        var loaded = LoadedInputs(backing: backing)
        for (sku, grams) in catalog {
            loaded.catalog[sku] = CatalogItem(
                sku: sku, unitWeight: Weight(grams: grams), source: SourceLocation(file: "p.csv", line: 2))
        }
        let services = ["UPS Next Day Air", "UPS 2nd Day Air", "UPS Ground", "FedEx 2Day", "Mystery Service", ""]
        let statuses = [
            "Delivered", "In Transit", "Label Created", "Exception", "Returned to Sender", "Out for Delivery",
        ]
        for index in 0..<count {
            let id = String(1000 + index)
            // A third of the orders are as most real ones are: known service as paid, right weight, delivered on time.
            let clean = random.next(3) == 0
            let placed = start.addingTimeInterval(Double(random.next(20 * 86_400)))
            var order = Order(id: id, displayName: "#\(id)", firstRow: SourceLocation(file: "o.csv", line: index + 2))
            order.shippingMethod =
                clean
                ? "UPS 2nd Day Air"
                : random.pick(["UPS Next Day Air", "UPS 2nd Day Air", "UPS Ground", "Free Shipping", nil])
            order.createdAt = !clean && random.next(12) == 0 ? nil : placed
            order.promisedDelivery = random.next(10) == 0 ? placed.addingTimeInterval((clean ? 12 : 3) * 86_400) : nil
            order.isCancelled = !clean && random.next(25) == 0
            order.isPaid = clean || random.next(20) != 0
            order.currency = "USD"
            order.shippingPaid = 12
            var expected = 0.0
            for line in 0..<(clean ? 1 + random.next(3) : random.next(4)) {
                let sku = clean ? random.pick(["A", "B", "C"]) : random.pick(["A", "A", "B", "C", "MISSING", ""])
                let quantity = clean ? random.pick([1, 2]) : random.pick([1, 1, 2, 0])
                var item = OrderLine(
                    sku: sku, name: "Item \(sku)", quantity: quantity, unitPrice: 10,
                    requiresShipping: clean || random.next(10) != 0,
                    source: SourceLocation(file: "o.csv", line: index + 2 + line))
                item.isFulfilled = clean ? nil : random.pick([nil, nil, true, false])
                expected += (catalog[sku] ?? 0) * Double(quantity)
                order.lines.append(item)
            }
            loaded.orders[id] = order
            let packageCount = clean ? random.pick([1, 1, 2]) : random.pick([0, 1, 1, 1, 2])
            for package in 0..<packageCount {
                let tracking = "1Z\(id)P\(package)"
                let share = (expected + 113.4 * Double(packageCount)) / Double(packageCount)
                let grams: Double? =
                    clean ? share + 20 : random.pick([share, share, share * 0.6, share * 1.5, share + 20, nil])
                let label = placed.addingTimeInterval(Double(3_600 * (2 + random.next(40))))
                let delivered = label.addingTimeInterval(Double(3_600 * (clean ? 20 : 10 + random.next(150))))
                loaded.shipments.append(
                    Shipment(
                        orderId: id, trackingNumber: tracking, carrier: clean ? "ups" : random.pick(["ups", "fedex"]),
                        service: clean ? "UPS 2nd Day Air" : random.pick(services),
                        serviceRequested: random.pick([nil, nil, "UPS 2nd Day Air", "Odd Request"]), shippingPaid: 12,
                        labelCost: 8,
                        weight: grams.map { Weight(grams: $0) }, shippedAt: random.next(8) == 0 ? nil : label,
                        deliveredAt: clean || random.next(6) == 0 ? delivered : nil,
                        source: SourceLocation(file: "s.csv", line: index + 2)))
                // Most packages billed on an invoice: a label, a surcharge or two, sometimes a credit (shipping_loss).
                if random.next(4) != 0 {
                    for _ in 0..<(1 + random.next(3)) {
                        loaded.invoices.append(
                            InvoiceLine(
                                carrier: "ups", invoiceNumber: "7001",
                                invoiceDate: label.addingTimeInterval(5 * 86_400),
                                trackingNumber: tracking, code: "SHP", description: "Ground",
                                amount: Decimal(random.pick([4.5, 9, 16, -1.25])),
                                currency: random.next(30) == 0 ? "CAD" : "USD", shipDate: label,
                                source: SourceLocation(file: "i.csv", line: index * 10 + package)))
                    }
                }
                guard random.next(5) != 0 else { continue }
                for row in 0..<(1 + random.next(3)) {
                    let status =
                        row == 0
                        ? random.pick(["Label Created", "In Transit"]) : clean ? "Delivered" : random.pick(statuses)
                    loaded.tracking.add(
                        tracking, status: ParcelStatus.normalize(status) ?? .unknown, text: status,
                        time: random.next(15) == 0
                            ? nil : label.addingTimeInterval(Double(row) * 30_000 + Double(random.next(9_000))),
                        scheduled: random.next(6) == 0 ? delivered.addingTimeInterval(86_400) : nil,
                        deliveredAt: nil, weight: random.next(8) == 0 ? Weight(grams: share) : nil,
                        source: SourceLocation(file: "t.csv", line: index * 10 + row))
                }
            }
        }
        loaded.inputs = [
            InputSummary(path: "p.csv", kind: .catalog, profile: "test"),
            InputSummary(path: "t.csv", kind: .tracking, profile: "test"),
            InputSummary(path: "i.csv", kind: .invoices, profile: "test"),
        ]
        return loaded
    }

    @Test(
        "a rule passes an order at once only when its full check passes it",
        arguments: [(true, true), (false, true), (true, false)])
    func neverPassesWhatTheCheckWouldNot(hasCatalog: Bool, hasTracking: Bool) {
        let configuration = Configuration()
        let matched = OrderMatcher(configuration: configuration).match(Self.inputs(count: 3_000, seed: 11))
        var context = RuleContext(
            catalog: matched.catalog, configuration: configuration, hasCatalog: hasCatalog, hasTracking: hasTracking,
            asOf: Self.start.addingTimeInterval(14 * 86_400))
        context.shipmentsBegin = matched.shipmentsBegin
        context.trackingBegins = matched.trackingBegins
        let unitGrams = (0..<matched.loaded.orders.textCount).map {
            matched.catalog[matched.loaded.orders.text(number: UInt32($0))]?.unitWeight.grams ?? .nan
        }
        var quick: [String: Int] = [:], wholeOrders = 0
        var deadlines = DeadlineMemo()
        for position in matched.orders.indices {
            let facts = matched.orders.facts(
                at: position, unitGrams: unitGrams, weight: configuration.weight, hasCatalog: hasCatalog,
                deadlines: &deadlines)
            let order = matched.orders[position]
            var all = true
            for rule in RuleCatalog.all {
                let id = type(of: rule).id
                guard rule.passesAtOnce(facts, context: context) else { all = false; continue }
                quick[id, default: 0] += 1
                #expect(
                    rule.check(order, context: context).isPassed,
                    "\(id) passed order \(order.order.id) at once, but its check does not")
            }
            if all { wholeOrders += 1 }
        }
        // Not vacuous: with catalog and tracking, every rule passed many orders at once, and many passed them all.
        if hasCatalog && hasTracking {
            for rule in RuleCatalog.all {
                let id = type(of: rule).id
                #expect(quick[id, default: 0] > 100, "\(id) passed only \(quick[id, default: 0]) orders at once")
            }
            #expect(wholeOrders > 100, "only \(wholeOrders) orders passed every rule at once")
        }
    }

    @Test("the check with the quick test gives the same findings and coverage as checking every order in full")
    func sameResults() {
        let configuration = Configuration()
        let matched = OrderMatcher(configuration: configuration).match(Self.inputs(count: 3_000, seed: 29))
        let asOf = Self.start.addingTimeInterval(14 * 86_400)
        let fast = Checker(configuration: configuration).check(matched, asOf: asOf)
        let full = Checker(configuration: configuration, quickTest: false).check(matched, asOf: asOf)
        #expect(fast.findings.count == full.findings.count)
        #expect(
            fast.findings.map { "\($0.orderId) \($0.rule) \($0.message)" }
                == full.findings.map { "\($0.orderId) \($0.rule) \($0.message)" })
        #expect(fast.findings.count > 300)
        for (a, b) in [
            (fast.coverage.ordersChecked, full.coverage.ordersChecked),
            (fast.coverage.packagesMatched, full.coverage.packagesMatched),
            (fast.coverage.ordersWithPackages, full.coverage.ordersWithPackages),
            (fast.coverage.packagesWithTracking, full.coverage.packagesWithTracking),
        ] {
            #expect(a == b)
        }
        #expect(fast.coverage.unknownServices == full.coverage.unknownServices)
        #expect(fast.coverage.ordersNotChecked == full.coverage.ordersNotChecked)
        #expect(fast.coverage.skips == full.coverage.skips)
        #expect(!full.coverage.skips.isEmpty && !full.coverage.unknownServices.isEmpty)
    }

    @Test("the samples give the same report with and without the quick test")
    func samples() throws {
        let (configuration, files, asOf) = try Fixture.samples()
        let matched = try Analysis(configuration: configuration).match(files)
        let fast = Checker(configuration: configuration).check(matched, asOf: asOf)
        let full = Checker(configuration: configuration, quickTest: false).check(matched, asOf: asOf)
        #expect(
            fast.findings.map { "\($0.orderId) \($0.rule) \($0.message)" }
                == full.findings.map { "\($0.orderId) \($0.rule) \($0.message)" })
        #expect(
            fast.coverage.skips == full.coverage.skips && fast.coverage.ordersChecked == full.coverage.ordersChecked)
        #expect(fast.coverage.unknownServices == full.coverage.unknownServices)
    }
}
