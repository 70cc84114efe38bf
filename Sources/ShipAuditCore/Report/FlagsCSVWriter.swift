import ShipAuditCSV
import ShipAuditStorage

/// `flags.csv`: one row per flag, for a spreadsheet.
public enum FlagsCSVWriter {
    /// The columns, in order.
    public static let header = [
        "order_id", "order_name", "rule", "severity", "money_at_stake", "currency", "money_kind", "owner",
        "deadline", "deadline_local", "deadline_missed", "action", "message", "carrier", "service", "sources",
        "shipping_paid", "shipping_label", "shipping_adjustments", "shipping_credits",
    ]

    /// Renders the file as one string.
    public static func render(_ report: Report) -> String { renderText(report).string }

    /// Renders the file in parts; the rows in slices on every core.
    public static func renderText(_ report: Report) -> ReportText {
        var csv = CSVText()
        csv.append(header)
        var text = ReportText()
        text.append(bytes: csv.bytes)
        // Each flagged order's shipping P&L, when the invoices bill it (empty cells otherwise).
        // Only the flagged orders' ledgers are looked up: a run over a million orders has a ledger for each.
        let flagged = Set(report.findings.map(\.orderId))
        let ledger = Dictionary(
            report.shippingLedger.lazy.filter { flagged.contains($0.orderId) }.map { ($0.orderId, $0) },
            uniquingKeysWith: { a, _ in a })
        text.append(
            SlicedText.parts(count: report.findings.count) { [zone = report.clock.zone] slice, out in
                var rows = CSVText(reusing: &out, capacity: slice.count * 640)
                let names = FileNames.all()
                // Each flag's cells written one by one: a row made as an array of its fourteen cells cost an array a row.
                do {
                    for index in slice {
                        let finding = report.findings[index]
                        rows.append(cell: finding.orderId, first: true)
                        rows.append(cell: finding.orderName)
                        rows.append(cell: finding.rule)
                        rows.append(cell: finding.severity.rawValue)
                        rows.append(cell: finding.moneyAtStake?.plainText ?? "")
                        rows.append(cell: finding.moneyAtStake?.currency ?? "")
                        rows.append(cell: finding.moneyKind)
                        rows.append(cell: finding.owner.rawValue)
                        // The store's local time with its offset, and the same as a spreadsheet reads a date.
                        rows.append(cell: finding.deadline.map { ReportJSONWriter.localTimestamp($0, zone) } ?? "")
                        rows.append(cell: finding.deadline.map { ReportJSONWriter.spreadsheetTime($0, zone) } ?? "")
                        rows.append(cell: report.deadlineMissed(finding) ? "yes" : "")
                        rows.append(cell: finding.action)
                        rows.append(cell: finding.message)
                        rows.append(cell: finding.carrier)
                        rows.append(cell: finding.service)
                        rows.append(locations: finding.sources, names: names)
                        if let entry = ledger.isEmpty ? nil : ledger[finding.orderId] {
                            rows.append(cell: entry.paid.map(Money.format) ?? "")
                            rows.append(cell: Money.format(entry.label))
                            rows.append(cell: Money.format(entry.adjustments))
                            rows.append(cell: Money.format(entry.credits))
                        } else {
                            rows.append(cell: "")
                            rows.append(cell: "")
                            rows.append(cell: "")
                            rows.append(cell: "")
                        }
                        rows.endRow()
                    }
                }
                rows.moveBytes(to: &out)
            })
        return text
    }
}
