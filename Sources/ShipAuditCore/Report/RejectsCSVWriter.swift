import ShipAuditCSV
import ShipAuditStorage

/// `rejects.csv`: every row that was not used, with file, line, column, value and reason.
public enum RejectsCSVWriter {
    /// The columns, in order.
    public static let header = ["file", "line", "column", "value", "reason"]

    /// Renders the file.
    public static func render(_ report: Report) -> String {
        var csv = CSVText()
        csv.append(header)
        for problem in report.rejects {
            let reason = problem.hint.isEmpty ? problem.reason : "\(problem.reason) (\(problem.hint))"
            csv.append([
                problem.location.file, String(problem.location.line), problem.column ?? "", problem.value ?? "", reason,
            ])
        }
        return csv.text
    }
}
