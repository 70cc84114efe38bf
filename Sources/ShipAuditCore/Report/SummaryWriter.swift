import ShipAuditCSV
import ShipAuditStorage

/// The short summary printed on stdout after a run.
public enum SummaryWriter {
    /// Renders it; `written` lists the report files.
    public static func render(_ report: Report, written: [String]) -> String {
        let coverage = report.coverage
        let read = report.inputs.reduce(0) { $0 + $1.rowsRead }
        let used = report.inputs.reduce(0) { $0 + $1.rowsUsed }
        let rejected = report.inputs.reduce(0) { $0 + $1.rowsRejected }
        var lines = [
            "shipaudit: \(coverage.orders) orders, \(report.packages) packages matched, \(coverage.ordersChecked) orders checked, \(report.flaggedOrders) flagged"
        ]
        let width = RuleCatalog.ids.map(\.count).max() ?? 0
        for (rule, count) in report.flagsByRule where count > 0 {
            lines.append("  \(rule.padding(toLength: width, withPad: " ", startingAt: 0))  \(count)")
        }
        let money = report.moneyAtStake.map(\.description).joined(separator: ", ")
        if !money.isEmpty { lines.append("money at stake: \(money)") }
        let missed = report.missedDeadlines
        if missed.flags > 0 {
            let amount = missed.money.map(\.description).joined(separator: ", ")
            lines.append(
                "deadlines missed: \(missed.flags) flag\(missed.flags == 1 ? "" : "s")"
                    + (amount.isEmpty ? "" : ", \(amount) at stake") + " (listed last; the time to act has passed)")
        }
        lines.append("rows: \(read) read = \(used) used + \(rejected) rejected")
        for (reason, count) in coverage.ordersNotChecked.sorted(by: { $0.key < $1.key }) {
            lines.append("not checked: \(count) order\(count == 1 ? "" : "s") (\(reason))")
        }
        // Which clock the store's times were read in, when the config did not say or the export disagrees.
        if report.clock.source != .configured || report.clock.ordersOffZone > 0 {
            for note in report.clock.notes where !note.hasPrefix("Times are \(report.clock.zone.identifier), as") {
                lines.append("clock: " + note)
            }
        }
        // A store where every order waits for payment (cash on delivery, say) has nothing due to ship: say so.
        if coverage.ordersChecked > 0,
            coverage.skips.contains(where: {
                $0.rule == NotShippedRule.id && $0.reason == NotShippedRule.notPaid
                    && $0.orders == coverage.ordersChecked
            })
        {
            lines.append(
                "every order checked is pending payment, so none is due to ship (cash on delivery? set [store] cash_on_delivery = true, or map the status as paid under [payment_statuses])"
            )
        }
        // Rules not run for want of an input share one line: "needs --shipments: service_downgrade, … (25 orders)".
        var unrun: [String: (rules: [String], orders: Int)] = [:]
        for skip in coverage.skips where skip.reason.hasPrefix("needs --") && skip.items.isEmpty {
            unrun[skip.reason, default: ([], skip.orders)].rules.append(skip.rule)
        }
        for (reason, entry) in unrun.sorted(by: { $0.key < $1.key }) {
            lines.append(
                "\(reason): \(entry.rules.joined(separator: ", ")) not checked (\(entry.orders) order\(entry.orders == 1 ? "" : "s"))"
            )
        }
        for skip in coverage.skips where !(skip.reason.hasPrefix("needs --") && skip.items.isEmpty) {
            let items =
                skip.items.isEmpty
                ? "" : ": " + skip.items.prefix(5).joined(separator: ", ") + (skip.items.count > 5 ? ", …" : "")
            lines.append(
                "\(skip.rule) skipped for \(skip.orders) order\(skip.orders == 1 ? "" : "s"): \(skip.reason)\(items)")
        }
        if !coverage.unknownServices.isEmpty {
            let names = coverage.unknownServices.sorted { $0.key < $1.key }.map { "\"\($0.key)\" (\($0.value))" }
            lines.append(
                "unknown services (map them in the config under [rate_titles] or [services]): "
                    + names.joined(separator: ", "))
        }
        if !coverage.unknownPaymentStatuses.isEmpty {
            let texts = coverage.unknownPaymentStatuses.sorted { $0.key < $1.key }.map { "\"\($0.key)\" (\($0.value))" }
            lines.append(
                "unknown payment statuses, their orders not checked (map them in the config under [payment_statuses]): "
                    + texts.joined(separator: ", "))
        }
        if !coverage.unknownFulfilmentStatuses.isEmpty {
            let texts = coverage.unknownFulfilmentStatuses.sorted { $0.key < $1.key }.map {
                "\"\($0.key)\" (\($0.value))"
            }
            lines.append(
                "unknown fulfillment statuses, read as saying nothing (map them in the config under [fulfillment_statuses]): "
                    + texts.joined(separator: ", "))
        }
        if coverage.fulfilledWithoutPackage > 0 {
            lines.append(
                "marked shipped by the store but no package in the shipments export: \(coverage.fulfilledWithoutPackage) order\(coverage.fulfilledWithoutPackage == 1 ? "" : "s")"
            )
        }
        if !coverage.unknownStatuses.isEmpty {
            let texts = coverage.unknownStatuses.sorted { $0.key < $1.key }.map { "\"\($0.key)\" (\($0.value))" }
            lines.append(
                "unknown tracking statuses (map them in the config under [statuses]): " + texts.joined(separator: ", "))
        }
        if coverage.recycledTracking > 0 {
            lines.append(
                "tracking numbers used again more than \(OrderMatcher.reuseDays) days apart (reused by the carrier, not flagged): \(coverage.recycledTracking)"
            )
        }
        if coverage.trackingWithoutPackage > 0 {
            lines.append("tracking numbers on no package: \(coverage.trackingWithoutPackage)")
        }
        if let changes = report.changes {
            let oldest =
                changes.stillOpen.first.map { ", oldest \($0.daysOpen) day\($0.daysOpen == 1 ? "" : "s")" } ?? ""
            lines.append(
                "since the last run: \(changes.new.count) new, \(changes.stillOpen.count) still open\(oldest), \(changes.resolved.count) resolved"
                    + (changes.resolvedByHand.isEmpty ? "" : ", \(changes.resolvedByHand.count) resolved by hand"))
        }
        if !written.isEmpty { lines.append("reports: " + written.joined(separator: ", ")) }
        return lines.joined(separator: "\n") + "\n"
    }
}
