import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// `--format table`: the flags as an aligned text table for a terminal; severity in colour only when asked (the
/// command asks only when standard output is a terminal).
public enum TableWriter {
    /// Renders the flags, most urgent first; `width` bounds the action column.
    public static func render(_ report: Report, zone: TimeZone, colour: Bool, width: Int = 160) -> String {
        let digest = ReportDigest(report)
        let header = ["ORDER", "RULE", "SEVERITY", "ACT BY", "AT STAKE", "OWNER", "ACTION"]
        var rows: [[String]] = digest.actions.map { finding in
            [
                finding.orderName, finding.rule, finding.severity.rawValue,
                finding.deadline.map { ReportDigest.when($0, zone) } ?? "-",
                finding.moneyAtStake?.description ?? "-", finding.owner.rawValue, finding.action,
            ].map(oneLine)
        }
        rows.insert(header, at: 0)
        var widths = (0..<header.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        let fixed = widths.dropLast().reduce(0, +) + 2 * (header.count - 1)
        widths[header.count - 1] = max(20, min(widths[header.count - 1], width - fixed))
        var out = ""
        for (index, row) in rows.enumerated() {
            var cells: [String] = []
            for (column, cell) in row.enumerated() {
                var text = cell.count > widths[column] ? String(cell.prefix(widths[column] - 1)) + "…" : cell
                if column < row.count - 1 { text = text.padding(toLength: widths[column], withPad: " ", startingAt: 0) }
                if colour && index > 0 && column == 2 { text = paint(text, row[2]) }
                cells.append(text)
            }
            out += cells.joined(separator: "  ") + "\n"
        }
        if report.findings.isEmpty { out += "(no flags)\n" }
        return out
    }

    static func paint(_ text: String, _ severity: String) -> String {
        let code = severity == "high" ? "31" : severity == "medium" ? "33" : "36"
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// Control characters (terminal escapes in hostile input) removed, line breaks as spaces.
    /// A cell on one line, its control characters shown escaped (`TerminalText`).
    static func oneLine(_ text: String) -> String { TerminalText.escaped(text, keepingNewlines: false) }
}
