import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// The check stage over many orders: slices on every core, each core with its own copy of the stores' strings.
struct CheckerTests {
    @Test("more orders than one slice: every downgrade flagged once, in order-number order, with its texts intact")
    func manySlices() {
        var loaded = LoadedInputs()
        let count = 10_000
        for index in 0..<count {
            let id = String(index + 1)
            var order = Order(id: id, displayName: "#\(id)", firstRow: SourceLocation(file: "o.csv", line: index + 2))
            order.lines = [
                OrderLine(
                    sku: "SKU-\(index % 7)", name: "Widget in a long name \(index % 7)", quantity: 1, unitPrice: 10,
                    requiresShipping: true, source: order.firstRow)
            ]
            order.shippingMethod = "UPS Next Day Air"
            order.createdAt = Date(timeIntervalSince1970: 1_790_000_000)
            loaded.orders[id] = order
            loaded.shipments.append(
                Shipment(
                    orderId: id, trackingNumber: "1Z\(100_000_000 + index)", carrier: "ups",
                    service: index % 3 == 0 ? "UPS Ground" : "UPS Next Day Air", labelCost: 5, weight: nil,
                    source: SourceLocation(file: "s.csv", line: index + 2)))
        }
        var configuration = Configuration()
        configuration.disabledRules = Set(RuleCatalog.ids).subtracting(["service_downgrade"])
        let matched = OrderMatcher(configuration: configuration).match(loaded)
        let (findings, coverage) = Checker(configuration: configuration).check(
            matched, asOf: Date(timeIntervalSince1970: 1_790_500_000))
        #expect(coverage.ordersChecked == count)
        #expect(findings.map(\.orderId) == stride(from: 0, to: count, by: 3).map { String($0 + 1) })
        #expect(
            findings.allSatisfy {
                $0.message.hasPrefix("Paid UPS Next Day Air (overnight), shipped UPS Ground (ground)")
            }, "\(findings.first?.message ?? "")")
        #expect(findings.last?.orderName == "#\(count)")
    }
}

/// Orders dated after the run's "now" (often a misread date) are counted, never judged.
struct PlacedAfterAsOfTests {
    @Test("orders placed after --as-of: not checked, counted with the reason, in the quick path and in full")
    func afterAsOf() throws {
        let (configuration, files, _) = try Fixture.samples()
        let asOf = try TimestampParser(timeZone: Fixture.newYork).parse("2026-11-17T00:00:00-05:00").get()
        let matched = try Analysis(configuration: configuration).match(files)
        // Cancelled orders and orders with a rejected row are counted under those reasons first.
        let later = matched.orders.filter {
            ($0.order.createdAt ?? .distantPast) > asOf && !$0.order.isCancelled
                && !matched.loaded.ordersWithRejectedRows.contains($0.order.id)
        }.map(\.order.id)
        #expect(later.count > 5)
        for quickTest in [true, false] {
            let checked = Checker(configuration: configuration, quickTest: quickTest).check(matched, asOf: asOf)
            #expect(checked.coverage.ordersNotChecked[Checker.placedAfterAsOf] == later.count)
            #expect(checked.findings.allSatisfy { !later.contains($0.orderId) || $0.rule == "duplicate_tracking" })
        }
    }
}
