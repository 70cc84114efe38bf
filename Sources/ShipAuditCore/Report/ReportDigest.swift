import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// What the manager's reports (HTML, Markdown) show, computed once from a `Report`: headline numbers, the action list
/// most urgent first, counts for the charts, and the coverage and data-quality facts.
public struct ReportDigest: Sendable {
    /// One bar of a chart.
    public struct Bar: Sendable {
        public let label: String
        public let value: Double
        public let text: String
    }

    public let report: Report
    /// Flags most urgent first: those with a deadline by deadline, then by severity, money, order. At most
    /// `flagsShown` of them.
    public let actions: [Finding]
    /// The flags whose evidence is shown, in the report's order (by order, then rule): every flag, or when there are
    /// more than `flagsShown`, the most urgent ones (those in `actions`).
    public let shownFindings: [Finding]
    /// Flags in the report but not in `actions` and `shownFindings` (they are in flags.csv and report.json).
    public var hiddenFlags: Int { report.findings.count - actions.count }
    public let flagsByRule: [Bar]
    /// The flags by kind of action (rule and owner), most urgent first: at scale, "2,783 claims to file with the
    /// carrier by Tue" is what a manager acts on, before the orders one by one.
    public let actionGroups: [ActionGroup]

    /// Flags of one rule and owner: how many, their money (each flag's own amount), the first deadline still open,
    /// and how many deadlines were missed.
    public struct ActionGroup: Sendable {
        public let rule: String
        public let owner: String
        public let flags: Int
        public let money: [Money]
        public let firstOpenDeadline: Date?
        public let missed: Int
    }
    public let flagsByCarrier: [Bar]
    public let moneyByRule: [Bar]
    /// Plain-English lines on how complete the data was.
    public let coverageLines: [String]
    /// The disputes of carriers' invoices, for the reports' invoice section.
    public let disputes: InvoiceDisputes
    /// Rejected rows grouped by file, column and reason, with counts.
    public let rejectGroups: [(file: String, column: String, reason: String, count: Int)]

    /// Builds the digest, keeping at most `flagsShown` flags for the action list and the evidence table: a page of
    /// tens of thousands of rows is not read by anyone, and takes long to write and to open.
    public init(_ report: Report, flagsShown: Int = .max) {
        self.report = report
        disputes = InvoiceDisputes(report)
        // Keys computed once per finding, not once per comparison: money as a Double, and each order number's rank
        // in `orderKeyLess` order.
        // Compared through arrays of the keys, read by index one field at a time: reading a finding per comparison,
        // or iterating the findings, copied each whole (a dozen references).
        let all = report.findings
        var stakes: [Double] = [], deadlines: [Date?] = [], severities: [Severity] = [], rules: [String] = [],
            ids: [String] = []
        for index in all.indices {
            stakes.append(all[index].moneyAtStake.map { NSDecimalNumber(decimal: $0.amount).doubleValue } ?? 0)
            deadlines.append(all[index].deadline)
            severities.append(all[index].severity)
            rules.append(all[index].rule)
            ids.append(all[index].orderId)
        }
        let distinct = Array(Set(ids))
        let rankOf = Dictionary(
            uniqueKeysWithValues: OrderMatcher.orderKeyOrder(count: distinct.count) { distinct[$0] }.enumerated().map {
                (distinct[Int($1)], $0)
            })
        let rank: [Int] = ids.map { rankOf[$0]! }
        // A deadline already passed is no longer something to do first: such flags come after the rest.
        let asOf = report.asOf
        let missed = deadlines.map { $0.map { $0 < asOf } ?? false }
        let urgent = report.findings.indices.sorted { i, j in
            if missed[i] != missed[j] { return !missed[i] }
            switch (deadlines[i], deadlines[j]) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if severities[i] != severities[j] { return severities[i] < severities[j] }
            if stakes[i] != stakes[j] { return stakes[i] > stakes[j] }
            return rank[i] < rank[j] || (rank[i] == rank[j] && rules[i] < rules[j])
        }.prefix(max(0, flagsShown))
        actions = urgent.map { report.findings[$0] }
        typealias Kind = (
            rule: String, owner: String, flags: Int, money: [String: AmountSum], first: Date?, missed: Int
        )
        var kinds: [String: Kind] = [:]
        for index in all.indices {
            let key = all[index].rule + "\u{0}" + all[index].owner.rawValue
            var group: Kind = kinds[key] ?? (all[index].rule, all[index].owner.rawValue, 0, [:], nil, 0)
            group.flags += 1
            if let money = all[index].moneyAtStake {
                group.money[money.currency, default: AmountSum()].add(money.amount)
            }
            if let deadline = deadlines[index] {
                if deadline < asOf {
                    group.missed += 1
                } else if group.first.map({ deadline < $0 }) ?? true {
                    group.first = deadline
                }
            }
            kinds[key] = group
        }
        actionGroups = kinds.values.map { kind in
            ActionGroup(
                rule: kind.rule, owner: kind.owner, flags: kind.flags,
                money: kind.money.keys.sorted().map { currency in Money(kind.money[currency]!.total, currency) },
                firstOpenDeadline: kind.first, missed: kind.missed)
        }.sorted { a, b in
            switch (a.firstOpenDeadline, b.firstOpenDeadline) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return (b.flags, a.rule, a.owner) < (a.flags, b.rule, b.owner)
            }
        }
        shownFindings =
            urgent.count == report.findings.count ? report.findings : urgent.sorted().map { report.findings[$0] }
        flagsByRule = report.flagsByRule.filter { $0.1 > 0 }.map {
            Bar(label: Self.title($0.0), value: Double($0.1), text: String($0.1))
        }
        var carriers: [String: Int] = [:]
        var byCarrier: [String: [String: Int]] = [:]
        for index in all.indices where !all[index].service.isEmpty {
            byCarrier[all[index].carrier, default: [:]][all[index].service, default: 0] += 1
        }
        for (carrier, services) in byCarrier {
            for (service, count) in services { carriers["\(carrier) · \(service)", default: 0] += count }
        }
        flagsByCarrier = carriers.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { Bar(label: $0.key, value: Double($0.value), text: String($0.value)) }
        var byRule: [String: [String: AmountSum]] = [:]
        for index in all.indices {
            guard let stake = all[index].moneyAtStake else { continue }
            byRule[all[index].rule, default: [:]][stake.currency, default: AmountSum()].add(stake.amount)
        }
        var money: [String: (Decimal, String)] = [:]
        for (rule, totals) in byRule {
            for (currency, sum) in totals {
                let key = "\(Self.title(rule))\u{0}\(currency)"
                money[key] = ((money[key]?.0 ?? 0) + sum.total, currency)
            }
        }
        moneyByRule = money.sorted { $0.value.0 != $1.value.0 ? $0.value.0 > $1.value.0 : $0.key < $1.key }.map {
            key, value in
            Bar(
                label: String(key.split(separator: "\u{0}")[0]), value: NSDecimalNumber(decimal: value.0).doubleValue,
                text: Money(value.0, value.1).readable)
        }
        let coverage = report.coverage
        var lines: [String] = []
        let read = report.inputs.reduce(0) { $0 + $1.rowsRead }, used = report.inputs.reduce(0) { $0 + $1.rowsUsed }
        let rejected = report.inputs.reduce(0) { $0 + $1.rowsRejected }
        lines.append(
            "Rows: \(read) read = \(used) used + \(rejected) rejected, across \(report.inputs.count) file\(report.inputs.count == 1 ? "" : "s")."
        )
        lines.append(
            "Orders: \(coverage.orders) in the exports, \(coverage.ordersChecked) checked; \(coverage.ordersWithPackages) have a shipment."
        )
        let hasTracking = report.inputs.contains { $0.kind == .tracking }
        lines.append(
            "Packages: \(report.packages) matched to an order"
                + (hasTracking
                    ? ", \(coverage.packagesWithTracking) of them with tracking rows."
                    : "; no tracking data given, so scans were not checked."))
        for (reason, count) in coverage.ordersNotChecked.sorted(by: { $0.key < $1.key }) {
            lines.append("Not checked: \(count) order\(count == 1 ? "" : "s") (\(reason)).")
        }
        if !coverage.packagesWithoutOrder.isEmpty {
            lines.append("Packages for order numbers in no orders export: \(coverage.packagesWithoutOrder.count).")
        }
        if coverage.voidedLabels > 0 { lines.append("Voided labels ignored: \(coverage.voidedLabels).") }
        if coverage.shipmentRowsWithoutTracking > 0 {
            lines.append(
                "Shipment rows without a tracking number (or with a placeholder such as N/A), not taken as packages: \(coverage.shipmentRowsWithoutTracking)."
            )
        }
        if !coverage.unknownServices.isEmpty {
            lines.append(
                "Service names with no tier (map them under [rate_titles] or [services]): "
                    + coverage.unknownServices.sorted { $0.key < $1.key }.map { "\"\($0.key)\" × \($0.value)" }.joined(
                        separator: ", ") + ".")
        }
        if !coverage.unknownPaymentStatuses.isEmpty {
            lines.append(
                "Payment statuses not understood, their orders not checked (map them under [payment_statuses]): "
                    + coverage.unknownPaymentStatuses.sorted { $0.key < $1.key }.map { "\"\($0.key)\" × \($0.value)" }
                    .joined(separator: ", ") + ".")
        }
        if !coverage.unknownFulfilmentStatuses.isEmpty {
            lines.append(
                "Fulfillment statuses not understood, read as saying nothing (map them under [fulfillment_statuses]): "
                    + coverage.unknownFulfilmentStatuses.sorted { $0.key < $1.key }.map {
                        "\"\($0.key)\" × \($0.value)"
                    }.joined(separator: ", ") + ".")
        }
        if coverage.fulfilledWithoutPackage > 0 {
            lines.append(
                "Orders the store marked shipped with no package in the shipments export: "
                    + "\(coverage.fulfilledWithoutPackage) (their service, weight and tracking are not checked).")
        }
        if !coverage.unknownStatuses.isEmpty {
            lines.append(
                "Tracking statuses not understood (map them under [statuses]): "
                    + coverage.unknownStatuses.sorted { $0.key < $1.key }.map { "\"\($0.key)\" × \($0.value)" }.joined(
                        separator: ", ") + ".")
        }
        if coverage.recycledTracking > 0 {
            lines.append(
                "Tracking numbers used again more than \(OrderMatcher.reuseDays) days apart (reused by the carrier, not flagged): \(coverage.recycledTracking)."
            )
        }
        if coverage.trackingWithoutPackage > 0 {
            lines.append("Tracking numbers on no package: \(coverage.trackingWithoutPackage).")
        }
        for skip in coverage.skips {
            let items =
                skip.items.isEmpty
                ? "" : ": " + skip.items.prefix(8).joined(separator: ", ") + (skip.items.count > 8 ? ", …" : "")
            lines.append(
                "\(Self.title(skip.rule)) not checked for \(skip.orders) order\(skip.orders == 1 ? "" : "s"): \(skip.reason)\(items)."
            )
        }
        for warning in report.warnings { lines.append("Warning: \(warning.description).") }
        coverageLines = lines
        var groups: [String: (String, String, String, Int)] = [:]
        for reject in report.rejects {
            let reason = Self.withoutQuotedValue(reject.reason)
            let key = "\(reject.location.file)\u{0}\(reject.column ?? "")\u{0}\(reason)"
            groups[key] = (reject.location.file, reject.column ?? "(whole row)", reason, (groups[key]?.3 ?? 0) + 1)
        }
        rejectGroups = groups.values.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.map { ($0.0, $0.1, $0.2, $0.3) }
    }

    /// Says how many flags the page leaves out and where they are.
    public var hiddenNote: String {
        "Showing the \(actions.count) most urgent of \(report.findings.count) flags; the other \(hiddenFlags) are in flags.csv and report.json "
            + "(how many are shown: [report] flags_shown in the config)."
    }

    /// `service_downgrade` → `Service downgrade`.
    public static func title(_ rule: String) -> String {
        let words = rule.underscoresAsSpaces
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// A reason without the value it quotes, so rows rejected for the same reason group together.
    static func withoutQuotedValue(_ reason: String) -> String {
        guard reason.hasPrefix("\""), let end = reason.dropFirst().firstIndex(of: "\"") else { return reason }
        return "…" + reason[reason.index(after: end)...]
    }

    /// `Thu 2026-11-19 14:00` in the zone.
    public static func when(_ date: Date, _ zone: TimeZone) -> String {
        PromiseSettings(timeZone: zone).describe(date)
    }
}
