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
        // Packages are chained per order (first and next indexes) rather than copied into an array per order.
        var firstPackage = [Int32](repeating: -1, count: loaded.orders.slotCount)
        var lastPackage = firstPackage
        var nextPackage = [Int32](repeating: -1, count: loaded.shipments.count)
        var unmatched: [Shipment] = []
        for index in loaded.shipments.indices {
            guard let slot = loaded.orders.slot(of: loaded.shipments.orderId(at: index)) else {
                unmatched.append(loaded.shipments[index])
                continue
            }
            var known = firstPackage[slot], duplicate = false
            while known >= 0 && !duplicate {
                duplicate = loaded.shipments.sameTracking(Int(known), index)
                known = nextPackage[Int(known)]
            }
            if duplicate { continue }
            if lastPackage[slot] >= 0 { nextPackage[Int(lastPackage[slot])] = Int32(index) } else { firstPackage[slot] = Int32(index) }
            lastPackage[slot] = Int32(index)
        }
        let ids = loaded.orders.ids.sorted(by: OrderMatcher.orderKeyLess).map { ($0, Int32(loaded.orders.slot(of: $0)!)) }
        return MatchedInputs(orders: MatchedOrders(ids: ids, firstPackage: firstPackage, nextPackage: nextPackage, loaded: loaded, matcher: self),
                             catalog: loaded.catalog, catalogSkusWithoutWeight: loaded.catalogSkusWithoutWeight,
                             unmatchedShipments: unmatched, loaded: loaded)
    }

    /// One order with its packages, services resolved.
    func matchedOrder(_ order: Order, packages: [Shipment]) -> MatchedOrder {
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
        let shipped = packages.map { services.resolve($0.service, carrier: $0.carrier) }
        let currency = order.currency ?? defaultCurrency
        let paidAmount = order.shippingPaid ?? packages.lazy.compactMap(\.shippingPaid).first
        return MatchedOrder(order: order, packages: packages, paidServiceText: paidText, paidService: paid,
                            paidServiceSource: paidSource, packageServices: shipped,
                            shippingPaid: paidAmount.map { Money($0, currency) }, currency: currency)
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
