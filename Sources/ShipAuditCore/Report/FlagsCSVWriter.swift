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
        text.append(SlicedText.parts(count: report.findings.count) { slice in
            var rows = CSVText(byteOrderMark: false, capacity: slice.count * 640)
            for finding in report.findings[slice] {
                rows.append([finding.orderId, finding.orderName, finding.rule, finding.severity.rawValue,
                             finding.moneyAtStake?.plainText ?? "", finding.moneyAtStake?.currency ?? "", finding.moneyKind,
                             finding.owner.rawValue, finding.deadline.map(ReportJSONWriter.timestamp) ?? "", finding.action,
                             finding.message, finding.carrier, finding.service, finding.sources.map(\.description).joined(separator: " ")])
            }
            return rows.bytes
        })
        return text
    }
}
