/// The match stage: puts each order with its packages and resolves paid and shipped services to tiers.
public struct OrderMatcher: Sendable {
    private let services: ServiceDirectory
    private let defaultCurrency: String
    private let promises: PromiseSettings

    /// Creates a matcher with the config's rate titles and extra services.
    public init(configuration: Configuration) {
        var extra = configuration.services
        extra.merge(configuration.rateTitles) { _, title in title }
        services = ServiceDirectory(extra: extra)
        defaultCurrency = configuration.defaultCurrency
        promises = configuration.promise
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
        // One tracking number on packages of two orders: found by sorting package positions by tracking number.
        let byTracking = loaded.shipments.indices.filter(loaded.shipments.hasTracking).sorted(by: loaded.shipments.trackingLess)
        var duplicates: [(trackingNumber: String, packages: [Shipment])] = []
        var start = 0
        while start < byTracking.count {
            var end = start + 1
            while end < byTracking.count, loaded.shipments.sameTracking(byTracking[start], byTracking[end]) { end += 1 }
            let group = byTracking[start..<end].map { loaded.shipments[$0] }
            if Set(group.map(\.orderId)).count > 1 {
                duplicates.append((group[0].trackingNumber, group.sorted { $0.source < $1.source }))
            }
            start = end
        }
        var trackingWithoutPackage = 0
        if !loaded.tracking.isEmpty {
            // Looked up by binary search in the packages already sorted by tracking number, not in a set of copies.
            trackingWithoutPackage = loaded.tracking.keys.filter { key in
                let bytes = Array(key.utf8)
                var low = 0, high = byTracking.count
                while low < high {
                    let middle = (low + high) / 2
                    if loaded.shipments.trackingCompare(byTracking[middle], bytes) < 0 { low = middle + 1 } else { high = middle }
                }
                return low == byTracking.count || loaded.shipments.trackingCompare(byTracking[low], bytes) != 0
            }.count
        }
        return MatchedInputs(orders: MatchedOrders(ids: ids, firstPackage: firstPackage, nextPackage: nextPackage, loaded: loaded, matcher: self),
                             catalog: loaded.catalog, catalogSkusWithoutWeight: loaded.catalogSkusWithoutWeight,
                             unmatchedShipments: unmatched, duplicateTracking: duplicates,
                             trackingWithoutPackage: trackingWithoutPackage, shipmentsBegin: loaded.shipments.earliestLabel,
                             trackingBegins: loaded.tracking.values.compactMap { $0.earliest }.min(), loaded: loaded)
    }

    /// One order with its packages, services resolved.
    func matchedOrder(_ order: Order, packages shipped: [Shipment], tracking table: TrackingStore) -> MatchedOrder {
        // The carrier's weight in the tracking data, where there is one, is the measured weight.
        let tracking = shipped.map { $0.trackingNumber.isEmpty ? nil : table[$0.trackingNumber] }
        let packages = zip(shipped, tracking).map { package, parcel -> Shipment in
            guard let weight = parcel?.weight else { return package }
            var weighed = package
            weighed.weight = weight
            return weighed
        }
        // The order export's shipping method is what the customer chose; the shipment export's requested service
        // is the same choice as ShipStation received it, used when the order export has none or it is unmapped.
        let requested = packages.first { $0.serviceRequested != nil }
        var paidText = order.shippingMethod
        var paidSource: SourceLocation? = order.firstRow
        var paid = paidText.flatMap { self.services.resolve($0) }
        if paid == nil, let requested, let resolved = self.services.resolve(requested.serviceRequested!) {
            (paidText, paidSource, paid) = (requested.serviceRequested, requested.source, resolved)
        } else if paidText == nil, let requested {
            (paidText, paidSource) = (requested.serviceRequested, requested.source)
        }
        let services = packages.map { self.services.resolve($0.service, carrier: $0.carrier) }
        let currency = order.currency ?? defaultCurrency
        let paidAmount = order.shippingPaid ?? packages.lazy.compactMap(\.shippingPaid).first
        return MatchedOrder(order: order, packages: packages, paidServiceText: paidText, paidService: paid,
                            paidServiceSource: paidSource, packageServices: services,
                            shippingPaid: paidAmount.map { Money($0, currency) }, currency: currency, tracking: tracking,
                            promise: promises.promise(for: order, paidTier: paid?.tier))
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
