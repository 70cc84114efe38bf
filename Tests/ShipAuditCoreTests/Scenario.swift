import Foundation

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// Builds one order with its packages and catalog in memory, runs the real matcher, and hands a rule its input.
struct Scenario {
    var configuration = Configuration()
    var method: String? = "UPS Next Day Air"
    var shippingPaid: Decimal? = Decimal(string: "34.95")
    var lines: [(sku: String, quantity: Int, price: String?)] = [("WDG-L", 2, "39.99")]
    var catalog: [String: Double] = ["WDG-L": 454, "WDG-S": 227, "KIT": 170]
    var packages: [(service: String, carrier: String, grams: Double?)] = [("UPS Next Day Air", "ups", 1021.4)]
    var hasCatalog = true
    var hasTracking = true
    /// False: the run was given no shipments export (`packages` should then be empty).
    var hasShipments = true
    /// The carriers the tracking data has parcels of (nil: every carrier counts as covered).
    var carriersWithTracking: Set<String>? = nil
    /// Per line, the store's fulfillment mark (missing entries: unknown).
    var fulfilled: [Bool?] = []
    /// The shipment export's requested service, on every package.
    var requested: String? = nil
    /// When the order was placed (store zone New York).
    var createdAt: String? = "2026-11-18 10:00:00 -0500"
    /// The run's "now".
    var asOf = "2026-11-19T02:00:00-05:00"
    /// Per package: label time, delivery time from the shipment export.
    var labels: [String?] = []
    var delivered: [String?] = []
    /// Per package: tracking rows (time, status text, scheduled delivery); nil or missing: none.
    var scans: [[(time: String?, status: String, scheduled: String?)]?] = []
    /// False when the store has not been paid.
    var paid = true
    /// The orders export's shipped date (`fulfilled_at`).
    var fulfilledAt: String? = nil
    /// Where the shipment export's and the tracking data's periods begin.
    var shipmentsBegin: String? = nil
    var trackingBegins: String? = nil

    static func date(_ text: String) -> Date { try! TimestampParser(timeZone: Fixture.newYork).parse(text).get() }

    var matched: MatchedOrder {
        var loaded = LoadedInputs()
        var order = Order(id: "1041", displayName: "#1041", firstRow: SourceLocation(file: "orders.csv", line: 2))
        order.shippingMethod = method
        order.shippingPaid = shippingPaid
        order.currency = "USD"
        order.createdAt = createdAt.map(Scenario.date)
        order.isPaid = paid
        order.fulfilledAt = fulfilledAt.map(Scenario.date)
        for (index, line) in lines.enumerated() {
            let source = SourceLocation(file: "orders.csv", line: 2 + index)
            var orderLine = OrderLine(
                sku: line.sku, name: line.sku, quantity: line.quantity,
                unitPrice: line.price.flatMap { Decimal(string: $0) },
                requiresShipping: true, source: source)
            orderLine.isFulfilled = index < fulfilled.count ? fulfilled[index] : nil
            order.lines.append(orderLine)
        }
        loaded.orders["1041"] = order
        for (index, (sku, grams)) in catalog.sorted(by: { $0.key < $1.key }).enumerated() {
            loaded.catalog[sku] = CatalogItem(
                sku: sku, unitWeight: Weight(grams: grams),
                source: SourceLocation(file: "products.csv", line: 2 + index))
        }
        for (index, package) in packages.enumerated() {
            loaded.shipments.append(
                Shipment(
                    orderId: "1041", trackingNumber: "TRK\(index)", carrier: package.carrier,
                    service: package.service, serviceRequested: requested, labelCost: 10,
                    weight: package.grams.map { Weight(grams: $0) },
                    shippedAt: (index < labels.count ? labels[index] : nil).map(Scenario.date),
                    deliveredAt: (index < delivered.count ? delivered[index] : nil).map(Scenario.date),
                    source: SourceLocation(file: "shipments.csv", line: 2 + index)))
            if index < scans.count, let rows = scans[index] {
                for (row, scan) in rows.enumerated() {
                    loaded.tracking.add(
                        "TRK\(index)", status: ParcelStatus.normalize(scan.status) ?? .unknown, text: scan.status,
                        time: scan.time.map(Scenario.date),
                        scheduled: scan.scheduled.map(Scenario.date), deliveredAt: nil, weight: nil,
                        source: SourceLocation(file: "tracking.csv", line: 2 + index * 10 + row))
                }
            }
        }
        let inputs = OrderMatcher(configuration: configuration).match(loaded)
        return inputs.orders[0]
    }

    var context: RuleContext {
        var loaded: [String: CatalogItem] = [:]
        for (index, (sku, grams)) in catalog.sorted(by: { $0.key < $1.key }).enumerated() {
            loaded[sku] = CatalogItem(
                sku: sku, unitWeight: Weight(grams: grams),
                source: SourceLocation(file: "products.csv", line: 2 + index))
        }
        var context = RuleContext(
            catalog: loaded, configuration: configuration, hasCatalog: hasCatalog, hasTracking: hasTracking,
            asOf: Scenario.date(asOf))
        context.shipmentsBegin = shipmentsBegin.map(Scenario.date)
        context.trackingBegins = trackingBegins.map(Scenario.date)
        context.hasShipments = hasShipments
        context.carriersWithTracking = carriersWithTracking
        return context
    }

    func run(_ rule: some Rule) -> RuleOutcome { rule.check(matched, context: context) }
}

extension RuleOutcome {
    var finding: Finding? {
        if case .flagged(let finding) = self { return finding }
        return nil
    }

    var isPassed: Bool {
        if case .passed = self { return true }
        return false
    }

    var skipReason: (String, [String])? {
        if case .skipped(let reason, let items) = self { return (reason, items) }
        return nil
    }
}
