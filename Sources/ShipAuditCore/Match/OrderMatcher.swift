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
        var packages: [String: [Int]] = [:]
        var unmatched: [Shipment] = []
        for (index, shipment) in loaded.shipments.enumerated() {
            guard loaded.orders[shipment.orderId] != nil else {
                unmatched.append(shipment)
                continue
            }
            let known = packages[shipment.orderId, default: []]
            if !shipment.trackingNumber.isEmpty,
               known.contains(where: { loaded.shipments[$0].trackingNumber == shipment.trackingNumber }) { continue }
            packages[shipment.orderId, default: []].append(index)
        }
        let ids = loaded.orders.keys.sorted(by: OrderMatcher.orderKeyLess)
        return MatchedInputs(orders: MatchedOrders(ids: ids, packages: packages, loaded: loaded, matcher: self),
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
