import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// What the tracking data says about one parcel, folded from its rows in any order: the latest status, the first
/// and last carrier scans, delivery, the carrier's latest scheduled delivery, the latest exception.
///
/// `TrackingStore` keeps parcels packed and makes this value when a stage asks for a parcel.
public struct ParcelTracking: Sendable {
    /// A moment in the tracking data and the row that gave it.
    public struct Mark: Sendable {
        /// When (nil for a snapshot row without a time).
        public let time: Date?
        /// The status as written.
        public let text: String
        /// The row.
        public let source: SourceLocation
    }

    /// The tracking number.
    public let trackingNumber: String
    /// The current status: a snapshot row's, or the latest event's.
    public let status: ParcelStatus
    /// The row that gave the current status.
    public let statusMark: Mark?
    /// The earliest carrier scan (a status other than label created).
    public let firstScan: Mark?
    /// The latest carrier scan.
    public let lastScan: Mark?
    /// Delivery: the earliest delivered event, or a snapshot's delivered time.
    public let delivered: Mark?
    /// The carrier's scheduled delivery, from the latest row that gives one.
    public let scheduled: (date: Date, source: SourceLocation, asOf: Date?)?
    /// The latest exception or return.
    public let problem: (status: ParcelStatus, mark: Mark)?
    /// The carrier's weight, when the tracking data has it.
    public let weight: Weight?
    /// Rows read for this parcel.
    public let rows: Int
    /// The earliest time of any of its rows.
    public let earliest: Date?

    /// True once delivered (by status or a delivered time).
    public var isDelivered: Bool { delivered != nil }

    /// Makes the value from a packed parcel: texts from `texts`, rows from `numbering`.
    init(trackingNumber: String, packed: PackedParcel, texts: TextTable, numbering: RowNumbers) {
        func mark(_ packed: PackedParcel.PackedMark) -> Mark? {
            guard packed.row > 0 else { return nil }
            return Mark(
                time: PackedParcel.date(packed.time), text: texts[packed.text], source: numbering.location(packed.row))
        }
        self.trackingNumber = trackingNumber
        status = packed.status
        statusMark = mark(packed.statusMark)
        firstScan = mark(packed.firstScan)
        lastScan = mark(packed.lastScan)
        delivered = mark(packed.delivered)
        scheduled =
            packed.scheduledRow == 0
            ? nil
            : (
                Date(timeIntervalSince1970: packed.scheduledDate), numbering.location(packed.scheduledRow),
                PackedParcel.date(packed.scheduledAsOf)
            )
        problem = mark(packed.problem).map { (packed.problemStatus, $0) }
        weight = packed.grams.isNaN ? nil : Weight(grams: packed.grams)
        rows = Int(packed.rows)
        earliest = PackedParcel.date(packed.earliest)
    }
}

/// Rows of the tracking files numbered in one sequence (file after file), so that a row is one 4-byte number: a row
/// of a file is the file's base plus its line. 0 is no row.
struct RowNumbers: Sendable {
    /// Bases in increasing order, with their file's number (`SourceLocation.fileNumber`).
    private var bases: [(base: UInt32, file: UInt32)] = []
    private var next: UInt32 = 0
    private var current: (file: UInt32, base: UInt32)?

    /// The number of `line` of the file numbered `file`.
    mutating func number(file: UInt32, line: Int) -> UInt32 {
        if current?.file != file {
            current = (file, next)
            bases.append((next, file))
        }
        let number = current!.base &+ UInt32(clamping: max(1, line))
        next = max(next, number)
        return number
    }

    /// The file and line of a row number.
    func location(_ number: UInt32) -> SourceLocation {
        var low = 0, high = bases.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if bases[middle].base < number { low = middle } else { high = middle }
        }
        return SourceLocation(fileNumber: bases[low].file, line: Int(number - bases[low].base))
    }
}

/// One parcel's tracking whole, as rows fold into it (128 bytes; the store keeps it as a `CompactParcel`): times as
/// seconds since 1970 (NaN: none), texts as numbers of the store's text table, rows as `RowNumbers`, a mark with row 0
/// absent. Rows fold in here in any order.
struct PackedParcel: Sendable {
    struct PackedMark: Sendable {
        var time: Double = .nan
        var text: UInt32 = 0
        var row: UInt32 = 0

        /// True when the mark is absent, or has no time: anything compares as later.
        var isUntimed: Bool { row == 0 || time.isNaN }
    }

    var statusMark = PackedMark()
    var firstScan = PackedMark()
    var lastScan = PackedMark()
    var delivered = PackedMark()
    var problem = PackedMark()
    var scheduledDate: Double = .nan
    var scheduledAsOf: Double = .nan
    var scheduledRow: UInt32 = 0
    var earliest: Double = .nan
    var grams: Double = .nan
    var rows: Int32 = 0
    var status: ParcelStatus = .unknown
    var problemStatus: ParcelStatus = .unknown
    var snapshot = false

    static func date(_ seconds: Double) -> Date? { seconds.isNaN ? nil : Date(timeIntervalSince1970: seconds) }

    /// Folds one row in. Every field keeps its earliest or latest value by time; a row without a time is a snapshot,
    /// the carrier's current view. `deliveredText` is the text number of "delivered", used when only a delivered
    /// time is given.
    mutating func add(
        status: ParcelStatus, text: UInt32, time: Date?, scheduled: Date?, deliveredAt: Date?, grams: Double?,
        row: UInt32, deliveredText: UInt32
    ) {
        rows += 1
        let seconds = time?.timeIntervalSince1970 ?? .nan
        // Comparisons with NaN are false, so an untimed row is neither earlier nor later than anything.
        if time != nil, earliest.isNaN || seconds < earliest { earliest = seconds }
        let mark = PackedMark(time: seconds, text: text, row: row)
        if time == nil {
            snapshot = true
            self.status = status
            statusMark = mark
        } else if !snapshot, statusMark.isUntimed || seconds >= statusMark.time {
            self.status = status
            statusMark = mark
        }
        if time != nil, status.isScan {
            if firstScan.isUntimed || seconds < firstScan.time { firstScan = mark }
            if lastScan.isUntimed || seconds >= lastScan.time { lastScan = mark }
        }
        let untimedLatest = time == nil ? Double.infinity : seconds
        if status == .delivered, let when = (time ?? deliveredAt)?.timeIntervalSince1970,
            delivered.isUntimed || when < delivered.time
        {
            delivered = PackedMark(time: when, text: text, row: row)
        } else if let deliveredAt, delivered.row == 0 {
            delivered = PackedMark(time: deliveredAt.timeIntervalSince1970, text: deliveredText, row: row)
        }
        if let scheduled, scheduledRow == 0 || scheduledAsOf.isNaN || untimedLatest >= scheduledAsOf {
            scheduledDate = scheduled.timeIntervalSince1970
            scheduledAsOf = seconds
            scheduledRow = row
        }
        if status == .exception || status == .returned, problem.isUntimed || untimedLatest >= problem.time {
            problemStatus = status
            problem = mark
        }
        if let grams { self.grams = grams }
    }
}

/// A `PackedParcel` in 72 bytes, as the tracking store keeps most parcels: times as `PackedTime`, texts and the row
/// count in 16 bits. Times with milliseconds keep them beside the record (`hasMilliseconds`), as the carrier's weight
/// does (`hasWeight`); a parcel whose values do not fit (a time that does not split into seconds and milliseconds, a
/// text numbered 65,535 or more, more than 65,534 rows) is kept whole beside it (`isWide`). Encoding and decoding are
/// exact.
struct CompactParcel: Sendable {
    /// The milliseconds of the eight times, in the order of `times`.
    typealias Milliseconds = (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16)
    static let noMilliseconds: Milliseconds = (0, 0, 0, 0, 0, 0, 0, 0)

    private var times: (PackedTime, PackedTime, PackedTime, PackedTime, PackedTime, PackedTime, PackedTime, PackedTime)
    private var markRows: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
    private var texts: (UInt16, UInt16, UInt16, UInt16, UInt16)
    private var rows: UInt16
    private var status: ParcelStatus
    private var problemStatus: ParcelStatus
    /// 1: snapshot; 2: kept whole beside; 4: has a weight beside; 8: has milliseconds beside.
    private var flags: Flags

    /// What the record says in bits.
    private struct Flags: OptionSet {
        let rawValue: UInt8
        /// The parcel's data is a snapshot (one row per parcel), not scan events.
        static let snapshot = Flags(rawValue: 1)
        /// The parcel is kept whole beside this record.
        static let wide = Flags(rawValue: 2)
        static let hasWeight = Flags(rawValue: 4)
        static let hasMilliseconds = Flags(rawValue: 8)
    }

    /// A parcel without rows.
    static let empty: CompactParcel = {
        var milliseconds = noMilliseconds
        return CompactParcel(PackedParcel(), milliseconds: &milliseconds)!
    }()

    /// A compact parcel that stands for one kept whole beside it.
    static let wide = CompactParcel(flags: .wide)

    private init(flags: Flags) {
        times = (.none, .none, .none, .none, .none, .none, .none, .none)
        markRows = (0, 0, 0, 0, 0, 0)
        texts = (0, 0, 0, 0, 0)
        rows = 0
        status = .unknown
        problemStatus = .unknown
        self.flags = flags
    }

    /// True when the parcel is kept whole beside this record.
    var isWide: Bool { flags.contains(.wide) }
    /// The earliest time of the parcel's rows, seconds since 1970 (NaN: none; not meaningful when `isWide`).
    func earliest(milliseconds: Milliseconds) -> Double { times.7.seconds(milliseconds: milliseconds.7) }

    /// True when the parcel's weight is kept beside this record.
    var hasWeight: Bool { flags.contains(.hasWeight) }
    /// True when milliseconds of its times are kept beside this record.
    var hasMilliseconds: Bool { flags.contains(.hasMilliseconds) }

    private static func text(_ number: UInt32) -> UInt16? { number < UInt32(UInt16.max) ? UInt16(number) : nil }

    /// The compact form of `parcel` and its times' milliseconds; nil when a value does not fit (see the type's
    /// description). The weight is not part of it: `hasWeight` says whether `parcel` has one.
    init?(_ parcel: PackedParcel, milliseconds: inout Milliseconds) {
        let (a, b, c, d, e) = (parcel.statusMark, parcel.firstScan, parcel.lastScan, parcel.delivered, parcel.problem)
        guard let t0 = PackedTime.splitting(a.time), let t1 = PackedTime.splitting(b.time),
            let t2 = PackedTime.splitting(c.time),
            let t3 = PackedTime.splitting(d.time), let t4 = PackedTime.splitting(e.time),
            let t5 = PackedTime.splitting(parcel.scheduledDate), let t6 = PackedTime.splitting(parcel.scheduledAsOf),
            let t7 = PackedTime.splitting(parcel.earliest), let x0 = Self.text(a.text), let x1 = Self.text(b.text),
            let x2 = Self.text(c.text), let x3 = Self.text(d.text), let x4 = Self.text(e.text),
            parcel.rows >= 0, parcel.rows < Int32(UInt16.max)
        else { return nil }
        times = (t0.time, t1.time, t2.time, t3.time, t4.time, t5.time, t6.time, t7.time)
        milliseconds = (
            t0.milliseconds, t1.milliseconds, t2.milliseconds, t3.milliseconds, t4.milliseconds, t5.milliseconds,
            t6.milliseconds, t7.milliseconds
        )
        markRows = (a.row, b.row, c.row, d.row, e.row, parcel.scheduledRow)
        texts = (x0, x1, x2, x3, x4)
        rows = UInt16(parcel.rows)
        status = parcel.status
        problemStatus = parcel.problemStatus
        let fractions =
            (t0.milliseconds | t1.milliseconds | t2.milliseconds | t3.milliseconds | t4.milliseconds
                | t5.milliseconds | t6.milliseconds | t7.milliseconds) != 0
        flags = []
        if parcel.snapshot { flags.insert(.snapshot) }
        if !parcel.grams.isNaN { flags.insert(.hasWeight) }
        if fractions { flags.insert(.hasMilliseconds) }
    }

    /// The parcel back, with `grams` as its weight (NaN: none) and its times' `milliseconds`.
    func packed(grams: Double, milliseconds ms: Milliseconds) -> PackedParcel {
        func mark(_ time: PackedTime, _ milliseconds: UInt16, _ text: UInt16, _ row: UInt32) -> PackedParcel.PackedMark
        {
            PackedParcel.PackedMark(time: time.seconds(milliseconds: milliseconds), text: UInt32(text), row: row)
        }
        var parcel = PackedParcel()
        parcel.statusMark = mark(times.0, ms.0, texts.0, markRows.0)
        parcel.firstScan = mark(times.1, ms.1, texts.1, markRows.1)
        parcel.lastScan = mark(times.2, ms.2, texts.2, markRows.2)
        parcel.delivered = mark(times.3, ms.3, texts.3, markRows.3)
        parcel.problem = mark(times.4, ms.4, texts.4, markRows.4)
        parcel.scheduledDate = times.5.seconds(milliseconds: ms.5)
        parcel.scheduledAsOf = times.6.seconds(milliseconds: ms.6)
        parcel.scheduledRow = markRows.5
        parcel.earliest = times.7.seconds(milliseconds: ms.7)
        parcel.grams = grams
        parcel.rows = Int32(rows)
        parcel.status = status
        parcel.problemStatus = problemStatus
        parcel.snapshot = flags.contains(.snapshot)
        return parcel
    }
}
