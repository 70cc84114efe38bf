import ShipAuditCSV
import ShipAuditStorage

/// A speed tier that carrier services and merchant rate titles map to. Services are compared by tier, never by name.
///
/// Ordered fastest first; the nominal business days are the carriers' published transit times (formats.md §6).
public enum ServiceTier: String, Sendable, CaseIterable, Comparable {
    case overnightEarly = "overnight_early"
    case overnight
    case twoDayAM = "two_day_am"
    case twoDay = "two_day"
    case threeDay = "three_day"
    case priorityMail = "priority_mail"
    case ground
    case economy

    /// Position from fastest (0) to slowest.
    public var rank: Int {
        // A switch, not `allCases.firstIndex(of:)`: tiers are compared for every package checked.
        switch self {
        case .overnightEarly: 0
        case .overnight: 1
        case .twoDayAM: 2
        case .twoDay: 3
        case .threeDay: 4
        case .priorityMail: 5
        case .ground: 6
        case .economy: 7
        }
    }

    /// Hashed by rank: a raw-value enum otherwise hashes its raw string (tiers key the transit-day table, looked up
    /// for every promise).
    public func hash(into hasher: inout Hasher) { hasher.combine(rank) }

    /// Nominal transit in business days, the upper end where carriers give a range.
    public var nominalBusinessDays: Int {
        switch self {
        case .overnightEarly, .overnight: 1
        case .twoDayAM, .twoDay: 2
        case .threeDay, .priorityMail: 3
        case .ground: 5
        case .economy: 8
        }
    }

    /// Typical transit in business days, for estimating when a parcel already on its way arrives (ground is 1-5
    /// days by zone; 3 is the middle). Promises use `nominalBusinessDays`, the upper end.
    public var expectedBusinessDays: Int {
        switch self {
        case .overnightEarly, .overnight: 1
        case .twoDayAM, .twoDay, .priorityMail: 2
        case .threeDay, .ground: 3
        case .economy: 5
        }
    }

    /// Plain words for reports: "overnight (early)", "2-day".
    public var label: String {
        switch self {
        case .overnightEarly: "overnight (early)"
        case .overnight: "overnight"
        case .twoDayAM: "2-day (AM)"
        case .twoDay: "2-day"
        case .threeDay: "3-day"
        case .priorityMail: "Priority Mail (1-3 days)"
        case .ground: "ground"
        case .economy: "economy"
        }
    }

    public static func < (a: ServiceTier, b: ServiceTier) -> Bool { a.rank < b.rank }
}
