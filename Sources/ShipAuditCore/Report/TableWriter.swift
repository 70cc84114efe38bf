import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// `--format table`: the flags as an aligned text table for a terminal; severity in colour only when asked (the
/// command asks only when standard output is a terminal).
public enum TableWriter {
    /// Renders the flags, most urgent first. `width` (a terminal's) bounds each line: the action column wraps onto
    /// lines of its own rather than being cut; nil (piped) writes every cell whole.
    public static func render(_ report: Report, zone: TimeZone, colour: Bool, width: Int? = nil) -> String {
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
        if let width { widths[header.count - 1] = max(20, min(widths[header.count - 1], width - fixed)) }
        var out = ""
        for (index, row) in rows.enumerated() {
            var cells: [String] = []
            for (column, cell) in row.enumerated() {
                var text = cell
                if column < row.count - 1 { text = text.padding(toLength: widths[column], withPad: " ", startingAt: 0) }
                if colour && index > 0 && column == 2 { text = paint(text, row[2]) }
                cells.append(text)
            }
            // The last column wraps at spaces within its width; its further lines start under it.
            let pieces = wrap(cells.removeLast(), width: widths[header.count - 1])
            out += (cells + [pieces[0]]).joined(separator: "  ") + "\n"
            for piece in pieces.dropFirst() { out += String(repeating: " ", count: fixed) + piece + "\n" }
        }
        if report.findings.isEmpty { out += "(no flags)\n" }
        return out
    }

    /// `text` in lines of at most `width` characters, broken at spaces (a word longer than the width on a line of
    /// its own).
    static func wrap(_ text: String, width: Int) -> [String] {
        guard text.count > width else { return [text] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = String(word)
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        lines.append(line)
        return lines
    }

    static func paint(_ text: String, _ severity: String) -> String {
        let code = severity == "high" ? "31" : severity == "medium" ? "33" : "36"
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// Control characters (terminal escapes in hostile input) removed, line breaks as spaces.
    /// A cell on one line, its control characters shown escaped (`TerminalText`).
    static func oneLine(_ text: String) -> String { TerminalText.escaped(text, keepingNewlines: false) }
}
