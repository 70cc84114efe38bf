import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// What the rules' quick test (`Rule.passesAtOnce`) reads of one matched order: numbers worked out straight from the
/// stores, without making the order's `Order`, `Shipment` and `ParcelTracking` values (strings and arrays, about
/// half of checking an order). A rule answers true only when its full check would pass the order; the check stage
/// makes the full values for every other order.
public struct OrderFacts: Sendable {
    /// Cancelled or refunded (such an order is never checked).
    public var isCancelled = false
    /// The financial status is a text no vocabulary knows: the order is not checked.
    public var isPaymentStatusUnknown = false
    /// The text number of the order's shipping method in the orders store (0: none).
    public var methodNumber: UInt32 = 0
    /// A line needs shipping (quantity above zero).
    public var hasShippableLine = false
    /// True when the orders export marks a shippable line fulfilled (the store shipped something).
    public var hasFulfilledLine = false
    /// When the order was placed, seconds since 1970 (NaN: not known).
    public var placedSeconds = Double.nan
    /// When the ship clock started (the payment when later than the order), seconds since 1970 (NaN: not known).
    public var clockStartSeconds = Double.nan
    /// When the store shipped: the earliest package's ship date, else the orders export's shipped date (NaN: none).
    public var shippedSeconds = Double.nan
    /// The end of the ship-by day, when the order shipped and its clock start is known (NaN otherwise).
    public var shipByEndSeconds = Double.nan
    /// The paid service's tier, when the order has one and it resolved (`MatchedOrder.paidService`).
    public var paidTier: ServiceTier?
    /// Every package's service resolved to a tier.
    public var allServicesKnown = true
    /// A service name is written (paid or shipped) but resolves to no tier: the coverage counts it.
    public var hasUnknownService = false
    /// The slowest and the fastest tier of the packages (nil: no package).
    public var slowestTier: ServiceTier?
    public var fastestTier: ServiceTier?
    /// Packages, and those with tracking rows.
    public var packages = 0
    public var trackedPackages = 0
    /// Packages delivered (tracking data or shipment export), and the latest delivery.
    public var deliveredPackages = 0
    public var latestDelivery: Date?
    /// Packages neither delivered nor scanned by the carrier.
    public var unscannedOpenPackages = 0
    /// The delivery promise's deadline (nil: no promise can be made).
    public var promiseDeadline: Date?
    /// Expected and measured weight in grams as `WeightComparison` works them out; nil when it could not compare.
    public var weights: (expected: Weight, measured: Weight, tolerance: Weight)?

    /// The shipping paid less what the invoices charge for the packages, in ten-thousandths (`StoredMoney.none`: the
    /// shipping paid is not known); nil when the invoices do not bill the order.
    public var shippingNet: Int64?
    /// True when the invoices bill the order and the customer paid nothing for shipping.
    public var freeShipping = false

    /// True when every package is delivered.
    public var allDelivered: Bool { deliveredPackages == packages }

    /// Creates facts (tests set the fields they need).
    public init() {}
}
