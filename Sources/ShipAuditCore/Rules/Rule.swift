import Foundation
import ShipAuditCSV
import ShipAuditStorage
import Synchronization

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
    /// The names resolved so far (`resolve`).
    private let resolved = ResolvedNames()

    /// A service name resolved by `services`, each distinct name and carrier once: the invoice checks read the same
    /// few names on a million lines.
    public func resolve(_ name: String, carrier: String) -> ResolvedService? {
        resolved.answer(name, carrier) { services.resolve(name, carrier: carrier) }
    }

    /// The DIM divisor the policy gives a carrier and service (`InvoiceSettings.dimDivisor`), each pair worked out once.
    public func dimDivisor(carrier: String, service: String) -> Double {
        resolved.divisor(carrier, service) { configuration.invoices.dimDivisor(carrier: carrier, service: service) }
    }

    /// The promise settings (calendar, cutoff, transit days).
    public var promises: PromiseSettings { configuration.promise }
}

/// Service names resolved, by name and carrier, shared by the threads of the check stage.
final class ResolvedNames: Sendable {
    private struct Key: Hashable {
        let name: String, carrier: String
    }
    private let answers = Mutex<[Key: ResolvedService?]>([:])
    private let divisors = Mutex<[Key: Double]>([:])

    /// The divisor for `carrier` and `service`, worked out by `work` the first time.
    func divisor(_ carrier: String, _ service: String, _ work: () -> Double) -> Double {
        let key = Key(name: service, carrier: carrier)
        if let known = divisors.withLock({ $0[key] }) { return known }
        let divisor = work()
        divisors.withLock { $0[key] = divisor }
        return divisor
    }

    /// The answer for `name` and `carrier`, worked out by `resolve` the first time.
    func answer(_ name: String, _ carrier: String, _ resolve: () -> ResolvedService?) -> ResolvedService? {
        let key = Key(name: name, carrier: carrier)
        if let known = answers.withLock({ $0[key] }) { return known }
        let answer = resolve()
        answers.withLock { $0[key] = answer }
        return answer
    }
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
