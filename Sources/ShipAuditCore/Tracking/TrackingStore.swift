import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Every parcel's tracking, by tracking number, packed: 72-byte records (`CompactParcel`) in a `PagedArray`, status texts
/// numbered once, rows by `RowNumbers`, tracking numbers as bytes in an index of positions. `ParcelTracking` values are
/// made on access.
///
/// The parcel rows are being folded into is held whole (`working`) and packed when rows of another parcel come: a
/// parcel's rows usually follow each other, so each is packed about once.
public struct TrackingStore: Sendable {
    private var positions = ByteKeyIndex()
    private var parcels: PagedArray<CompactParcel>
    /// Parcels whose values do not fit a compact record, by position.
    private var wide: [Int32: PackedParcel] = [:]
    /// Carriers' weights by position (NaN: none), as long as the parcels once any parcel has one; else empty.
    private var grams: PagedArray<Double>
    /// Milliseconds of the parcels' times by position, as long as the parcels once any time has them; else empty.
    private var milliseconds: PagedArray<CompactParcel.Milliseconds>
    /// The parcel rows are being folded into, whole, and its position (-1: none); its record is not up to date.
    private var working = (position: -1, parcel: PackedParcel())
    private var texts = TextTable()
    /// The position of the parcel most recently added to (-1: none).
    private var last = -1
    /// Rows of the tracking files, numbered in one sequence.
    private var rows = RowNumbers()
    /// The least earliest time of the parcels stored so far, seconds since 1970 (NaN: none), kept as they are stored
    /// so that `earliest` reads no records.
    private var earliestStored = Double.nan
    /// Status texts numbered last, for `number(_:)`.
    private var recentTexts: [(text: String, number: UInt32)] = []

    /// An empty store, its records in memory or in files as `backing` says.
    public init(backing: StoreBacking = .memory) {
        parcels = PagedArray(backing: backing)
        grams = PagedArray(backing: backing)
        milliseconds = PagedArray(backing: backing)
    }

    /// Hands the records' pages back to the system (file-backed records only: see `StoreBacking`).
    func releaseResident() {
        parcels.releaseResident()
        grams.releaseResident()
        milliseconds.releaseResident()
    }

    /// True when the parcels' records are in a file.
    var isFileBacked: Bool { parcels.isFileBacked }

    /// The parcel with this tracking number (nil in a matched store, which has let its index go: `dropIndex`).
    public subscript(trackingNumber: String) -> ParcelTracking? {
        positions.position(of: trackingNumber).map { parcel(at: $0, trackingNumber: trackingNumber) }
    }

    /// The parcel at `position` (from `position(bytes:)`), whose tracking number is `trackingNumber`.
    func parcel(at position: Int, trackingNumber: String) -> ParcelTracking {
        ParcelTracking(trackingNumber: trackingNumber, packed: packed(at: position), texts: texts, numbering: rows)
    }

    /// When the parcel at `position` was delivered, and the row saying so; nil when the tracking data has no delivery.
    func delivery(at position: Int) -> (time: Date, source: SourceLocation)? {
        let mark = packed(at: position).delivered
        guard !mark.isUntimed else { return nil }
        return (Date(timeIntervalSince1970: mark.time), rows.location(mark.row))
    }

    /// The packed parcel at `position` (for `OrderFacts`, without making a `ParcelTracking`).
    func packed(at position: Int) -> PackedParcel {
        if position == working.position { return working.parcel }
        let compact = parcels[position]
        if compact.isWide { return wide[Int32(position)]! }
        return compact.packed(
            grams: compact.hasWeight ? grams[position] : .nan, milliseconds: milliseconds(of: compact, at: position))
    }

    /// The milliseconds of the times of the compact parcel at `position`.
    private func milliseconds(of compact: CompactParcel, at position: Int) -> CompactParcel.Milliseconds {
        compact.hasMilliseconds ? milliseconds[position] : CompactParcel.noMilliseconds
    }

    /// Packs the working parcel into its record (or beside it, when it does not fit).
    private mutating func store(_ parcel: PackedParcel, at position: Int) {
        var fractions = CompactParcel.noMilliseconds
        if let compact = CompactParcel(parcel, milliseconds: &fractions) {
            earliestStored.lower(to: compact.earliest(milliseconds: fractions))
            if parcels[position].isWide { wide[Int32(position)] = nil }
            parcels[position] = compact
            if compact.hasWeight {
                while grams.count < parcels.count { grams.append(.nan) }
                grams[position] = parcel.grams
            }
            if compact.hasMilliseconds {
                while milliseconds.count < parcels.count { milliseconds.append(CompactParcel.noMilliseconds) }
                milliseconds[position] = fractions
            }
        } else {
            earliestStored.lower(to: parcel.earliest)
            parcels[position] = .wide
            wide[Int32(position)] = parcel
        }
    }

    /// Packs the working parcel: the store is then complete without it.
    private mutating func settle() {
        guard working.position >= 0 else { return }
        store(working.parcel, at: working.position)
        working.position = -1
    }

    /// Folds one tracking row into its parcel (made when new). Rows may come in any order.
    public mutating func add(
        _ trackingNumber: String, status: ParcelStatus, text: String, time: Date?, scheduled: Date?,
        deliveredAt: Date?, weight: Weight?, source: SourceLocation
    ) {
        trackingNumber.withByteView { bytes in
            add(
                bytes: bytes, status: status, text: text, time: time, scheduled: scheduled, deliveredAt: deliveredAt,
                weight: weight, source: source)
        }
    }

    /// `add` with the tracking number as the bytes of the row's cell, already clean: no `String` made for it.
    mutating func add(
        bytes trackingNumber: ByteView, status: ParcelStatus, text: String, time: Date?,
        scheduled: Date?, deliveredAt: Date?, weight: Weight?, source: SourceLocation
    ) {
        add(
            bytes: trackingNumber, status: status, textNumber: number(text), time: time, scheduled: scheduled,
            deliveredAt: deliveredAt, weight: weight, source: source)
    }

    /// The number of a status text in the store's table (for `add(bytes:status:textNumber:…)`).
    mutating func textNumber(_ text: String) -> UInt32 { texts.number(text) }

    /// `add` with the status text as its number in the store's table (`textNumber(_:)`): the loader numbers each
    /// status text of a file once, not a `String` per row.
    mutating func add(
        bytes trackingNumber: ByteView, status: ParcelStatus, textNumber: UInt32, time: Date?,
        scheduled: Date?, deliveredAt: Date?, weight: Weight?, source: SourceLocation
    ) {
        // A parcel's rows usually follow each other: the last parcel is checked first.
        let position =
            last >= 0 && positions.key(at: last, is: trackingNumber) ? last : positions.insert(bytes: trackingNumber)
        last = position
        if position != working.position {
            settle()
            if position == parcels.count {
                parcels.append(.empty)
                working = (position, PackedParcel())
            } else {
                working = (position, packed(at: position))
            }
        }
        let deliveredText = deliveredAt == nil ? 0 : number("delivered")
        working.parcel.add(
            status: status, text: textNumber, time: time, scheduled: scheduled, deliveredAt: deliveredAt,
            grams: weight?.grams, row: rows.number(file: source.fileNumber, line: source.line),
            deliveredText: deliveredText)
    }

    /// The text number of a status text: a file repeats a handful of them millions of times, so the few seen last
    /// are compared first (equal strings of the loader's table are one storage, compared without reading them).
    private mutating func number(_ text: String) -> UInt32 {
        for entry in recentTexts where entry.text == text { return entry.number }
        let number = texts.number(text)
        if recentTexts.count == 8 { recentTexts.removeFirst() }
        recentTexts.append((text, number))
        return number
    }

    /// Starts loading the index slot a lookup of this tracking number begins at: the loader calls it a few rows ahead
    /// (`ByteKeyIndex.prefetch(bytes:)`).
    func prefetch(bytes trackingNumber: ByteView) { positions.prefetch(bytes: trackingNumber) }

    /// Makes room in the index for this many parcels (the parcels themselves grow by chunks).
    mutating func reserve(_ count: Int) {
        positions.reserve(count)
    }

    /// The position of the parcel whose tracking number is these bytes.
    func position(bytes trackingNumber: ByteView) -> Int? {
        positions.position(bytes: trackingNumber)
    }

    /// `position(bytes:)`, trying `near` and the position after it first (`ByteKeyIndex.position(bytes:near:)`).
    func position(bytes trackingNumber: ByteView, near: Int) -> Int? {
        positions.position(bytes: trackingNumber, near: near)
    }

    /// True when no tracking rows were read.
    public var isEmpty: Bool { parcels.count == 0 }
    /// The number of parcels.
    public var count: Int { parcels.count }
    /// The tracking numbers, in the order first read.
    public var keys: [String] { (0..<positions.count).map(positions.key(at:)) }
    /// The earliest time of any row with a time: where the tracking data's period begins. (A parcel's earliest time
    /// only falls as rows are folded in, so the least of every value stored is the least of the parcels' last ones.)
    public var earliest: Date? {
        var least = earliestStored
        if working.position >= 0 { least.lower(to: working.parcel.earliest) }
        return least.isNaN ? nil : Date(timeIntervalSince1970: least)
    }

    /// Lets the index by tracking number go (parcels are then found by position only): once the match
    /// has found every package's parcel, the index (about 40 MB at a million parcels) is let go before the check.
    mutating func dropIndex() {
        // In place: a copy settling its working parcel would copy the shared records first.
        settle()
        positions = ByteKeyIndex()
        last = -1
    }

    /// The store with text strings of its own (see `TextTable.withOwnStrings`), for one thread of the check stage.
    func withOwnStrings() -> TrackingStore {
        var copy = self
        copy.texts = texts.withOwnStrings()
        return copy
    }
}
