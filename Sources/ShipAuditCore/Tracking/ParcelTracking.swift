import Foundation

/// What the tracking data says about one parcel, folded from its rows in any order: the latest status, the first
/// and last carrier scans, delivery, the carrier's latest scheduled delivery, the latest exception.
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
    public private(set) var status: ParcelStatus = .unknown
    /// The row that gave the current status.
    public private(set) var statusMark: Mark?
    /// The earliest carrier scan (a status other than label created).
    public private(set) var firstScan: Mark?
    /// The latest carrier scan.
    public private(set) var lastScan: Mark?
    /// Delivery: the earliest delivered event, or a snapshot's delivered time.
    public private(set) var delivered: Mark?
    /// The carrier's scheduled delivery, from the latest row that gives one.
    public private(set) var scheduled: (date: Date, source: SourceLocation, asOf: Date?)?
    /// The latest exception or return.
    public private(set) var problem: (status: ParcelStatus, mark: Mark)?
    /// The carrier's weight, when the tracking data has it.
    public private(set) var weight: Weight?
    /// Rows read for this parcel.
    public private(set) var rows = 0
    private var snapshot = false

    /// An empty record for a tracking number.
    public init(trackingNumber: String) { self.trackingNumber = trackingNumber }

    /// Folds one row in. Rows may come in any order: every field keeps its earliest or latest value by time.
    public mutating func add(status: ParcelStatus, text: String, time: Date?, scheduled: Date?, deliveredAt: Date?,
                             weight: Weight?, source: SourceLocation) {
        rows += 1
        if let time, earliest.map({ time < $0 }) ?? true { earliest = time }
        let mark = Mark(time: time, text: text, source: source)
        if time == nil {
            // A snapshot row is the carrier's current view.
            snapshot = true
            self.status = status
            statusMark = mark
        } else if !snapshot, statusMark?.time.map({ time! >= $0 }) ?? true {
            self.status = status
            statusMark = mark
        }
        if let time, status.isScan {
            if firstScan?.time.map({ time < $0 }) ?? true { firstScan = mark }
            if lastScan?.time.map({ time >= $0 }) ?? true { lastScan = mark }
        }
        if status == .delivered, let when = time ?? deliveredAt, delivered?.time.map({ when < $0 }) ?? true {
            delivered = Mark(time: when, text: text, source: source)
        } else if let deliveredAt, delivered == nil {
            delivered = Mark(time: deliveredAt, text: "delivered", source: source)
        }
        if let scheduled, self.scheduled?.asOf.map({ (time ?? .distantFuture) >= $0 }) ?? true {
            self.scheduled = (scheduled, source, time)
        }
        if status == .exception || status == .returned, problem?.mark.time.map({ (time ?? .distantFuture) >= $0 }) ?? true {
            problem = (status, mark)
        }
        if let weight { self.weight = weight }
    }

    /// The earliest time of any of its rows.
    public private(set) var earliest: Date?

    /// True once delivered (by status or a delivered time).
    public var isDelivered: Bool { delivered != nil }
}
