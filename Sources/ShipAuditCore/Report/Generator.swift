/// The program that writes the reports, named in report.json (`generator`), the HTML footer and `--version`.
public enum Generator {
    public static let name = "shipaudit"
    /// Raised with each release; the reports' schema has its own version (`ReportJSONWriter.schema`).
    public static let version = "0.9.0"
}
