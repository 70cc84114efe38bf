import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// `report.json`, schema `shipaudit.report/1`: the documented contract for other programs. Keys keep a fixed
/// order and nothing depends on the clock but `as_of`, so the same inputs and `--as-of` give the same bytes.
public enum ReportJSONWriter {
    /// The schema id written in every report.
    public static let schema = "shipaudit.report/1"

    /// Renders the report as one string.
    public static func render(_ report: Report) -> String { renderText(report).string }

    /// Renders the report in parts; the flags, most of a large report, in slices on every core.
    public static func renderText(_ report: Report) -> ReportText {
        // Each file's name as JSON, escaped once: a flag names three files or so, each looked up under the names'
        // lock and escaped again.
        let names: [[UInt8]] = FileNames.all().map { name in
            var escaped: [UInt8] = []
            JSONValue.escape(name, into: &escaped)
            return escaped
        }
        return document(
            report,
            flags: .array(count: report.findings.count, indent: 1) { index, out in
                flag(
                    report.findings[index], indent: 2, names: names, asOf: report.asOf, zone: report.clock.zone,
                    into: &out)
            }
        ).renderedText()
    }

    /// One flag, written at `indent` straight into `out` (the text `JSONValue.object` would write for it); its
    /// evidence is written from its packed bytes, its sources' files from `names` (`FileNames`' names, escaped).
    static func flag(
        _ finding: borrowing Finding, indent: Int, names: [[UInt8]] = [], asOf: Date,
        zone: TimeZone = TimeZone(identifier: "UTC")!, into out: inout some JSONOutput
    ) {
        var object = JSONObjectWriter(indent: indent, &out)
        object.string("order_id", finding.orderId, &out)
        object.string("order_name", finding.orderName, &out)
        object.string("rule", finding.rule, &out)
        object.string("severity", finding.severity.rawValue, &out)
        object.string("message", finding.message, &out)
        object.key("money_at_stake", &out)
        if let stake = finding.moneyAtStake {
            var money = JSONObjectWriter(indent: indent + 1, &out)
            money.key("amount", &out)
            Money.format(stake.amount).withBytes { out.put($0) }
            money.string("currency", stake.currency, &out)
            money.string("kind", finding.moneyKind, &out)
            money.close(&out)
        } else {
            out.put("null")
        }
        object.string("action", finding.action, &out)
        object.string("owner", finding.owner.rawValue, &out)
        object.key("deadline", &out)
        if let deadline = finding.deadline {
            JSONValue.escape(localTimestamp(deadline, zone), into: &out)
        } else {
            out.put("null")
        }
        object.key("deadline_missed", &out)
        out.put(finding.deadline.map { $0 < asOf } ?? false ? "true" : "false")
        object.string("carrier", finding.carrier, &out)
        object.string("service", finding.service, &out)
        object.key("evidence", &out)
        PackedJSON.write(finding.packedEvidence, to: &out, indent: indent + 1)
        object.key("sources", &out)
        if finding.sources.isEmpty {
            out.put("[]")
        } else {
            out.put("[\n")
            for (index, source) in finding.sources.enumerated() {
                JSONValue.pad(indent + 2, &out)
                var item = JSONObjectWriter(indent: indent + 2, &out)
                item.key("file", &out)
                let number = Int(source.fileNumber)
                if number < names.count {
                    out.put(bytes: names[number])
                } else {
                    JSONValue.escape(source.file, into: &out)
                }
                item.key("line", &out)
                NumberText.append(source.line, to: &out)
                item.close(&out)
                out.put(index == finding.sources.count - 1 ? "\n" : ",\n")
            }
            JSONValue.pad(indent + 1, &out)
            out.put("]")
        }
        object.close(&out)
    }

    /// The report as a JSON value, with its flags as given.
    private static func document(_ report: Report, flags: JSONValue) -> JSONValue {
        let coverage = report.coverage
        let rowsRead = report.inputs.reduce(0) { $0 + $1.rowsRead }
        let rowsUsed = report.inputs.reduce(0) { $0 + $1.rowsUsed }
        let rowsRejected = report.inputs.reduce(0) { $0 + $1.rowsRejected }
        // A pass over every flag: once, for both of its figures.
        let missed = report.missedDeadlines
        return .object(
            [
                ("schema", .string(schema)),
                ("generator", .object([("name", .string(Generator.name)), ("version", .string(Generator.version))])),
                ("as_of", .string(localTimestamp(report.asOf, report.clock.zone))),
                (
                    "clock",
                    .object([
                        ("time_zone", .string(report.clock.zone.identifier)),
                        ("source", .string(report.clock.sourceName)),
                        ("us_holidays", .bool(report.clock.usHolidays)),
                        ("orders_off_zone", .int(report.clock.ordersOffZone)),
                        ("notes", .array(report.clock.notes.map { .string($0) })),
                    ])
                ),
                (
                    "inputs",
                    .array(
                        report.inputs.map { input in
                            .object([
                                ("path", .string(input.path)), ("kind", .string(input.kind.rawValue)),
                                ("profile", .string(input.profile)), ("rows_read", .int(input.rowsRead)),
                                ("rows_used", .int(input.rowsUsed)), ("rows_rejected", .int(input.rowsRejected)),
                            ])
                        })
                ),
                (
                    "summary",
                    .object([
                        ("orders", .int(coverage.orders)),
                        ("shipments", .int(report.packages)),
                        ("flagged_orders", .int(report.flaggedOrders)),
                        ("flags_by_rule", .object(report.flagsByRule.map { ($0.0, .int($0.1)) })),
                        ("money_at_stake", .array(report.moneyAtStake.map(money))),
                        ("money_counted", .string(Report.exposureRule)),
                        (
                            "missed_deadlines",
                            .object([
                                ("flags", .int(missed.flags)),
                                ("money_at_stake", .array(missed.money.map(money))),
                            ])
                        ),
                        ("rows_read", .int(rowsRead)), ("rows_used", .int(rowsUsed)),
                        ("rows_rejected", .int(rowsRejected)),
                    ])
                ),
                ("flags", flags),
                (
                    "exposure_by_order",
                    // Rendered in slices as it is written, like the flags: one per flagged order.
                    .array(count: report.exposureByOrder.count, indent: 1) { [exposures = report.exposureByOrder] in
                        .object([
                            ("order_id", .string(exposures[$0].orderId)),
                            ("money_at_stake", money(exposures[$0].money)),
                        ])
                    }
                ),
                (
                    "shipping_pnl",
                    // Written entry by entry into bytes, in slices on every core: a million orders have a ledger each,
                    // one line each.
                    .array(count: report.shippingLedger.count, indent: 1) {
                        [ledger = report.shippingLedger] index, out in
                        let entry = ledger[index], text = entry.text
                        var object = JSONObjectWriter(indent: 2, oneLine: true, &out)
                        object.string("order_id", entry.orderId, &out)
                        object.string("currency", entry.currency, &out)
                        for (key, value) in [
                            ("paid", text.paid), ("label", text.label), ("adjustments", text.adjustments),
                            ("credits", text.credits), ("cost", text.cost), ("net", text.net),
                        ] as [(StaticString, String?)] {
                            object.key(key, &out)
                            if let value { value.withBytes { out.put($0) } } else { out.put("null") }
                        }
                        object.close(&out)
                    }
                ),
                (
                    "coverage",
                    .object([
                        ("orders_checked", .int(coverage.ordersChecked)),
                        (
                            "orders_not_checked",
                            .object(
                                coverage.ordersNotChecked.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })
                        ),
                        ("packages_matched", .int(coverage.packagesMatched)),
                        ("orders_with_packages", .int(coverage.ordersWithPackages)),
                        ("packages_with_tracking", .int(coverage.packagesWithTracking)),
                        // Rendered in slices as it is written: a shipments export for another store's orders lists every package.
                        (
                            "packages_without_order",
                            .array(count: coverage.packagesWithoutOrder.count, indent: 2) { index in
                                let package = coverage.packagesWithoutOrder[index]
                                return .object([
                                    ("order_id", .string(package.orderId)),
                                    ("tracking_number", .string(package.trackingNumber)),
                                    ("source", .string(package.source.description)),
                                ])
                            }
                        ),
                        ("voided_labels", .int(coverage.voidedLabels)),
                        ("shipment_rows_without_tracking", .int(coverage.shipmentRowsWithoutTracking)),
                        (
                            "unknown_services",
                            .array(
                                coverage.unknownServices.sorted { $0.key < $1.key }.map {
                                    .object([("name", .string($0.key)), ("count", .int($0.value))])
                                })
                        ),
                        (
                            "unknown_statuses",
                            .array(
                                coverage.unknownStatuses.sorted { $0.key < $1.key }.map {
                                    .object([("text", .string($0.key)), ("count", .int($0.value))])
                                })
                        ),
                        (
                            "unknown_payment_statuses",
                            .array(
                                coverage.unknownPaymentStatuses.sorted { $0.key < $1.key }.map {
                                    .object([("text", .string($0.key)), ("count", .int($0.value))])
                                })
                        ),
                        (
                            "unknown_fulfillment_statuses",
                            .array(
                                coverage.unknownFulfilmentStatuses.sorted { $0.key < $1.key }.map {
                                    .object([("text", .string($0.key)), ("count", .int($0.value))])
                                })
                        ),
                        ("fulfilled_without_package", .int(coverage.fulfilledWithoutPackage)),
                        ("tracking_without_package", .int(coverage.trackingWithoutPackage)),
                        ("tracking_reused", .int(coverage.recycledTracking)),
                        (
                            "checks_skipped",
                            .array(
                                coverage.skips.map { skip in
                                    .object([
                                        ("rule", .string(skip.rule)), ("reason", .string(skip.reason)),
                                        ("orders", .int(skip.orders)),
                                        ("items", .array(skip.items.map(JSONValue.string))),
                                    ])
                                })
                        ),
                    ])
                ),
                ("rejects", .array(report.rejects.map(problem))),
                ("warnings", .array(report.warnings.map(problem))),
            ] + (report.changes.map { [("changes", changes($0, zone: report.clock.zone))] } ?? []))
    }

    /// New, still open, resolved, and the trend: present when the run keeps a history.
    static func changes(_ changes: HistoryChanges, zone: TimeZone) -> JSONValue {
        func resolved(_ item: HistoryChanges.Resolved) -> JSONValue {
            .object([
                ("order_id", .string(item.orderId)), ("rule", .string(item.rule)),
                ("first_seen", .string(localTimestamp(item.firstSeen, zone))),
                ("resolved_at", .string(localTimestamp(item.resolvedAt, zone))),
                ("note", item.note.map(JSONValue.string) ?? .null),
            ])
        }
        return .object([
            (
                "new",
                .array(changes.new.map { .object([("order_id", .string($0.orderId)), ("rule", .string($0.rule))]) })
            ),
            (
                "still_open",
                .array(
                    changes.stillOpen.map {
                        .object([
                            ("order_id", .string($0.orderId)), ("rule", .string($0.rule)),
                            ("first_seen", .string(localTimestamp($0.firstSeen, zone))),
                            ("days_open", .int($0.daysOpen)),
                        ])
                    })
            ),
            ("resolved", .array(changes.resolved.map(resolved))),
            ("resolved_by_hand", .array(changes.resolvedByHand.map(resolved))),
            (
                "trend",
                .array(
                    changes.trend.map {
                        .object([
                            ("as_of", .string(localTimestamp($0.asOf, zone))), ("orders", .int($0.orders)),
                            ("flagged_orders", .int($0.flaggedOrders)),
                            ("flags", .int($0.flags)), ("money_at_stake", .string($0.money)),
                        ])
                    })
            ),
        ])
    }

    static func money(_ money: Money) -> JSONValue {
        .object([("amount", .money(money.amount)), ("currency", .string(money.currency))])
    }

    static func problem(_ problem: InputProblem) -> JSONValue {
        .object([
            ("file", .string(problem.location.file)), ("line", .int(problem.location.line)),
            ("column", problem.column.map(JSONValue.string) ?? .null),
            ("value", problem.value.map(JSONValue.string) ?? .null),
            ("reason", .string(problem.reason)), ("hint", .string(problem.hint)),
        ])
    }

    /// ISO 8601 in UTC, to the second.
    /// `2026-11-19T14:00:00-05:00`: the instant in `zone`'s local time with its offset (ISO 8601).
    public static func localTimestamp(_ date: Date, _ zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let utc = timestamp(date.addingTimeInterval(Double(offset)))
        let minutes = abs(offset) / 60
        return String(utc.dropLast()) + (offset < 0 ? "-" : "+") + NumberText.padded(minutes / 60, 2) + ":"
            + NumberText.padded(minutes % 60, 2)
    }

    /// `2026-11-19 14:00`: the instant in `zone`'s local time, as a spreadsheet reads a date and time.
    public static func spreadsheetTime(_ date: Date, _ zone: TimeZone) -> String {
        let local = timestamp(date.addingTimeInterval(Double(zone.secondsFromGMT(for: date))))
        return String(local.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    public static func timestamp(_ date: Date) -> String {
        // Formatted by hand: an ISO8601DateFormatter per call was a tenth of a large run's time.
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = seconds - days * 86_400
        let day = LocalDay(number: days).description
        guard day.utf8.count == 10 else {
            return
                "\(day)T\(NumberText.padded(inDay / 3600, 2)):\(NumberText.padded(inDay % 3600 / 60, 2)):\(NumberText.padded(inDay % 60, 2))Z"
        }
        return NumberText.fixed { out in
            for byte in day.utf8 { out.put(byte) }
            out.put(0x54)
            out.digits(inDay / 3600, width: 2)
            out.put(0x3A)
            out.digits(inDay % 3600 / 60, width: 2)
            out.put(0x3A)
            out.digits(inDay % 60, width: 2)
            out.put(0x5A)
        }
    }
}
