/// The match stage: puts each order with its packages and resolves paid and shipped services to tiers.
public struct OrderMatcher: Sendable {
    private let services: ServiceDirectory
    private let defaultCurrency: String

    /// Creates a matcher with the config's rate titles and extra services.
    public init(configuration: Configuration) {
        var extra = configuration.services
        extra.merge(configuration.rateTitles) { _, title in title }
        services = ServiceDirectory(extra: extra)
        defaultCurrency = configuration.defaultCurrency
    }

    /// Matches packages to orders by normalized order number. A tracking number listed twice for one order is one
    /// package (ShipStation repeats a shipment on one row per item).
    public func match(_ loaded: LoadedInputs) -> MatchedInputs {
        var packagesByOrder: [String: [Shipment]] = [:]
        var seenTracking: [String: Set<String>] = [:]
        var unmatched: [Shipment] = []
        var unknown: [String: Int] = [:]
        for shipment in loaded.shipments {
            guard loaded.orders[shipment.orderId] != nil else {
                unmatched.append(shipment)
                continue
            }
            if !shipment.trackingNumber.isEmpty {
                guard seenTracking[shipment.orderId, default: []].insert(shipment.trackingNumber).inserted else { continue }
            }
            packagesByOrder[shipment.orderId, default: []].append(shipment)
        }
        var matched: [MatchedOrder] = []
        matched.reserveCapacity(loaded.orders.count)
        // Sorting the keys, not the built values, keeps large structs from being moved around.
        for id in loaded.orders.keys.sorted(by: OrderMatcher.orderKeyLess) {
            let order = loaded.orders[id]!
            let packages = packagesByOrder[id] ?? []
            // The order export's shipping method is what the customer chose; the shipment export's requested service
            // is the same choice as ShipStation received it, used when the order export has none or it is unmapped.
            let requested = packages.first { $0.serviceRequested != nil }
            var paidText = order.shippingMethod
            var paidSource: SourceLocation? = order.firstRow
            var paid = paidText.flatMap { services.resolve($0) }
            if paid == nil, let requested, let resolved = services.resolve(requested.serviceRequested!) {
                (paidText, paidSource, paid) = (requested.serviceRequested, requested.source, resolved)
            } else if paidText == nil, let requested {
                (paidText, paidSource) = (requested.serviceRequested, requested.source)
            }
            if let paidText, paid == nil, !order.isCancelled { unknown[paidText, default: 0] += 1 }
            let shipped = packages.map { package -> ResolvedService? in
                let resolved = services.resolve(package.service, carrier: package.carrier)
                if resolved == nil, !package.service.isEmpty { unknown[package.service, default: 0] += 1 }
                return resolved
            }
            let currency = order.currency ?? defaultCurrency
            let paidAmount = order.shippingPaid ?? packages.lazy.compactMap(\.shippingPaid).first
            matched.append(MatchedOrder(
                order: order, packages: packages, paidServiceText: paidText, paidService: paid, paidServiceSource: paidSource,
                packageServices: shipped, shippingPaid: paidAmount.map { Money($0, currency) }, currency: currency))
        }
        return MatchedInputs(orders: matched, catalog: loaded.catalog, catalogSkusWithoutWeight: loaded.catalogSkusWithoutWeight,
                             unmatchedShipments: unmatched, unknownServices: unknown, loaded: loaded)
    }

    /// Numeric order numbers sort as numbers (`998` before `1041`), others after them as text.
    public static func orderKeyLess(_ a: String, _ b: String) -> Bool {
        switch (Int(a), Int(b)) {
        case let (x?, y?): x < y
        case (.some, nil): true
        case (nil, .some): false
        default: a < b
        }
    }
}
