import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// `claims.csv`: one row per dispute of a carrier's invoice (the flags that name the invoice to dispute), soonest
/// deadline first, ready to fill a carrier's bulk dispute: carrier, invoice, tracking number, amount, reason and an
/// evidence sentence. Written on every run; without invoices it holds its header alone.
public enum ClaimsCSVWriter {
    /// The columns, in order.
    public static let header = [
        "deadline", "deadline_missed", "carrier", "invoice_number", "invoice_date", "tracking_number", "amount",
        "currency", "reason", "rule", "order_id", "order_name", "evidence", "rows",
    ]

    /// The reason a carrier's dispute form is given, by rule; another rule's flag gives its money's kind.
    static let reasons: [String: String] = [
        "billed_service_mismatch": "billed a faster service than the label's",
        "duplicate_charge": "duplicate charge",
        "voided_label_billed": "voided label billed",
        "address_correction_charge": "address correction charged (to review)",
        "billed_weight_over": "billed weight above scale and dimensional weight",
        "dim_weight_mismatch": "dimensional weight not matching the keyed dimensions",
        "residential_surcharge": "residential surcharge on a commercial address",
        "guarantee_refund_missing": "guaranteed service delivered late, not refunded",
    ]

    /// Renders the file.
    public static func render(_ report: Report) -> String {
        let zone = report.clock.zone
        let disputes = report.findings.filter { value($0, "invoice_number") != nil }
            .sorted { a, b in
                switch (a.deadline, b.deadline) {
                case (let x?, let y?) where x != y: return x < y
                case (.some, nil): return true
                case (nil, .some): return false
                default: return (a.rule, a.orderId) < (b.rule, b.orderId)
                }
            }
        var csv = CSVText()
        csv.append(header)
        let names = FileNames.all()
        for finding in disputes {
            let cells = [
                finding.deadline.map { ReportJSONWriter.localTimestamp($0, zone) } ?? "",
                report.deadlineMissed(finding) ? "yes" : "", value(finding, "carrier") ?? "",
                value(finding, "invoice_number") ?? "", value(finding, "invoice_date") ?? "",
                value(finding, "tracking_number") ?? "", finding.moneyAtStake?.plainText ?? "",
                finding.moneyAtStake?.currency ?? value(finding, "currency") ?? "",
                reasons[finding.rule] ?? finding.moneyKind, finding.rule, finding.orderId, finding.orderName,
                finding.message,
            ]
            for (index, cell) in cells.enumerated() { csv.append(cell: cell, first: index == 0) }
            // The rows, as flags.csv writes its sources: `file:line file:line`.
            csv.append(locations: finding.sources, names: names)
            csv.endRow()
        }
        return csv.text
    }

    /// A text the flag's evidence gives under `key`, nil when none.
    private static func value(_ finding: Finding, _ key: String) -> String? {
        guard let found = finding.evidence.first(where: { $0.0 == key })?.1, case .string(let text) = found else {
            return nil
        }
        return text
    }
}
