import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// The match stage: puts each order with its packages and resolves paid and shipped services to tiers.
public struct OrderMatcher: Sendable {
    private let services: ServiceDirectory
    private let assembly: OrderAssembly

    /// Creates a matcher with the config's rate titles and extra services.
    public init(configuration: Configuration) {
        var extra = configuration.services
        extra.merge(configuration.rateTitles) { _, title in title }
        services = ServiceDirectory(extra: extra)
        assembly = OrderAssembly(defaultCurrency: configuration.defaultCurrency, promises: configuration.promise)
    }

    /// Matches packages to orders by normalized order number. A tracking number listed twice for one order is one
    /// package (ShipStation repeats a shipment on one row per item).
    ///
    /// The parts are independent reads of the inputs, worked out at once on the machine's cores: each package's parcel,
    /// the service names resolved and where the shipment and tracking exports begin; then the packages chained per
    /// order, the orders in report order and the tracking numbers shared by orders.
    public func match(_ loaded: consuming LoadedInputs) -> MatchedInputs {
        let directory = services
        // First each package's parcel, found by its tracking number's bytes: the tracking numbers' index (a tenth of
        // a large run's memory) is then let go before the other parts make their tables. The matched orders resolve
        // each order's and package's service names: the distinct names are resolved here, once, and looked up by
        // their text numbers from then on.
        // Each group's copy of the inputs is the closure's argument, let go when it returns: the index is dropped in
        // place, where a copy still held would make the tracking store copy itself whole first.
        let (parcels, memo, begins) = { (inputs: LoadedInputs) in
            Parallel.all(
                { Self.parcels(inputs) },
                { ServiceMemo(orders: inputs.orders, shipments: inputs.shipments, directory: directory) },
                { (shipments: inputs.shipments.earliestLabel, tracking: inputs.tracking.earliest) })
        }(copy loaded)
        loaded.tracking.dropIndex()
        let (chains, positions, duplicates) = { (inputs: LoadedInputs) in
            Parallel.all(
                { Self.chains(inputs) },
                {
                    Self.orderKeyOrder(count: inputs.orders.count, number: inputs.orders.numericId(at:)) {
                        inputs.orders.id(at: $0)
                    }
                },
                { Self.duplicateTracking(inputs) })
        }(copy loaded)
        var orders = MatchedOrders(
            positions: positions, firstPackage: chains.first, nextPackage: chains.next, parcelOf: parcels.parcelOf,
            loaded: copy loaded, assembly: assembly, services: memo)
        let invoicePackages = InvoicePackages(copy loaded, parcelOf: parcels.parcelOf)
        orders.carrierScale = MatchedOrders.carrierScales(copy loaded, invoicePackages)
        let ledgers = ShippingLedger.entries(orders, invoicePackages)
        (orders.invoicePackages, orders.ledgers, orders.ledgerOf) = (invoicePackages, ledgers.ledgers, ledgers.ofSlot)
        var matched = MatchedInputs(
            orders: orders,
            catalog: loaded.catalog, catalogSkusWithoutWeight: loaded.catalogSkusWithoutWeight,
            unmatchedPackages: chains.unmatched, duplicateTracking: duplicates.shared,
            recycledTracking: duplicates.recycled,
            trackingWithoutPackage: parcels.withoutPackage, shipmentsBegin: begins.shipments,
            trackingBegins: begins.tracking, loaded: loaded)
        matched.carriersWithTracking = parcels.carriers
        return matched
    }

    /// Packages chained per order slot (first and next indexes, not an array per order); packages of no order.
    private static func chains(_ loaded: LoadedInputs) -> (first: [Int32], next: [Int32], unmatched: [Int32]) {
        var firstPackage = [Int32](repeating: -1, count: loaded.orders.slotCount)
        var lastPackage = firstPackage
        var nextPackage = [Int32](repeating: -1, count: loaded.shipments.count)
        var unmatched: [Int32] = []
        // Exports usually list packages in the orders' order: the last package's order and the next are tried first.
        var near = -1
        for index in loaded.shipments.indices {
            loaded.shipments.releaseResident(after: index)
            let found = loaded.shipments.withOrderId(at: index) { id in
                id.map { loaded.orders.position(bytes: $0, near: near) }
            }
            guard let position = found ?? loaded.orders.position(of: loaded.shipments.orderId(at: index)) else {
                unmatched.append(Int32(index))
                continue
            }
            near = position
            let slot = loaded.orders.slot(at: position)
            var known = firstPackage[slot], duplicate = false
            while known >= 0 && !duplicate {
                duplicate = loaded.shipments.sameTracking(Int(known), index)
                known = nextPackage[Int(known)]
            }
            if duplicate { continue }
            if lastPackage[slot] >= 0 {
                nextPackage[Int(lastPackage[slot])] = Int32(index)
            } else {
                firstPackage[slot] = Int32(index)
            }
            lastPackage[slot] = Int32(index)
        }
        return (firstPackage, nextPackage, unmatched)
    }

    /// One tracking number on packages of two orders: each package with a tracking number goes into an open-addressing
    /// table by a hash of the number (one pass, where sorting 1.1M hashes was a quarter of the match); a package whose
    /// number is already in the table joins that first package's group. As in `ByteKeyIndex`, an entry is the
    /// package's index + 1 with the hash's top bits above it, so that numbers are compared only when those agree, and
    /// the table is at most three quarters full.
    ///
    /// Carriers reuse tracking numbers once a number's parcel is long delivered (USPS after about 120 days): packages
    /// whose ship days are more than `reuseDays` apart are uses of the number by different parcels, not one parcel on
    /// two orders, and are counted (`recycled`), not flagged.
    private static func duplicateTracking(_ loaded: LoadedInputs) -> (
        shared: [(trackingNumber: String, packages: [Shipment])], recycled: Int
    ) {
        let shipments = loaded.shipments
        // First package → the later packages with its tracking number.
        let groups = KeyGroups.repeated(
            count: shipments.count, hasKey: shipments.hasTracking, hash: shipments.trackingHash,
            same: shipments.sameTracking, visited: shipments.releaseResident(after:))
        var duplicates: [(trackingNumber: String, packages: [Shipment])] = []
        var recycled = 0
        for (first, later) in groups {
            // One order's rows (a shipment repeated on one row per item) share nothing.
            let packages = ([Int(first)] + later).map { shipments[$0] }
            guard Set(packages.map(\.orderId)).count > 1 else { continue }
            let uses = Self.uses(packages)
            if uses.count > 1 { recycled += 1 }
            for packages in uses where Set(packages.map(\.orderId)).count > 1 {
                duplicates.append((packages[0].trackingNumber, packages.sorted { $0.source < $1.source }))
            }
        }
        return (duplicates.sorted { $0.trackingNumber < $1.trackingNumber }, recycled)
    }

    /// The days between two ship days of one tracking number past which they are two parcels (the carrier reused the
    /// number), not one.
    public static let reuseDays = 90

    /// The packages of one tracking number grouped into the parcels that used it: split where consecutive ship days
    /// are more than `reuseDays` apart. Packages without a ship day cannot be placed: the number is then one use.
    static func uses(_ packages: [Shipment]) -> [[Shipment]] {
        guard packages.allSatisfy({ $0.shippedAt != nil }) else { return [packages] }
        let byDay = packages.sorted { $0.shippedAt! < $1.shippedAt! }
        var uses: [[Shipment]] = [[byDay[0]]]
        for (previous, package) in zip(byDay, byDay.dropFirst()) {
            if package.shippedAt!.timeIntervalSince(previous.shippedAt!) > Double(reuseDays) * 86_400 {
                uses.append([package])
            } else {
                uses[uses.count - 1].append(package)
            }
        }
        return uses
    }

    /// Each package's parcel, found once by its tracking number's bytes (-1: none; empty without tracking data), and
    /// how many parcels no package points at.
    private static func parcels(_ loaded: LoadedInputs) -> (
        parcelOf: [Int32], withoutPackage: Int, carriers: Set<String>
    ) {
        guard !loaded.tracking.isEmpty else { return ([], 0, []) }
        var carrierNumbers = Set<UInt32>()
        var parcelOf = [Int32](repeating: -1, count: loaded.shipments.count)
        var hasPackage = [Bool](repeating: false, count: loaded.tracking.count)
        // Tracking exports usually list parcels in the packages' order: the last package's parcel and the next are
        // tried first.
        var near = -1
        for index in loaded.shipments.indices where loaded.shipments.hasTracking(index) {
            loaded.shipments.releaseResident(after: index)
            if let position = loaded.shipments.withTrackingNumber(
                at: index, { loaded.tracking.position(bytes: $0, near: near) })
            {
                near = position
                hasPackage[position] = true
                parcelOf[index] = Int32(position)
                carrierNumbers.insert(loaded.shipments.serviceNumbers(at: index).carrier)
            }
        }
        let carriers = Set(carrierNumbers.map { loaded.shipments.text(number: $0) })
        return (parcelOf, hasPackage.lazy.filter { !$0 }.count, carriers)
    }

    /// The positions `0..<count` in `orderKeyLess` order of `id(position)`: each number parsed once (not once per
    /// comparison), numbers sorted as 16-byte pairs without their strings, only other ids sorted as text.
    /// `number`, when given, is `Int(id(position))` worked out without the `String` (checking the usual order).
    static func orderKeyOrder(count: Int, number: ((Int) -> Int?)? = nil, id: (Int) -> String) -> [Int32] {
        // Exports usually list orders by number, oldest or newest first: then the order is the positions as they are
        // or reversed, found in one pass without the 16 bytes an order of the sort's table.
        let direction =
            if let number { monotonicDirection(count: count, number: number) } else {
                monotonicDirection(count: count) { Int(id($0)) }
            }
        if let direction {
            return direction > 0 ? Array(0..<Int32(count)) : Array((0..<Int32(count)).reversed())
        }
        var numeric: [(key: Int, position: Int32)] = [], other: [(id: String, position: Int32)] = []
        numeric.reserveCapacity(count)
        for position in 0..<count {
            let text = id(position)
            if let key = Int(text) {
                numeric.append((key, Int32(position)))
            } else {
                other.append((text, Int32(position)))
            }
        }
        // Equal numbers are different texts only through a sign (`+5`, `5`): told apart by their text.
        numeric.sort { $0.key != $1.key ? $0.key < $1.key : id(Int($0.position)) < id(Int($1.position)) }
        other.sort { $0.id < $1.id }
        var order = numeric.map(\.position)
        order.append(contentsOf: other.lazy.map(\.position))
        return order
    }

    /// 1 when every id is a number and each is greater than the one before, -1 when each is smaller, nil otherwise
    /// (equal numbers written differently, as `+5` and `5`, are left to the sort).
    private static func monotonicDirection(count: Int, number: (Int) -> Int?) -> Int? {
        guard count > 1, let first = number(0), let second = number(1), first != second else {
            return count <= 1 ? 1 : nil
        }
        let direction = second > first ? 1 : -1
        var previous = second
        for position in 2..<count {
            guard let key = number(position), direction > 0 ? key > previous : key < previous else { return nil }
            previous = key
        }
        return direction
    }

    /// Numeric order numbers sort as numbers (`998` before `1041`), others after them as text; equal numbers written
    /// differently (`+5`, `5`) by their text, so the order is total.
    public static func orderKeyLess(_ a: String, _ b: String) -> Bool {
        switch (Int(a), Int(b)) {
        case let (x?, y?): x != y ? x < y : a < b
        case (.some, nil): true
        case (nil, .some): false
        default: a < b
        }
    }
}
