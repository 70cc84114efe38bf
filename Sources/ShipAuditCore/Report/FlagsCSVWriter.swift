import ShipAuditCSV
import ShipAuditStorage
/// `flags.csv`: one row per flag, for a spreadsheet.
public enum FlagsCSVWriter {
    /// The columns, in order.
    public static let header = ["order_id", "order_name", "rule", "severity", "money_at_stake", "currency", "money_kind", "owner",
                                "deadline", "action", "message", "carrier", "service", "sources"]

    /// Renders the file as one string.
    public static func render(_ report: Report) -> String { renderText(report).string }

    /// Renders the file in parts; the rows in slices on every core.
    public static func renderText(_ report: Report) -> ReportText {
        var csv = CSVText()
        csv.append(header)
        var text = ReportText()
        text.append(bytes: csv.bytes)
        text.append(SlicedText.parts(count: report.findings.count) { slice, out in
            var rows = CSVText(reusing: &out, capacity: slice.count * 640)
            let names = FileNames.all()
            // Each flag read in place and its cells written one by one: a `for` over the slice copied every flag
            // whole, and each row made an array of its fourteen cells.
            report.findings.withUnsafeBufferPointer { findings in
                for index in slice {
                    let finding = UnsafePointer(findings.baseAddress! + index)
                    rows.append(cell: finding.pointee.orderId, first: true)
                    rows.append(cell: finding.pointee.orderName)
                    rows.append(cell: finding.pointee.rule)
                    rows.append(cell: finding.pointee.severity.rawValue)
                    rows.append(cell: finding.pointee.moneyAtStake?.plainText ?? "")
                    rows.append(cell: finding.pointee.moneyAtStake?.currency ?? "")
                    rows.append(cell: finding.pointee.moneyKind)
                    rows.append(cell: finding.pointee.owner.rawValue)
                    rows.append(cell: finding.pointee.deadline.map(ReportJSONWriter.timestamp) ?? "")
                    rows.append(cell: finding.pointee.action)
                    rows.append(cell: finding.pointee.message)
                    rows.append(cell: finding.pointee.carrier)
                    rows.append(cell: finding.pointee.service)
                    rows.append(locations: finding.pointee.sources, names: names)
                    rows.endRow()
                }
            }
            rows.moveBytes(to: &out)
        })
        return text
    }
}
