import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Every package read, in 56-byte records (order and tracking numbers in one byte buffer, repeated texts numbered,
/// times as `PackedTime`); `Shipment` values are made on access. Records and bytes are `PagedArray`s (in temporary
/// files with a `StoreBacking` of files).
public struct ShipmentStore: RandomAccessCollection, Sendable {
    struct StoredShipment {
        /// Where its order number begins in `bytes`, its tracking number right after it; the tracking number ends
        /// where the next package's order number begins.
        var start: UInt32
        var carrier: UInt32
        var service: UInt32
        var requested: UInt32
        var file: UInt32
        var line: UInt32
        var shipped: PackedTime // none: unknown; wide: in `wideTimes`
        var delivered: PackedTime // none: unknown; wide: in `wideTimes`
        var orderIdLength: UInt16 // UInt16.max: in `longOrderIds`
        var shippingPaid: PackedMoney // wide: in `wideAmounts`
        var labelCost: PackedMoney // wide: in `wideAmounts`
        var grams: Double // NaN: not weighed
    }

    private var rows: PagedArray<StoredShipment>
    private var bytes: PagedArray<UInt8>
    /// Shipping paid and label cost (StoredMoney) of packages with an amount that does not pack, by position.
    private var wideAmounts: [Int32: (paid: Int64, cost: Int64)] = [:]
    /// Order numbers of 65,535 bytes or more (not in `bytes`), by position.
    private var longOrderIds: [Int32: String] = [:]
    private var texts = TextTable()
    /// The least label time so far (seconds since 1970, NaN: none), and the distinct (service, carrier) pairs and
    /// requested services so far, kept as packages are added: the match reads them without a pass over the records.
    private var earliestShipped = Double.nan
    private var pairs = NumberSet<UInt64>(), requested = NumberSet<UInt32>()
    /// Label and delivery times, seconds since 1970, of packages with a time that does not pack, by position.
    private var wideTimes: [Int32: (shipped: Double, delivered: Double)] = [:]

    /// Creates an empty store, its records in memory or in files as `backing` says.
    public init(backing: StoreBacking = .memory) {
        rows = PagedArray(backing: backing)
        bytes = PagedArray(backing: backing)
    }

    /// Hands the records' pages back to the system (file-backed records only: see `StoreBacking`).
    func releaseResident() {
        rows.releaseResident()
        bytes.releaseResident()
    }

    /// `releaseResident` every 65,536 packages of a pass over them (called with each package's position): a pass
    /// reads the records faster than the trimmer's interval (`ResidentTrimmer`), so it hands them back as it goes.
    func releaseResident(after position: Int) {
        if position & 0xFFFF == 0xFFFF { releaseResident() }
    }

    /// True when the packages' records are in a file.
    var isFileBacked: Bool { rows.isFileBacked }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }

    /// The earliest label time of any package: where the shipment export's period begins.
    var earliestLabel: Date? { earliestShipped.isNaN ? nil : Date(timeIntervalSince1970: earliestShipped) }

    /// The label time of the package at `position`, seconds since 1970 (NaN: unknown).
    func shippedSeconds(at position: Int) -> Double {
        let time = rows[position].shipped
        return time == .wide ? wideTimes[Int32(position)]!.shipped : time.seconds
    }

    /// The delivery time in the shipment export of the package at `position`, seconds since 1970 (NaN: unknown).
    func deliveredSeconds(at position: Int) -> Double {
        let time = rows[position].delivered
        return time == .wide ? wideTimes[Int32(position)]!.delivered : time.seconds
    }

    /// The bounds of the tracking number of the package at `position` in `bytes`.
    private func trackingRange(_ position: Int) -> Range<Int> {
        let row = rows[position]
        let start = Int(row.start) + (row.orderIdLength == UInt16.max ? 0 : Int(row.orderIdLength))
        return start..<(position + 1 < rows.count ? Int(rows[position + 1].start) : bytes.count)
    }

    /// Makes room for this many more packages.
    mutating func reserve(_ count: Int) {
        rows.reserveCapacity(rows.count + count)
        bytes.reserveCapacity(bytes.count + count * 26)
    }

    /// The package at `position`.
    public subscript(position: Int) -> Shipment {
        let row = rows[position]
        let (shipped, delivered) = (shippedSeconds(at: position), deliveredSeconds(at: position))
        let amounts =
            row.shippingPaid == .wide
            ? wideAmounts[Int32(position)]! : (paid: row.shippingPaid.stored, cost: row.labelCost.stored)
        return Shipment(
            orderId: orderId(at: position), trackingNumber: trackingNumber(at: position), carrier: texts[row.carrier],
            service: texts[row.service], serviceRequested: texts.optional(row.requested),
            shippingPaid: StoredMoney.decode(amounts.paid), labelCost: StoredMoney.decode(amounts.cost),
            weight: row.grams.isNaN ? nil : Weight(grams: row.grams),
            shippedAt: shipped.isNaN ? nil : Date(timeIntervalSince1970: shipped),
            deliveredAt: delivered.isNaN ? nil : Date(timeIntervalSince1970: delivered),
            source: SourceLocation(fileNumber: row.file, line: Int(row.line)))
    }

    /// Runs `body` on the normalized order number's bytes of the package at `position` (nil: a number of 65,535
    /// bytes or more, kept as a `String`: `orderId(at:)`).
    func withOrderId<Result>(at position: Int, _ body: (ByteView?) -> Result) -> Result {
        let row = rows[position]
        if row.orderIdLength == UInt16.max { return body(nil) }
        return bytes.withBytes(in: Int(row.start)..<Int(row.start) + Int(row.orderIdLength)) { body($0) }
    }

    /// The normalized order number of the package at `position` (without making the whole `Shipment`).
    func orderId(at position: Int) -> String {
        withOrderId(at: position) { $0.map { String(decoding: $0, as: UTF8.self) } } ?? longOrderIds[Int32(position)]!
    }

    /// The row the package at `position` was read from.
    func source(at position: Int) -> SourceLocation {
        let row = rows[position]
        return SourceLocation(fileNumber: row.file, line: Int(row.line))
    }

    /// The tracking number of the package at `position`.
    func trackingNumber(at position: Int) -> String {
        bytes.withBytes(in: trackingRange(position)) { String(decoding: $0, as: UTF8.self) }
    }

    /// The text numbers of the packages' distinct (service, carrier) pairs (service in the high half) and requested
    /// services.
    var serviceNumbers: (pairs: Set<UInt64>, requested: Set<UInt32>) { (pairs.numbers, requested.numbers) }

    /// The text numbers of the service, carrier and requested service of the package at `position`.
    func serviceNumbers(at position: Int) -> (service: UInt32, carrier: UInt32, requested: UInt32) {
        let row = rows[position]
        return (row.service, row.carrier, row.requested)
    }

    /// The text of a number of the store's table.
    func text(number: UInt32) -> String { texts[number] }

    /// The stored package at `position` (for `OrderFacts`, without making a `Shipment`).
    func stored(at position: Int) -> StoredShipment { rows[position] }

    /// A hash of a package's tracking number bytes, mixed (`ByteKeyIndex.hash`): equal numbers hash equal.
    func trackingHash(_ position: Int) -> UInt64 {
        bytes.withBytes(in: trackingRange(position)) { ByteKeyIndex.hash($0) }
    }

    /// True when the package has a tracking number.
    /// Runs `body` on the tracking number's bytes of the package at `position`.
    func withTrackingNumber<Result>(at position: Int, _ body: (ByteView) -> Result) -> Result {
        let range = trackingRange(position)
        return bytes.withBytes(in: range, body)
    }

    func hasTracking(_ position: Int) -> Bool { !trackingRange(position).isEmpty }

    /// True when two packages have the same, non-empty tracking number.
    func sameTracking(_ a: Int, _ b: Int) -> Bool {
        let x = trackingRange(a), y = trackingRange(b)
        guard !x.isEmpty, x.count == y.count else { return false }
        return bytes.withBytes(in: x) { a in
            bytes.withBytes(in: y) { b in a == b }
        }
    }

    /// Adds a package. Amounts that do not fit the stored form (more than four decimals) are dropped to nil; the
    /// loader refuses such rows before they get here.
    public mutating func append(_ shipment: Shipment) {
        append(
            shipment, shippingPaid: StoredMoney.encode(shipment.shippingPaid) ?? StoredMoney.none,
            labelCost: StoredMoney.encode(shipment.labelCost) ?? StoredMoney.none)
    }

    /// Adds a package whose amounts are already in stored form (the read stage never makes a `Decimal` for them).
    mutating func append(_ shipment: Shipment, shippingPaid: Int64, labelCost: Int64) {
        let (carrier, service, requested) = (
            texts.number(shipment.carrier), texts.number(shipment.service),
            texts.number(shipment.serviceRequested ?? "")
        )
        shipment.trackingNumber.withByteView { tracking in
            append(
                orderId: shipment.orderId, trackingNumber: tracking, carrier: carrier, service: service,
                requested: requested,
                weight: shipment.weight, shippedAt: shipment.shippedAt, deliveredAt: shipment.deliveredAt,
                source: shipment.source,
                shippingPaid: shippingPaid, labelCost: labelCost)
        }
    }

    /// Adds a package whose texts are numbers of the store's table (`text(_:)`, `text(bytes:)`) and whose tracking
    /// number is its bytes: the read stage makes no `String` for them.
    mutating func append(
        orderId: String, trackingNumber: ByteView, carrier: UInt32, service: UInt32,
        requested: UInt32,
        weight: Weight?, shippedAt: Date?, deliveredAt: Date?, source: SourceLocation, shippingPaid: Int64,
        labelCost: Int64
    ) {
        orderId.withByteView { id in
            append(
                orderId: id, trackingNumber: trackingNumber, carrier: carrier, service: service, requested: requested,
                weight: weight,
                shippedAt: shippedAt, deliveredAt: deliveredAt, source: source, shippingPaid: shippingPaid,
                labelCost: labelCost)
        }
    }

    /// `append` with the normalized order number as its bytes (valid UTF-8): no `String` made for it.
    mutating func append(
        orderId id: ByteView, trackingNumber: ByteView, carrier: UInt32,
        service: UInt32,
        requested: UInt32, weight: Weight?, shippedAt: Date?, deliveredAt: Date?, source: SourceLocation,
        shippingPaid: Int64, labelCost: Int64
    ) {
        let (shipped, delivered) = (
            shippedAt?.timeIntervalSince1970 ?? .nan, deliveredAt?.timeIntervalSince1970 ?? .nan
        )
        var packed = (shipped: PackedTime.packing(shipped), delivered: PackedTime.packing(delivered))
        if packed.shipped == .wide || packed.delivered == .wide {
            wideTimes[Int32(rows.count)] = (shipped, delivered)
            packed = (.wide, .wide)
        }
        let idLength = id.count < Int(UInt16.max) ? UInt16(id.count) : UInt16.max
        if idLength == UInt16.max {
            longOrderIds[Int32(rows.count)] = String(decoding: id, as: UTF8.self)
        } else {
            bytes.append(contentsOf: id)
        }
        var amounts = (paid: PackedMoney.packing(shippingPaid), cost: PackedMoney.packing(labelCost))
        if amounts.paid == .wide || amounts.cost == .wide {
            wideAmounts[Int32(rows.count)] = (shippingPaid, labelCost)
            amounts = (.wide, .wide)
        }
        rows.append(
            StoredShipment(
                start: UInt32(bytes.count - (idLength == UInt16.max ? 0 : Int(idLength))), carrier: carrier,
                service: service,
                requested: requested, file: source.fileNumber, line: UInt32(clamping: source.line),
                shipped: packed.shipped,
                delivered: packed.delivered, orderIdLength: idLength, shippingPaid: amounts.paid,
                labelCost: amounts.cost,
                grams: weight?.grams ?? .nan))
        bytes.append(contentsOf: trackingNumber)
        earliestShipped.lower(to: packed.shipped == .wide ? shipped : packed.shipped.seconds)
        pairs.insert(UInt64(service) << 32 | UInt64(carrier))
        self.requested.insert(requested)
    }

    /// The number of a text in the store's table.
    mutating func text(_ text: String) -> UInt32 { texts.number(text) }

    /// The number of the text whose UTF-8 is `bytes` (valid UTF-8): no `String` made for a text seen before.
    mutating func text(bytes: ByteView) -> UInt32 { texts.number(bytes: bytes) }

    /// The store with text strings of its own (see `TextTable.withOwnStrings`), for one thread of the check stage.
    func withOwnStrings() -> ShipmentStore {
        var copy = self
        copy.texts = texts.withOwnStrings()
        return copy
    }
}
