import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// The packages the carriers' invoices bill, each with its charge lines and the label that shipped it, worked out once
/// by the match (`MatchedInputs.invoicePackages`) for every invoice check: lines grouped by tracking number, labels
/// found by the tracking numbers' bytes.
struct InvoicePackages: Sendable {
    /// A package an invoice names: its order, row, carrier and service on the label.
    struct Package {
        let id: String, name: String, source: SourceLocation, carrier: String, service: String
        /// When the shipments export says it shipped; when it was delivered, as the tracking data says (else the
        /// shipments export), and the row saying so.
        var shippedAt: Date? = nil, deliveredAt: Date? = nil, deliverySource: SourceLocation? = nil
    }

    /// The invoices' lines, in file order (`InvoiceStore`).
    private(set) var store = InvoiceStore()
    /// The lines' positions grouped by package: package `p`'s are `lineOrder[lineStarts[p]..<lineStarts[p + 1]]`, in
    /// file order.
    private var lineOrder: [UInt32] = []
    private var lineStarts: [UInt32] = [0]
    /// Per package, the position in the shipments export of the first package with its tracking number (-1: none).
    private(set) var labelOf: [Int32] = []
    /// Per package of the shipments export, its parcel's position in the tracking data (-1: none; empty without).
    private var parcelOf: [Int32] = []
    /// The voided labels the invoices charge, by package.
    private var voided: [Int32: VoidedLabel] = [:]

    /// No invoices.
    init() {}

    /// The packages of the invoices, their lines grouped and their labels found.
    init(_ loaded: LoadedInputs, parcelOf: [Int32] = []) {
        (store, self.parcelOf) = (loaded.invoices, parcelOf)
        guard !store.isEmpty else { return }
        let packages = store.packageCount
        // A counting sort: the lines per package, then each line in its package's place, in file order.
        var starts = [UInt32](repeating: 0, count: packages + 1)
        for position in 0..<store.count {
            starts[store.package(at: position) + 1] += 1
            store.releaseResident(after: position)
        }
        for package in 0..<packages { starts[package + 1] += starts[package] }
        var next = starts
        var order = [UInt32](repeating: 0, count: store.count)
        for position in 0..<store.count {
            let package = store.package(at: position)
            order[Int(next[package])] = UInt32(position)
            next[package] += 1
            store.releaseResident(after: position)
        }
        (lineOrder, lineStarts) = (order, starts)
        labelOf = [Int32](repeating: -1, count: packages)
        let shipments = loaded.shipments
        for index in shipments.indices where shipments.hasTracking(index) {
            guard let package = package(ofShipment: index, shipments) else { continue }
            if labelOf[package] < 0 || isNearer(index, than: Int(labelOf[package]), package, shipments) {
                labelOf[package] = Int32(index)
            }
        }
        for (tracking, label) in loaded.voidedTracking {
            if let package = tracking.withByteView({ store.package(tracking: $0) }) { voided[Int32(package)] = label }
        }
    }

    /// True when label `index` shipped nearer the day the invoices say package `package` shipped than label `other`:
    /// a tracking number the carrier reused is on labels months apart (`OrderMatcher.reuseDays`), and the invoice
    /// bills the one it shipped with. Labels of one parcel (a shipment on one row per item) ship the same day: the
    /// first stays.
    private func isNearer(_ index: Int, than other: Int, _ package: Int, _ shipments: ShipmentStore) -> Bool {
        let billed = linePositions(package).lazy.map { store.shipped(at: Int($0)) }.first { !$0.isNaN } ?? .nan
        let (new, old) = (shipments.shippedSeconds(at: index), shipments.shippedSeconds(at: other))
        guard !billed.isNaN, !new.isNaN else { return false }
        return old.isNaN || abs(new - billed) < abs(old - billed)
    }

    /// The package a label of the shipments export is (at `index`), nil when no invoice bills its tracking number.
    private func package(ofShipment index: Int, _ shipments: ShipmentStore) -> Int? {
        shipments.withTrackingNumber(at: index) { bytes in
            ValueParsers.isCleanTrackingNumber(bytes)
                ? store.package(tracking: bytes)
                : ValueParsers.trackingKey(String(decoding: bytes, as: UTF8.self)).withByteView {
                    store.package(tracking: $0)
                }
        }
    }

    /// The order of the voided label with package `package`'s tracking number, when no label of the shipments export
    /// has it.
    func voidedOrder(of package: Int) -> String? {
        guard labelOf[package] < 0, let label = voided[Int32(package)], !label.orderId.isEmpty else { return nil }
        return label.orderId
    }

    /// The charge lines billed for the packages of order `id` in `slot` (as `ShippingLedger` counts them: each
    /// package on the order of its first label), package by package.
    func lines(ofSlot slot: Int, id: String, _ orders: MatchedOrders) -> [InvoiceLine] {
        guard !labelOf.isEmpty else { return [] }
        let shipments = orders.loaded.shipments
        var packages: [Int] = []
        var index = orders.firstPackage[slot]
        while index >= 0 {
            if let package = package(ofShipment: Int(index), shipments), labelOf[package] == index {
                packages.append(package)
            }
            index = orders.nextPackage[Int(index)]
        }
        if !voided.isEmpty {
            packages += voided.keys.map(Int.init).filter { voidedOrder(of: $0) == id }.sorted()
        }
        return packages.flatMap { package in
            let tracking = store.trackingNumber(ofPackage: package)
            return linePositions(package).map { store.line(at: Int($0), tracking: tracking) }
        }
    }

    /// The number of packages.
    var count: Int { labelOf.count }

    /// The positions of package `package`'s lines in the store, in file order.
    func linePositions(_ package: Int) -> ArraySlice<UInt32> {
        lineOrder[Int(lineStarts[package])..<Int(lineStarts[package + 1])]
    }

    /// Package `package` with its lines and label, as the invoice checks read it.
    func package(_ package: Int, _ loaded: LoadedInputs) -> InvoicedPackage {
        let tracking = store.trackingNumber(ofPackage: package)
        let lines = linePositions(package).map { store.line(at: Int($0), tracking: tracking) }
        let label = self.label(of: package, loaded)
        let voided = self.voided[Int32(package)]
        return InvoicedPackage(
            tracking: tracking, lines: lines, order: label, voided: voided,
            voidedOrderName: voided.flatMap { loaded.orders.displayName(of: $0.orderId) },
            shippingCompany: label.flatMap { loaded.shippingCompanies.isEmpty ? nil : loaded.shippingCompanies[$0.id] })
    }

    /// The order that shipped package `package` (the first package of the shipments export with its tracking number,
    /// else a voided label's order); nil when none did.
    func label(of package: Int, _ loaded: LoadedInputs) -> Package? {
        let index = Int(labelOf[package])
        guard index >= 0 else {
            guard let label = voided[Int32(package)], !label.orderId.isEmpty else { return nil }
            let name = loaded.orders.displayName(of: label.orderId) ?? label.orderId
            return Package(id: label.orderId, name: name, source: label.source, carrier: "", service: "")
        }
        let shipments = loaded.shipments
        let id = shipments.orderId(at: index)
        let (shipped, delivered) = (shipments.shippedSeconds(at: index), shipments.deliveredSeconds(at: index))
        let numbers = shipments.serviceNumbers(at: index)
        let parcel = index < parcelOf.count ? Int(parcelOf[index]) : -1
        let scanned = parcel >= 0 ? loaded.tracking.delivery(at: parcel) : nil
        return Package(
            id: id, name: loaded.orders.displayName(of: id) ?? id, source: shipments.source(at: index),
            carrier: shipments.text(number: numbers.carrier), service: shipments.text(number: numbers.service),
            shippedAt: shipped.isNaN ? nil : Date(timeIntervalSince1970: shipped),
            deliveredAt: scanned?.time ?? (delivered.isNaN ? nil : Date(timeIntervalSince1970: delivered)),
            deliverySource: scanned?.source ?? (delivered.isNaN ? nil : shipments.source(at: index)))
    }

    /// The packages shipped for order `id` (by their first label, else a voided label), made on access.
    func packages(ofOrder id: String, _ loaded: LoadedInputs) -> [InvoicedPackage] {
        (0..<count).filter { package in
            let label = Int(labelOf[package])
            return label >= 0 ? loaded.shipments.orderId(at: label) == id : voidedOrder(of: package) == id
        }.map { self.package($0, loaded) }
    }

    /// Every package, in the order first billed, made on access.
    func forEach(_ loaded: LoadedInputs, _ body: (InvoicedPackage) -> Void) {
        for package in 0..<count { body(self.package(package, loaded)) }
    }

    /// The dispute window as `shipaudit rules` shows it.
    static func disputeWindow(_ configuration: Configuration) -> String {
        "dispute window: \(configuration.invoices.disputeDays) days after the invoice's date ([invoices] dispute_days)"
            + configuration.invoices.carrierDisputeDays.sorted { $0.key < $1.key }.map { ", \($0.key) \($0.value)" }
            .joined() + (configuration.invoices.carrierDisputeDays.isEmpty ? "" : " ([invoices.carrier_dispute_days])")
    }

    /// The last day to dispute a charge: the invoice's date plus the dispute window, nil without a date.
    static func disputeDeadline(_ line: InvoiceLine, _ context: RuleContext) -> Date? {
        line.invoiceDate.map {
            LocalDay($0, in: context.configuration.timeZone).adding(
                context.configuration.invoices.disputeDays(for: line.carrier)
            )
            .end(in: context.configuration.timeZone)
        }
    }
}

/// One package as the carriers' invoices bill it: its tracking number, every charge line for it on any invoice (in
/// file order), and the label that shipped it. A class: the check stage hands one package to every invoice rule, and
/// a reference is passed where a value's strings and arrays were retained for each.
public final class InvoicedPackage {
    /// The tracking number, normalized.
    public let tracking: String
    /// Its charge lines on every invoice, in file order.
    public let lines: [InvoiceLine]
    /// The order that shipped it, with the label's row, carrier and service; nil when the shipments export has no
    /// package with this tracking number.
    let order: InvoicePackages.Package?
    /// The label voided in the shipments export with this tracking number, if one was.
    let voided: VoidedLabel?
    /// The display name of the voided label's order, when the orders export has it.
    let voidedOrderName: String?
    /// The company of the order's shipping address in the orders export, when it names one.
    let shippingCompany: String?
    /// The package as its invoices bill its weight, worked out once for the rules that read it
    /// (`BilledWeights.package`). A package is checked on one thread.
    var billedWeights: BilledWeights.Package??

    init(
        tracking: String, lines: [InvoiceLine], order: InvoicePackages.Package?, voided: VoidedLabel?,
        voidedOrderName: String?, shippingCompany: String?
    ) {
        (self.tracking, self.lines, self.order, self.voided) = (tracking, lines, order, voided)
        (self.voidedOrderName, self.shippingCompany) = (voidedOrderName, shippingCompany)
    }
}

extension PackedObject {
    /// This evidence with the invoice a dispute is made on, as `claims.csv` reads it: `carrier`, `invoice_number`,
    /// `invoice_date`.
    func disputing(_ line: InvoiceLine) -> Self {
        var evidence = self
        evidence.pair("carrier", .string(line.carrier))
        evidence.pair("invoice_number", .string(line.invoiceNumber))
        evidence.pair(
            "invoice_date",
            line.invoiceDate.map { .string(InvoiceLine.day($0).description) } ?? .null)
        return evidence
    }
}
