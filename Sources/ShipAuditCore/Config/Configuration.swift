import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Everything a run can be told in `shipaudit.toml`, with the defaults used when the file is silent.
public struct Configuration: Sendable {
    /// Zone for dates written without an offset (ShipStation, `yyyymmdd`), and the store's zone for promises.
    public var timeZone: TimeZone {
        get { promise.timeZone }
        set { promise.timeZone = newValue }
    }
    /// Cutoff, processing days, transit days per tier, carrier calendar.
    public var promise = PromiseSettings(timeZone: TimeZone(identifier: "America/New_York")!)
    /// Delivery and tracking thresholds.
    public var delivery = DeliverySettings()
    /// True when `[store] time_zone` names the zone; otherwise the export's offsets decide it (`StoreClock`).
    public var timeZoneConfigured = false
    /// True when `[calendar] holidays` lists the holidays; otherwise the store's zone decides them (`StoreClock`).
    public var holidaysConfigured = false
    /// Zone of carrier scan times written without an offset; nil: the store's zone.
    public var trackingTimeZone: TimeZone?
    /// Extra status texts → normalized status.
    public var statuses: [String: ParcelStatus] = [:]
    /// Financial status texts mapped by the user (`[payment_statuses]`), keys in `PaymentStatus.normalized` form.
    public var paymentStatuses: [String: PaymentStatus] = [:]
    /// Fulfilment status texts mapped by the user (`[fulfillment_statuses]`), keys in `PaymentStatus.normalized` form.
    public var fulfilmentStatuses: [String: FulfilmentStatus] = [:]
    /// Shipping methods that mean pickup or local delivery besides the built-in phrases (`[store] pickup_methods`),
    /// lower-cased.
    public var pickupMethods: Set<String> = []
    /// The decimal mark of every export (`[store] decimal_mark`); nil: each value's shape says when it can.
    public var decimalMark: Character?
    /// Cell texts read as empty in every column (`[store] null_markers` replaces the built-in list).
    public var nullMarkers = NullMarkers.builtIn
    /// The order of slash dates in every export (`[store] date_order`); nil: each file's values decide.
    public var dateOrder: SlashDateOrder?
    /// True when pending orders paid by cash on delivery are due to ship (`[store] cash_on_delivery`).
    public var cashOnDelivery = false
    /// Payment methods that mean cash on delivery besides the built-in phrases (`[store] cash_on_delivery_methods`),
    /// lower-cased.
    public var cashOnDeliveryMethods: Set<String> = []
    /// Currency for orders whose export has none.
    public var defaultCurrency = "USD"
    /// Merchant checkout rate titles → tier (`"Standard Shipping (3-5 business days)" = "ground"`).
    public var rateTitles: [String: ServiceTier] = [:]
    /// Extra carrier service names → tier, for services the built-in table lacks.
    public var services: [String: ServiceTier] = [:]
    /// Profiles to use per input kind instead of recognising them.
    public var profiles: [InputKind: String] = [:]
    /// Layouts defined in the config (`[profiles.NAME]`), tried before the built-in ones.
    public var customProfiles: [Profile] = []
    /// Weight check thresholds.
    public var weight = WeightSettings()
    /// Remedies.
    public var policy = PolicySettings()
    /// The largest record (and field) a file may have, in bytes: larger ones stop the read with an error instead of
    /// being buffered without bound.
    public var maxRecordBytes = 16 << 20
    /// Rule ids switched off.
    public var disabledRules: Set<String> = []
    /// What the manager's reports show.
    public var report = ReportSettings()
    /// `[invoices]`: the carrier-invoice checks' settings.
    public var invoices = InvoiceSettings()

    /// The defaults.
    public init() {}
}

/// What the manager's reports (report.html, report.md) show; flags.csv and report.json always have every flag.
public struct ReportSettings: Sendable, Equatable {
    /// At most this many flags in the action list and the evidence table, the most urgent ones.
    public var flagsShown = 500

    /// The defaults.
    public init() {}
}

/// Thresholds of the delivery and tracking checks.
public struct DeliverySettings: Sendable, Equatable {
    /// `not_shipped`: hours after the end of the ship-by day before an unshipped paid order is flagged.
    public var notShippedGraceHours = 24
    /// `label_never_scanned`: business hours after the label before a parcel without a carrier scan is flagged.
    public var neverScannedBusinessHours = 24
    /// `delivery_at_risk`: hours without a scan, while in transit, after which the parcel is at risk.
    public var stalledHours = 48
    /// `lost_in_transit`: days without a scan, while in transit, after which the parcel is presumed lost.
    public var lostAfterDays = 5
    /// `late_delivery`: days after delivery to file a guaranteed-service refund claim.
    public var claimWindowDays = 15
    /// Services whose delivery date the carrier guarantees (comparison keys); nil: the built-in list.
    public var guaranteedServices: Set<String>?

    /// The defaults.
    public init() {}

    /// True when the carrier guarantees this service's date.
    public func isGuaranteed(_ service: ResolvedService) -> Bool {
        guard let guaranteedServices else { return service.guaranteed }
        return guaranteedServices.contains(ServiceDirectory.key(service.canonicalName ?? service.written))
            || guaranteedServices.contains(ServiceDirectory.key(service.written))
    }
}

/// Thresholds of the weight check.
public struct WeightSettings: Sendable, Equatable {
    /// Box and filler added per package to the contents' weight.
    public var packagingPerPackage = Weight(4, .ounces)
    /// A difference up to this weight is never flagged (scales and catalog weights are not exact).
    public var toleranceAbsolute = Weight(2, .ounces)
    /// A difference up to this share of the expected weight is never flagged; the larger of the two applies.
    public var tolerancePercent = 5.0

    /// The defaults.
    public init() {}

    /// The tolerance for an expected weight: max(absolute, percent × expected).
    public func tolerance(for expected: Weight) -> Weight {
        Weight(grams: max(toleranceAbsolute.grams, expected.grams * tolerancePercent / 100))
    }
}

/// How flags turn into recommended actions.
public struct PolicySettings: Sendable, Equatable {
    /// Below this goods value, a short shipment is reshipped or credited at once, without an investigation.
    public var investigateAbove: Decimal = 50
    /// What a return costs: extra goods worth less stay with the customer.
    public var returnCost: Decimal = 8
    /// Who acts on each rule's flags, where it differs from the rule's default.
    public var owners: [String: Owner] = [:]
    /// A fixed action text per rule, replacing the computed one.
    public var actions: [String: String] = [:]

    /// The defaults.
    public init() {}
}

/// `[invoices]`: how long a carrier accepts a billing dispute.
public struct InvoiceSettings: Sendable {
    /// Days after an invoice's date to dispute a charge on it. 90 is a common window in carrier agreements, not a
    /// published rule: set the one in yours.
    public var disputeDays = 90
    /// A carrier's own window where its agreement differs (`[invoices.carrier_dispute_days]`, `ups = 120`).
    public var carrierDisputeDays: [String: Int] = [:]
    /// The window for a charge of `carrier`: its own, or `disputeDays`.
    public func disputeDays(for carrier: String) -> Int { carrierDisputeDays[carrier.lowercased()] ?? disputeDays }
    /// `shipping_loss`: how much more than the shipping paid an order's carrier charges may come to unflagged.
    public var lossThreshold: Decimal = 5
    /// `shipping_loss` on orders whose customer paid nothing for shipping. Off by default: free shipping is the
    /// store's offer, its cost a loss by design, and judging it flags every such order (their P&L is reported all
    /// the same).
    public var judgeFreeShipping = false
    /// `guarantee_refund_missing`: days after a late guaranteed delivery for its credit to appear on an invoice
    /// (carriers credit late packages on a following weekly invoice) before the refund is claimed.
    public var refundWaitDays = 7
    /// DIM divisors in cubic inches per pound, by carrier (`ups`) or by carrier and service (`fedex ground economy`,
    /// keys as `divisorKey` makes them). The defaults are the carriers' published daily-rate divisors (UPS and FedEx
    /// 139 since January 2017, USPS 166; sources in docs/invoices.md): contracts often say otherwise.
    public var dimDivisors: [String: Double] = ["ups": 139, "fedex": 139, "usps": 166]
    /// The divisor of a carrier not in `dimDivisors`.
    public static let defaultDimDivisor = 139.0

    /// The DIM divisor for a package of `carrier` billed as `service`: the service's, the carrier's, or 139.
    public func dimDivisor(carrier: String, service: String) -> Double {
        dimDivisors[Self.divisorKey("\(carrier) \(service)")] ?? dimDivisors[Self.divisorKey(carrier)]
            ?? Self.defaultDimDivisor
    }

    /// A divisor's key: lower case, single spaces.
    public static func divisorKey(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The defaults.
    public init() {}
}
