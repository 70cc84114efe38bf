import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// An order with the packages that ship it and the services resolved to tiers: the match stage's output per order.
public struct MatchedOrder: Sendable {
    /// The order as read.
    public let order: Order
    /// Its packages (one per tracking number), in file order.
    public let packages: [Shipment]
    /// The paid service as written (rate title, or the shipment export's requested service).
    public let paidServiceText: String?
    /// The paid service resolved to a tier; nil when unknown or missing.
    public let paidService: ResolvedService?
    /// Where the paid service came from.
    public let paidServiceSource: SourceLocation?
    /// The tier each package shipped in, aligned with `packages`; nil when the name is unknown.
    public let packageServices: [ResolvedService?]
    /// Shipping the customer paid (order export first, shipment export second), in the order's currency.
    public let shippingPaid: Money?
    /// The order's currency (export's, or the configured default).
    public let currency: String
    /// Tracking per package, aligned with `packages`; nil when the tracking data has no row for it.
    public let tracking: [ParcelTracking?]
    /// The delivery promise; nil when there is no promise in the export and no order time or paid tier to compute one.
    public let promise: DeliveryPromise?
    /// The weight comparison, worked out once by the check stage for the two weight rules; nil: not yet.
    var weighed: Result<WeightComparison, SkipReason>?
    /// The invoice rows whose carrier scale weight is a package's measured weight (the shipments export and the
    /// tracking data have none for it): the weight checks cite them.
    public var weightSources: [SourceLocation] = []
    /// The order's shipping P&L from the carriers' invoices, when they bill its packages in its currency.
    public var shippingLedger: ShippingLedger?
    /// The invoices' charge lines for its packages (as `shippingLedger` counts them), package by package.
    public var invoiceLines: [InvoiceLine] = []

    /// When package `index` was delivered: the tracking data's delivery, else the shipment export's.
    public func deliveredAt(_ index: Int) -> Date? {
        tracking[index]?.delivered?.time ?? packages[index].deliveredAt
    }

    /// The row that says package `index` was delivered.
    public func deliverySource(_ index: Int) -> SourceLocation {
        tracking[index]?.delivered?.source ?? packages[index].source
    }
}

/// What the match stage hands to the checks.
public struct MatchedInputs: Sendable {
    /// Orders with their packages, sorted by order number; each is built when it is read, so the whole set is never
    /// held twice in memory.
    public let orders: MatchedOrders
    /// The catalog by SKU.
    public let catalog: [String: CatalogItem]
    /// SKUs listed in the catalog without a usable weight.
    public let catalogSkusWithoutWeight: Set<String>
    /// Positions (in `loaded.shipments`) of the packages whose order is not in the orders export, in file order: a
    /// shipments export for another store's orders makes this every package, so they are made into values only
    /// when asked (`unmatchedShipments(orderId:)`, `packagesWithoutOrder`).
    let unmatchedPackages: [Int32]
    /// Tracking numbers that appear on packages of more than one order, with those packages.
    public let duplicateTracking: [(trackingNumber: String, packages: [Shipment])]
    /// Tracking numbers used by packages shipped more than `OrderMatcher.reuseDays` apart: reused by the carrier, not
    /// flagged.
    public let recycledTracking: Int
    /// Tracking numbers in the tracking data that belong to no package.
    public let trackingWithoutPackage: Int
    /// Where the shipment export's period begins (its earliest label): an older order without a package may have
    /// shipped before it.
    public let shipmentsBegin: Date?
    /// Where the tracking data's period begins (its earliest row with a time).
    public let trackingBegins: Date?
    /// The carriers (as the shipments export names them) of the packages the tracking data has rows for: a package
    /// of another carrier cannot be found in it, so its missing scans say nothing.
    public var carriersWithTracking: Set<String> = []
    /// The read stage's accounting, passed through for the report.
    public let loaded: LoadedInputs
    /// The configuration the inputs were matched and are checked with: the run's, with the store's clock (zone and
    /// holidays) decided once the orders were read.
    public var configuration = Configuration()
    /// The store's clock and why (`StoreClock`).
    public var clock = StoreClock.assumedDefault
    /// The packages the carriers' invoices bill, with their lines and labels, for every invoice check (the matched
    /// orders hold them: an order's shipping P&L reads them).
    var invoicePackages: InvoicePackages { orders.invoicePackages }
    /// The shipping P&L of every order the invoices bill, worked out once by the match for `shipping_loss` and the
    /// reports.
    public var shippingLedger: [ShippingLedger] { orders.ledgers }

    /// The packages for order `id` that is in no orders export, in file order.
    public func unmatchedShipments(orderId id: String) -> [Shipment] {
        unmatchedPackages.lazy.map(Int.init).filter { loaded.shipments.orderId(at: $0) == id }.map {
            loaded.shipments[$0]
        }
    }

    /// The packages whose order is in no orders export, as the coverage lists them.
    var packagesWithoutOrder: [PackageWithoutOrder] {
        unmatchedPackages.map { position in
            let position = Int(position), shipments = loaded.shipments
            return PackageWithoutOrder(
                orderId: shipments.orderId(at: position), trackingNumber: shipments.trackingNumber(at: position),
                source: shipments.source(at: position))
        }
    }
}

/// The matched orders as a collection whose elements are made on access.
public struct MatchedOrders: RandomAccessCollection, Sendable {
    /// Positions of the orders in the store's index, in report order.
    let positions: [Int32]
    /// Per slot, its first package (-1: none); per package, the order's next package.
    let firstPackage: [Int32]
    let nextPackage: [Int32]
    /// Per package, its parcel's position in the tracking store (-1: none); empty without tracking data.
    let parcelOf: [Int32]
    let loaded: LoadedInputs
    /// Puts each order's values together (the match's rules for paid service, currency and promise).
    let assembly: OrderAssembly
    /// The inputs' service names, resolved.
    let services: ServiceMemo
    /// By package position: the carrier's scale weight an invoice gives a package that has no weight of its own, and
    /// the invoice row saying so (`MatchedOrders.carrierScales`).
    var carrierScale: [Int32: (grams: Double, source: SourceLocation)] = [:]
    /// The invoices' packages, and by order slot the position of the order's shipping P&L in `ledgers` (-1: none).
    var invoicePackages = InvoicePackages()
    var ledgers: [ShippingLedger] = []
    var ledgerOf: [Int32] = []

    /// The shipping P&L of the order in `slot`, nil when the invoices do not bill it.
    func ledger(slot: Int) -> ShippingLedger? {
        slot < ledgerOf.count && ledgerOf[slot] >= 0 ? ledgers[Int(ledgerOf[slot])] : nil
    }

    /// The same orders, made from stores whose text strings are this copy's own: each core of the check stage uses
    /// one, so that the strings every order shares (service names, SKUs, statuses) are not retained and released by
    /// both cores at once, which made their reference counts bounce between the cores' caches.
    func withOwnStrings() -> MatchedOrders {
        var loaded = loaded
        loaded.orders = loaded.orders.withOwnStrings()
        loaded.shipments = loaded.shipments.withOwnStrings()
        loaded.tracking = loaded.tracking.withOwnStrings()
        var copy = MatchedOrders(
            positions: positions, firstPackage: firstPackage, nextPackage: nextPackage, parcelOf: parcelOf,
            loaded: loaded, assembly: assembly, services: services.withOwnStrings())
        copy.carrierScale = carrierScale
        (copy.invoicePackages, copy.ledgers, copy.ledgerOf) = (invoicePackages, ledgers, ledgerOf)
        return copy
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { positions.count }

    /// The normalized order number of the order at `position`.
    func id(at position: Int) -> String { loaded.orders.id(at: Int(positions[position])) }

    public subscript(position: Int) -> MatchedOrder {
        let stored = Int(positions[position])
        let id = loaded.orders.id(at: stored), slot = loaded.orders.slot(at: stored)
        var packages: [Shipment] = [], tracking: [ParcelTracking?] = [], services: [ResolvedService?] = []
        var requested: ResolvedService?, requestSeen = false
        var scaleSources: [SourceLocation] = []
        var index = firstPackage[Int(slot)]
        while index >= 0 {
            var package = loaded.shipments[Int(index)]
            let numbers = loaded.shipments.serviceNumbers(at: Int(index))
            services.append(self.services.package(service: numbers.service, carrier: numbers.carrier))
            if !requestSeen, numbers.requested != 0 {
                (requested, requestSeen) = (self.services.requested(numbers.requested), true)
            }
            let position = parcelOf.isEmpty ? -1 : Int(parcelOf[Int(index)])
            let parcel =
                position < 0 ? nil : loaded.tracking.parcel(at: position, trackingNumber: package.trackingNumber)
            // The carrier's weight in the tracking data, where there is one, is the measured weight.
            if let weight = parcel?.weight { package.weight = weight }
            // Else the carrier's scale on an invoice, where the shipments export has no weight.
            if package.weight == nil, let scale = carrierScale[index] {
                package.weight = Weight(grams: scale.grams)
                scaleSources.append(scale.source)
            }
            tracking.append(parcel)
            packages.append(package)
            index = nextPackage[Int(index)]
        }
        var matched = assembly.matchedOrder(
            loaded.orders.order(slot: Int(slot), id: id), packages: packages, tracking: tracking,
            method: self.services.method(loaded.orders.methodNumber(slot: Int(slot))), requested: requested,
            services: services)
        matched.weightSources = scaleSources
        if let ledger = ledger(slot: Int(slot)) {
            matched.shippingLedger = ledger
            matched.invoiceLines = invoicePackages.lines(ofSlot: Int(slot), id: id, self)
        }
        return matched
    }
}

extension MatchedOrders {
    /// The facts the rules' quick test reads (`OrderFacts`) of the order at `position`, straight from the stores: the
    /// same services, deliveries, promise and weights as `self[position]` gives, without its strings and arrays.
    /// `unitGrams` holds the catalog's unit weight by the orders' text number of a SKU (NaN: not in the catalog).
    func facts(
        at position: Int, unitGrams: [Double], weight settings: WeightSettings, hasCatalog: Bool,
        deadlines: inout DeadlineMemo
    ) -> OrderFacts {
        let slot = loaded.orders.slot(at: Int(positions[position]))
        let stored = loaded.orders.stored(slot: slot)
        var facts = OrderFacts()
        facts.isCancelled = stored.cancelled
        facts.isPaymentStatusUnknown = stored.paymentUnknown
        facts.methodNumber = stored.method
        // Lines: shippable ones, fulfilment, and the expected weight of their contents (`WeightComparison.make`).
        var fulfilled = false, open = false, partial = false, weighable = true
        var goods = Weight(grams: 0)
        loaded.orders.forEachLine(slot: slot) { line in
            guard line.requiresShipping, line.quantity > 0 else { return }
            facts.hasShippableLine = true
            if let isFulfilled = line.isFulfilled { if isFulfilled { fulfilled = true } else { open = true } }
            if line.isPartiallyFulfilled { partial = true }
            let grams = Int(line.sku) < unitGrams.count ? unitGrams[Int(line.sku)] : .nan
            if line.sku == 0 || grams.isNaN {
                weighable = false
            } else {
                goods = goods + Weight(grams: grams * Double(line.quantity))
            }
        }
        // Some shippable lines marked fulfilled and others not (`Order.isPartiallyFulfilled`): weights are not compared.
        let partiallyFulfilled = fulfilled && open || partial
        facts.hasFulfilledLine = fulfilled
        // Packages: services, deliveries, scans and measured weight, as the matched order has them.
        var requested: ServiceTier?, requestSeen = false
        var measured = Weight(grams: 0)
        var index = firstPackage[slot]
        while index >= 0 {
            let package = loaded.shipments.stored(at: Int(index))
            facts.packages += 1
            let shipped = loaded.shipments.shippedSeconds(at: Int(index))
            if !shipped.isNaN, facts.shippedSeconds.isNaN || shipped < facts.shippedSeconds {
                facts.shippedSeconds = shipped
            }
            if let tier = services.packageTier(service: package.service, carrier: package.carrier) {
                facts.slowestTier = Swift.max(facts.slowestTier ?? tier, tier)
                facts.fastestTier = Swift.min(facts.fastestTier ?? tier, tier)
            } else {
                facts.allServicesKnown = false
                if package.service != 0 { facts.hasUnknownService = true }
            }
            if !requestSeen, package.requested != 0 {
                (requested, requestSeen) = (services.requestedTier(package.requested), true)
            }
            let parcelPosition = parcelOf.isEmpty ? -1 : Int(parcelOf[Int(index)])
            let parcel = parcelPosition < 0 ? nil : loaded.tracking.packed(at: parcelPosition)
            if parcel != nil { facts.trackedPackages += 1 }
            var delivered: Date?
            if let mark = parcel?.delivered, mark.row > 0, !mark.time.isNaN {
                delivered = Date(timeIntervalSince1970: mark.time)
            } else if case let seconds = loaded.shipments.deliveredSeconds(at: Int(index)), !seconds.isNaN {
                delivered = Date(timeIntervalSince1970: seconds)
            }
            if let delivered {
                facts.deliveredPackages += 1
                facts.latestDelivery = Swift.max(facts.latestDelivery ?? delivered, delivered)
            } else if (parcel?.firstScan.row ?? 0) == 0 {
                facts.unscannedOpenPackages += 1
            }
            var grams = parcel.map { $0.grams.isNaN ? package.grams : $0.grams } ?? package.grams
            if grams.isNaN, let scale = carrierScale[index] { grams = scale.grams }
            if grams.isNaN { weighable = false } else { measured = measured + Weight(grams: grams) }
            index = nextPackage[Int(index)]
        }
        let paid = services.methodTier(stored.method) ?? requested
        facts.paidTier = paid
        // A paid service written but not resolved is counted as unknown (`Checker`), as is a package's.
        if paid == nil && (stored.method != 0 || requestSeen) { facts.hasUnknownService = true }
        let (placed, promised) = (loaded.orders.createdSeconds(slot: slot), loaded.orders.promisedSeconds(slot: slot))
        facts.placedSeconds = placed
        let clockStart = loaded.orders.paidLaterSeconds(slot: slot) ?? placed
        facts.clockStartSeconds = clockStart
        if facts.shippedSeconds.isNaN, let shipped = loaded.orders.fulfilledSeconds(slot: slot) {
            facts.shippedSeconds = shipped
        }
        if !facts.shippedSeconds.isNaN, !clockStart.isNaN {
            facts.shipByEndSeconds =
                assembly.shipByEnd(placed: Date(timeIntervalSince1970: clockStart), memo: &deadlines)
                .timeIntervalSince1970
        }
        facts.promiseDeadline = assembly.deadline(
            placed: clockStart.isNaN ? nil : Date(timeIntervalSince1970: clockStart),
            promised: promised.isNaN ? nil : Date(timeIntervalSince1970: promised),
            paidTier: paid, memo: &deadlines)
        if facts.packages > 0, hasCatalog, !partiallyFulfilled, weighable, facts.hasShippableLine {
            let packaging = Weight(grams: settings.packagingPerPackage.grams * Double(facts.packages))
            let expected = goods + packaging
            facts.weights = (expected, measured, settings.tolerance(for: expected))
        }
        let ledger = ledger(slot: slot)
        facts.shippingNet = ledger.map { $0.storedNet ?? StoredMoney.none }
        facts.freeShipping = ledger?.paidNothing ?? false
        return facts
    }
}

extension MatchedOrders {
    /// The carrier's scale weight of each package without a weight of its own (none in the shipments export), from
    /// the first invoice line that gives one for its tracking number, by package position.
    static func carrierScales(_ loaded: LoadedInputs, _ packages: InvoicePackages) -> [Int32: (
        grams: Double, source: SourceLocation
    )] {
        var scales: [Int32: (grams: Double, source: SourceLocation)] = [:]
        let store = packages.store
        for package in 0..<packages.count {
            let label = packages.labelOf[package]
            guard label >= 0, loaded.shipments.stored(at: Int(label)).grams.isNaN else { continue }
            store.releaseResident(after: package)
            for position in packages.linePositions(package) {
                if let grams = store.scaleGrams(at: Int(position)), grams > 0 {
                    scales[label] = (grams, store.source(at: Int(position)))
                    break
                }
            }
        }
        return scales
    }
}
