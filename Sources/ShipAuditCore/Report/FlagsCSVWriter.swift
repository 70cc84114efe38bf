/// `flags.csv`: one row per flag, for a spreadsheet.
public enum FlagsCSVWriter {
    /// The columns, in order.
    public static let header = ["order_id", "order_name", "rule", "severity", "money_at_stake", "currency", "action", "message", "sources"]

    /// Renders the file.
    public static func render(_ report: Report) -> String {
        var csv = CSVText()
        csv.append(header)
        for finding in report.findings {
            csv.append([finding.orderId, finding.orderName, finding.rule, finding.severity.rawValue,
                        finding.moneyAtStake?.plainText ?? "", finding.moneyAtStake?.currency ?? "", finding.action,
                        finding.message, finding.sources.map(\.description).joined(separator: " ")])
        }
        return csv.text
    }
}
