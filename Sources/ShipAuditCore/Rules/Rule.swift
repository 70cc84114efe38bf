import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// What a rule sees besides the order: the catalog, the configuration, and "now".
public struct RuleContext: Sendable {
    /// Catalog entries by SKU.
    public let catalog: [String: CatalogItem]
    /// The run's configuration.
    public let configuration: Configuration
    /// False when no catalog file was given: weights cannot be checked at all.
    public let hasCatalog: Bool
    /// False when no tracking file was given: scans cannot be checked.
    public let hasTracking: Bool
    /// False when no shipments export was given: packages are unknown, only the orders export's own facts are.
    public var hasShipments = true
    /// The run's "now" (`--as-of`).
    public let asOf: Date
    /// Where the shipment export's period begins: an order due to ship before it may have shipped unseen.
    public var shipmentsBegin: Date?
    /// Where the tracking data's period begins: a label made before it may have been scanned unseen.
    public var trackingBegins: Date?
    /// The carriers the tracking data has parcels of (nil: not known, every carrier counts as covered).
    public var carriersWithTracking: Set<String>?

    /// `2026-11-19T14:00:00-05:00`: an instant as evidence, in the store's local time with its offset (the clock
    /// every output uses).
    public func localTime(_ date: Date) -> String { ReportJSONWriter.localTimestamp(date, configuration.timeZone) }

    /// Creates a context.
    public init(
        catalog: [String: CatalogItem], configuration: Configuration, hasCatalog: Bool = true,
        hasTracking: Bool = true, asOf: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.catalog = catalog
        self.configuration = configuration
        self.hasCatalog = hasCatalog
        self.hasTracking = hasTracking
        self.asOf = asOf
        self.services = ServiceDirectory(extra: configuration.services)
    }

    /// The service names the configuration and the built-in list know, for rules that read a service's name.
    public let services: ServiceDirectory
    /// Service names and DIM divisors worked out before the check (`names(_:)`), read by every thread without a lock.
    var known = KnownNames()

    /// A service name resolved by `services`: the check stage resolves the inputs' names once beforehand (the invoice
    /// checks read the same few names on a million lines); any other name is resolved on the spot.
    public func resolve(_ name: String, carrier: String) -> ResolvedService? {
        if let answer = known.services[KnownNames.Key(name: name, carrier: carrier)] { return answer }
        return services.resolve(name, carrier: carrier)
    }

    /// The DIM divisor the policy gives a carrier and service (`InvoiceSettings.dimDivisor`), worked out beforehand
    /// for the inputs' names.
    public func dimDivisor(carrier: String, service: String) -> Double {
        known.divisors[KnownNames.Key(name: service, carrier: carrier)]
            ?? configuration.invoices.dimDivisor(carrier: carrier, service: service)
    }

    /// The promise settings (calendar, cutoff, transit days).
    public var promises: PromiseSettings { configuration.promise }
}

/// Service names and DIM divisors worked out once before the check stage, by name and carrier.
struct KnownNames: Sendable {
    struct Key: Hashable, Sendable {
        let name: String, carrier: String
    }
    var services: [Key: ResolvedService?] = [:]
    var divisors: [Key: Double] = [:]

    /// Every service name of the shipments export (with its carrier) and every charge description of the invoices
    /// (with each invoice carrier, as written and without UPS's delivery type), resolved with `context`'s directory;
    /// the divisors for the invoices' carriers and descriptions.
    init(_ matched: MatchedInputs, _ context: RuleContext) {
        let shipments = matched.loaded.shipments
        for pair in shipments.serviceNumbers.pairs {
            let (service, carrier) = (UInt32(pair >> 32), UInt32(truncatingIfNeeded: pair))
            let key = Key(name: shipments.text(number: service), carrier: shipments.text(number: carrier))
            services[key] = .some(context.services.resolve(key.name, carrier: key.carrier))
        }
        // Descriptions are a carrier's few charge names; a layout writing something new on every line (a reference,
        // a tracking number) would make this list as long as the file: its names are then resolved where read.
        guard let names = matched.loaded.invoices.chargeNames(limit: Self.describedCharges) else { return }
        for carrier in names.carriers {
            divisors[Key(name: "", carrier: carrier)] = context.configuration.invoices.dimDivisor(
                carrier: carrier, service: "")
            for description in names.descriptions {
                var forms = [description]
                for suffix in [" Residential", " Commercial"] where description.hasSuffix(suffix) {
                    forms.append(String(description.dropLast(suffix.count)))
                }
                for name in forms where services[Key(name: name, carrier: carrier)] == nil {
                    services[Key(name: name, carrier: carrier)] = .some(
                        context.services.resolve(name, carrier: carrier))
                }
                divisors[Key(name: description, carrier: carrier)] = context.configuration.invoices.dimDivisor(
                    carrier: carrier, service: description)
            }
        }
    }

    init() {}

    /// The most charge descriptions resolved beforehand.
    static let describedCharges = 10_000
}

/// What one rule concluded about one order.
public enum RuleOutcome: Sendable {
    /// Checked, nothing wrong.
    case passed
    /// Checked, something wrong.
    case flagged(Finding)
    /// Could not be checked, and why (with the items concerned, e.g. SKUs missing from the catalog).
    case skipped(reason: String, items: [String] = [])
}

/// What every check has: an id (its name in reports and config) and its documentation.
public protocol RuleDescription: Sendable {
    /// The id in reports and config (`service_downgrade`).
    static var id: String { get }
    /// What it flags, its evidence and its default thresholds, for `shipaudit rules`.
    static var summary: String { get }
    /// The thresholds in effect under `configuration`, one line each, for `shipaudit rules` (none by default).
    static func thresholds(_ configuration: Configuration) -> [String]
    /// The inputs besides the orders export without which the rule judges nothing (`[.shipments]` for a rule about
    /// packages): with one missing, the rule is not run and the coverage says "needs --shipments" for every order.
    static var needs: [InputKind] { get }
}

extension RuleDescription {
    /// Only the orders export.
    public static var needs: [InputKind] { [] }

    /// No thresholds to show.
    public static func thresholds(_ configuration: Configuration) -> [String] { [] }
}

/// A check of one order: one per file, its id is its name in reports and config.
public protocol Rule: RuleDescription {
    /// Checks one order.
    func check(_ order: MatchedOrder, context: RuleContext) -> RuleOutcome

    /// True only when `check` would pass the order these facts are of (no flag, no skip), told from the facts
    /// alone; false when the facts cannot tell. Most orders are fine: when every rule passes an order at once, the
    /// check stage never makes its full values. Required, with no default: a rule that returns `false` gets every
    /// order in full, and says so where it is written rather than by forgetting.
    func passesAtOnce(_ facts: OrderFacts, context: RuleContext) -> Bool
}

/// A check across orders (a package for no order, one tracking number on two orders).
public protocol InputRule: RuleDescription {
    /// Checks the matched inputs as a whole, handing each finding to `emit` as it is made (mismatched exports can give
    /// one per package: the check stage spills them as they come).
    func check(_ inputs: MatchedInputs, context: RuleContext, emit: (Finding) -> Void)

    /// What the rule could not judge and why, counted for the coverage ("not checked, because …"): packages whose
    /// invoice lacks what the check reads. None by default.
    func notChecked(_ inputs: MatchedInputs, context: RuleContext) -> [SkipCount]
}

extension InputRule {
    /// Nothing left unjudged.
    public func notChecked(_ inputs: MatchedInputs, context: RuleContext) -> [SkipCount] { [] }

    /// Every finding of the check, in order.
    public func check(_ inputs: MatchedInputs, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        check(inputs, context: context) { findings.append($0) }
        return findings
    }
}

/// A check of one package across the carriers' invoices: every charge billed for one tracking number, and the label
/// that shipped it. The check stage makes each package once and hands it to every such rule.
public protocol InvoiceRule: RuleDescription {
    /// Checks one package, handing each finding to `emit`; returns why the package could not be judged, counted for
    /// the coverage ("not checked, because …"), or nil when it was judged or the rule has nothing to judge in it.
    func check(_ package: InvoicedPackage, context: RuleContext, emit: (Finding) -> Void) -> String?
}

extension InvoiceRule {
    /// Every finding of the check on every package the invoices bill, in order.
    public func check(_ inputs: MatchedInputs, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        inputs.invoicePackages.forEach(inputs.loaded) { package in
            _ = check(package, context: context) { findings.append($0) }
        }
        return findings
    }
}
