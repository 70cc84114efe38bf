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

    /// Renders the file.
    public static func render(_ report: Report) -> String {
        let zone = report.clock.zone
        var csv = CSVText()
        csv.append(header)
        let names = FileNames.all()
        for dispute in InvoiceDisputes(report).all {
            let finding = dispute.finding
            let cells = [
                finding.deadline.map { ReportJSONWriter.localTimestamp($0, zone) } ?? "",
                dispute.missed ? "yes" : "", dispute.carrier, dispute.invoiceNumber, dispute.invoiceDate,
                dispute.trackingNumber, finding.moneyAtStake?.plainText ?? "", finding.moneyAtStake?.currency ?? "",
                dispute.reason, finding.rule, finding.orderId, finding.orderName,
                finding.message,
            ]
            for (index, cell) in cells.enumerated() { csv.append(cell: cell, first: index == 0) }
            // The rows, as flags.csv writes its sources: `file:line file:line`.
            csv.append(locations: finding.sources, names: names)
            csv.endRow()
        }
        return csv.text
    }
}
