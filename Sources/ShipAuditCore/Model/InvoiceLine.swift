import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// One charge line of a carrier's invoice: what the carrier billed for one package.
public struct InvoiceLine: Sendable, Hashable {
    /// The carrier (`ups`, `fedex`), from the layout or the file.
    public var carrier: String
    /// The invoice number, normalised: non-alphanumerics and leading zeros dropped (UPS writes `000000691317025`).
    public var invoiceNumber: String
    /// The invoice's date, as written (`2026-11-21`); with the number and the carrier it names the invoice (UPS
    /// recycles invoice numbers).
    public var invoiceDate: Date?
    /// The package's tracking number, normalised as the shipments export's are.
    public var trackingNumber: String
    /// The charge's code (UPS `Charge Category Detail Code`: `SHP`, `VOID`, `ADC`, `SCC`, `GSR`…), upper case.
    public var code: String
    /// The charge's description (`Ground Residential`, `Fuel Surcharge`).
    public var description: String
    /// The amount billed (negative for a credit).
    public var amount: Decimal
    /// The invoice's currency.
    public var currency: String
    /// The package's ship date on the invoice.
    public var shipDate: Date?
    /// The row.
    public var source: SourceLocation
    /// What the invoice says of the package: weights, dimensions, zone, receiver.
    public var package = BilledPackage()
    /// What the charge is for, told from its code and description (`ChargeKind.of`) as it is read.
    public var kind = ChargeKind.other

    /// The invoice it is on: carrier, number and date.
    public var invoice: String {
        "\(carrier) \(invoiceNumber)"
            + (invoiceDate.map { " of \(Self.day($0))" } ?? "")
    }

    /// The day of an invoice date (read as midnight UTC: a date, not an instant).
    static func day(_ date: Date) -> LocalDay {
        LocalDay(number: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// True when both lines are on one invoice: the same carrier, number and date.
    public func isOnSameInvoice(as other: InvoiceLine) -> Bool {
        carrier == other.carrier && invoiceNumber == other.invoiceNumber && invoiceDate == other.invoiceDate
    }

    /// Normalises an invoice number: `000000691317025` and `691317025` are one number.
    public static func invoiceNumber(_ text: String) -> String {
        let kept = text.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        let trimmed = kept.drop { $0 == "0" }
        return trimmed.isEmpty ? kept : String(trimmed)
    }
}
