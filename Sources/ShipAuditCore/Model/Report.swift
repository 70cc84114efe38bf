import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// How often a rule could not check an order, for one reason, and the items concerned (SKUs, service names).
public struct SkipCount: Sendable, Equatable {
    /// The rule.
    public let rule: String
    /// Why (`weight not verifiable: SKU without a catalog weight`).
    public let reason: String
    /// Orders affected.
    public var orders: Int
    /// Items named, sorted, de-duplicated.
    public var items: [String]
}

/// How much of the input the checks could use: the report's coverage and data-quality section.
/// A package whose order number is in no orders export, as the coverage lists it: what a reader needs to find its
/// row, not the whole `Shipment` (a shipments export for another store's orders lists every package here).
public struct PackageWithoutOrder: Sendable, Equatable {
    /// The normalized order number.
    public let orderId: String
    /// The package's tracking number.
    public let trackingNumber: String
    /// The package's row.
    public let source: SourceLocation

    /// Creates an entry.
    public init(orderId: String, trackingNumber: String, source: SourceLocation) {
        (self.orderId, self.trackingNumber, self.source) = (orderId, trackingNumber, source)
    }
}

public struct Coverage: Sendable {
    /// Orders in the orders export.
    public var orders = 0
    /// Orders checked (not cancelled, complete, with at least one package).
    public var ordersChecked = 0
    /// Orders not checked, by reason (`cancelled or refunded`, `no package shipped`, `a row was rejected`).
    public var ordersNotChecked: [String: Int] = [:]
    /// Packages matched to an order.
    public var packagesMatched = 0
    /// Orders (not cancelled) with at least one package.
    public var ordersWithPackages = 0
    /// Matched packages that have rows in the tracking data.
    public var packagesWithTracking = 0
    /// Packages whose order number is not in the orders export.
    public var packagesWithoutOrder: [PackageWithoutOrder] = []
    /// Voided labels ignored.
    public var voidedLabels = 0
    /// Shipment rows with no tracking number or a placeholder for one, not taken as packages.
    public var shipmentRowsWithoutTracking = 0
    /// Names that mapped to no tier, with counts.
    public var unknownServices: [String: Int] = [:]
    /// Financial status texts that no vocabulary knows, with counts.
    public var unknownPaymentStatuses: [String: Int] = [:]
    /// Fulfilment status texts that no vocabulary knows, with counts of rows.
    public var unknownFulfilmentStatuses: [String: Int] = [:]
    /// Orders the store marked shipped that have no package in the shipments export.
    public var fulfilledWithoutPackage = 0
    /// Tracking status texts that map to no status, with counts.
    public var unknownStatuses: [String: Int] = [:]
    /// Tracking numbers in the tracking data that are on no package.
    public var trackingWithoutPackage = 0
    /// Tracking numbers on packages shipped more than `OrderMatcher.reuseDays` apart: reused by the carrier, not
    /// flagged `duplicate_tracking`.
    public var recycledTracking = 0
    /// Per rule and reason, the orders a rule could not check.
    public var skips: [SkipCount] = []

    /// Creates an empty coverage.
    public init() {}
}

/// Everything a run found: the value every report writer renders.
public struct Report: Sendable {
    /// The "now" of the run.
    public let asOf: Date
    /// Row accounting per input file.
    public let inputs: [InputSummary]
    /// Every flag, sorted by order number, then rule.
    public let findings: [Finding]
    /// What could and could not be checked.
    public let coverage: Coverage
    /// Rejected rows with reasons.
    public let rejects: [InputProblem]
    /// Warnings about the inputs.
    public let warnings: [InputProblem]
    /// The store's clock: the zone the report's times are in, and why.
    public var clock = StoreClock.assumedDefault
    /// What each flagged order is worth (goods plus shipping paid), which caps its exposure.
    public var orderValues: [String: Money] = [:]
    /// Packages matched (one per tracking number).
    public let packages: Int
    /// What changed since the previous run, when a history is kept.
    public var changes: HistoryChanges?

    /// Creates a report.
    public init(
        asOf: Date, inputs: [InputSummary], findings: [Finding], coverage: Coverage, rejects: [InputProblem],
        warnings: [InputProblem], packages: Int
    ) {
        self.init(
            asOf: asOf, inputs: inputs, findings: findings, totals: Self.totals(findings), coverage: coverage,
            rejects: rejects, warnings: warnings, packages: packages)
    }

    /// Creates a report whose totals were worked out already (`totals(_:)` of the same findings, in any order).
    init(
        asOf: Date, inputs: [InputSummary], findings: [Finding], totals: Totals, coverage: Coverage,
        rejects: [InputProblem],
        warnings: [InputProblem], packages: Int
    ) {
        self.asOf = asOf
        self.inputs = inputs
        self.findings = findings
        (flaggedOrders, flagsByRule, moneyAtStake) = totals
        self.coverage = coverage
        self.rejects = rejects
        self.warnings = warnings
        self.packages = packages
    }

    /// Orders with at least one flag.
    public let flaggedOrders: Int

    /// Flags per rule id, every rule listed (zero included), in catalog order.
    public let flagsByRule: [(String, Int)]

    /// The money at stake per currency, sorted by currency: each order's exposure counted once
    /// (`countExposure(orderValues:)`), or the flags' amounts summed for a report made without the orders' values.
    public private(set) var moneyAtStake: [Money]
    /// The shipping P&L of every order the carriers' invoices bill (none without invoices), by order number.
    public var shippingLedger: [ShippingLedger] = []
    /// Each flagged order's exposure: what its flags put at risk, counted once (`countExposure(orderValues:)`).
    public private(set) var exposureByOrder: [(orderId: String, money: Money)] = []

    /// Counts money at stake once per order: an order's flags of one kind of money (the goods, the shipping paid, a
    /// claimable label cost) overlap, so the largest of each kind counts; the kinds are added up, and the sum is at
    /// most what the order is worth (goods plus shipping paid, `orderValues`) when that is known. The headline and
    /// report.json's summary add up these exposures; each flag keeps its own amount.
    public mutating func countExposure(orderValues: [String: Money]) {
        var perOrder: [(orderId: String, money: Money)] = []
        var totals: [String: AmountSum] = [:]
        var categories: [String: String] = [:] // each kind's category, worked out once
        var index = findings.startIndex
        while index < findings.endIndex {
            let id = findings[index].orderId
            var byKind: [String: Money] = [:]
            while index < findings.endIndex, findings[index].orderId == id {
                if let money = findings[index].moneyAtStake {
                    let written = findings[index].moneyKind
                    let category = categories[written] ?? Self.moneyCategory(written)
                    categories[written] = category
                    let kind = category + " " + money.currency
                    if byKind[kind].map({ money.amount > $0.amount }) ?? true { byKind[kind] = money }
                }
                index += 1
            }
            guard let currency = byKind.values.first?.currency else { continue }
            var sum = AmountSum()
            for money in byKind.values where money.currency == currency { sum.add(money.amount) }
            var amount = sum.total
            if let value = orderValues[id], value.currency == currency, value.amount > 0, amount > value.amount {
                amount = value.amount
            }
            perOrder.append((id, Money(amount, currency)))
            totals[currency, default: AmountSum()].add(amount)
            // Another currency on the same order (rare): its amounts counted as they are.
            for money in byKind.values where money.currency != currency {
                totals[money.currency, default: AmountSum()].add(money.amount)
            }
        }
        exposureByOrder = perOrder
        moneyAtStake = totals.keys.sorted().map { Money(totals[$0]!.total, $0) }
    }

    /// How the headline's money is counted, in one line for the reports.
    public static let exposureRule =
        "Money at stake counts each order once: of its flags' amounts, the largest of each kind (goods, shipping paid, "
        + "label cost) are added, and never more than the order is worth (goods plus shipping paid)."

    /// The kind of money a flag's amount is, for counting an order's flags once: goods (value, missing units, extra
    /// units), the shipping paid, a label's cost, or the kind as written.
    static func moneyCategory(_ kind: String) -> String {
        let lowered = kind.lowercased()
        if lowered.contains("shipping") { return "shipping" }
        if lowered.contains("goods") || lowered.contains("unit") { return "goods" }
        if lowered.contains("label") || lowered.contains("claim") { return "label" }
        return lowered
    }

    /// Orders flagged, flags per rule, money per currency: none depends on the findings' order.
    typealias Totals = (orders: Int, byRule: [(String, Int)], money: [Money])

    /// The three totals above, once: every writer shows them, and summing a million `Decimal`s (or hashing a million
    /// order numbers) per writer was seconds of a run that flags every order.
    static func totals(_ findings: [Finding]) -> Totals {
        let orders = Set(findings.indices.lazy.map { findings[$0].orderId })
        let (byRule, money) = ruleAndMoneyTotals(findings)
        return (orders.count, byRule, money)
    }

    /// Flags per rule and money per currency (`Totals` but the orders).
    static func ruleAndMoneyTotals(_ findings: [Finding]) -> (byRule: [(String, Int)], money: [Money]) {
        var counts: [String: Int] = [:], totals: [String: AmountSum] = [:]
        // By index, reading one field at a time: `for finding in` copies every finding whole (a dozen references).
        for index in findings.indices {
            counts[findings[index].rule, default: 0] += 1
            if let money = findings[index].moneyAtStake {
                totals[money.currency, default: AmountSum()].add(money.amount)
            }
        }
        return (
            RuleCatalog.ids.map { ($0, counts[$0] ?? 0) }, totals.keys.sorted().map { Money(totals[$0]!.total, $0) }
        )
    }

    /// True when the flag's deadline passed before the run's "now": the claim or the reship it asked for can no
    /// longer be made in time.
    public func deadlineMissed(_ finding: Finding) -> Bool { finding.deadline.map { $0 < asOf } ?? false }

    /// The flags whose deadline passed, with their money at stake per currency.
    public var missedDeadlines: (flags: Int, money: [Money]) {
        var count = 0
        var totals: [String: AmountSum] = [:]
        for index in findings.indices where deadlineMissed(findings[index]) {
            count += 1
            if let money = findings[index].moneyAtStake {
                totals[money.currency, default: AmountSum()].add(money.amount)
            }
        }
        return (count, totals.keys.sorted().map { Money(totals[$0]!.total, $0) })
    }

    /// The orders flagged, from findings sorted by order (an order's flags side by side): no set of order numbers.
    static func ordersFlagged(sorted findings: [Finding]) -> Int {
        findings.indices.reduce(0) { count, index in
            index > 0 && findings[index].orderId == findings[index - 1].orderId ? count : count + 1
        }
    }
}
