import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// The analyst's filters: which flags to show and write (`--rule`, `--min-severity`, `--carrier`, `--since`,
/// `--until`, `--order`). Coverage and row counts stay those of the whole run.
public struct FindingFilter: Sendable {
    /// Rule ids to keep; empty keeps all.
    public var rules: Set<String> = []
    /// The least severe level kept.
    public var minimumSeverity: Severity = .low
    /// Carrier or service text the first package must contain (case-insensitive); nil keeps all.
    public var carrier: String?
    /// Orders placed at or after this time.
    public var since: Date?
    /// Orders placed before this time.
    public var until: Date?
    /// Normalized order numbers to keep; empty keeps all.
    public var orders: Set<String> = []

    /// No filtering.
    public init() {}

    /// True when nothing is filtered.
    public var isEmpty: Bool {
        rules.isEmpty && minimumSeverity == .low && carrier == nil && since == nil && until == nil && orders.isEmpty
    }

    /// True when the flag passes every filter.
    public func keeps(_ finding: Finding) -> Bool {
        if !rules.isEmpty && !rules.contains(finding.rule) { return false }
        if finding.severity > minimumSeverity { return false }
        if let carrier, !"\(finding.carrier) \(finding.service)".localizedCaseInsensitiveContains(carrier) {
            return false
        }
        if let since, (finding.orderDate.map { $0 < since } ?? true) { return false }
        if let until, (finding.orderDate.map { $0 >= until } ?? true) { return false }
        if !orders.isEmpty && !orders.contains(finding.orderId) { return false }
        return true
    }

    /// The report with only the flags that pass.
    public func apply(to report: Report) -> Report {
        guard !isEmpty else { return report }
        var filtered = Report(
            asOf: report.asOf, inputs: report.inputs, findings: report.findings.filter(keeps),
            coverage: report.coverage,
            rejects: report.rejects, warnings: report.warnings, packages: report.packages)
        filtered.changes = report.changes
        filtered.clock = report.clock
        filtered.orderValues = report.orderValues
        filtered.countExposure(orderValues: report.orderValues)
        return filtered
    }
}
