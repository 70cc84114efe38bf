import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// One charge line of a carrier's invoice: what the carrier billed for one package.
///
/// A value whose fields (`Fields`, read as the line's own: `line.amount`) live in one shared, immutable box: the
/// invoice checks pass a package's lines through filters and tuples, and copying a line is then one reference, not its
/// dozen strings.
@dynamicMemberLookup
public struct InvoiceLine: Sendable, Hashable {
    /// What a line says.
    public struct Fields: Sendable, Hashable {
        /// The carrier (`ups`, `fedex`), from the layout or the file.
        public let carrier: String
        /// The invoice number, normalised: non-alphanumerics and leading zeros dropped (UPS writes
        /// `000000691317025`).
        public let invoiceNumber: String
        /// The invoice's date, as written (`2026-11-21`); with the number and the carrier it names the invoice (UPS
        /// recycles invoice numbers).
        public let invoiceDate: Date?
        /// The package's tracking number, normalised as the shipments export's are.
        public let trackingNumber: String
        /// The charge's code (UPS `Charge Category Detail Code`: `SHP`, `VOID`, `ADC`, `SCC`, `GSR`…), upper case.
        public let code: String
        /// The charge's description (`Ground Residential`, `Fuel Surcharge`).
        public let description: String
        /// The amount billed (negative for a credit).
        public let amount: Decimal
        /// The invoice's currency.
        public let currency: String
        /// The package's ship date on the invoice.
        public let shipDate: Date?
        /// The row.
        public let source: SourceLocation
        /// What the invoice says of the package: weights, dimensions, zone, receiver.
        public let package: BilledPackage
        /// What the charge is for, told from its code and description (`ChargeKind.of`) as it is read.
        public let kind: ChargeKind
    }

    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private let box: Box

    /// A line with every field given.
    public init(
        carrier: String, invoiceNumber: String, invoiceDate: Date?, trackingNumber: String, code: String,
        description: String, amount: Decimal, currency: String, shipDate: Date?, source: SourceLocation,
        package: BilledPackage = BilledPackage(), kind: ChargeKind = .other
    ) {
        box = Box(
            Fields(
                carrier: carrier, invoiceNumber: invoiceNumber, invoiceDate: invoiceDate,
                trackingNumber: trackingNumber, code: code, description: description, amount: amount,
                currency: currency, shipDate: shipDate, source: source, package: package, kind: kind))
    }

    /// A field of the line (`line.amount`).
    public subscript<Value>(dynamicMember field: KeyPath<Fields, Value>) -> Value { box.fields[keyPath: field] }

    public static func == (a: InvoiceLine, b: InvoiceLine) -> Bool { a.box === b.box || a.box.fields == b.box.fields }
    public func hash(into hasher: inout Hasher) { hasher.combine(box.fields) }

    /// The invoice it is on: carrier, number and date.
    public var invoice: String {
        "\(self.carrier) \(self.invoiceNumber)"
            + (self.invoiceDate.map { " of \(Self.day($0))" } ?? "")
    }

    /// The day of an invoice date (read as midnight UTC: a date, not an instant).
    static func day(_ date: Date) -> LocalDay {
        LocalDay(number: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// True when both lines are on one invoice: the same carrier, number and date.
    public func isOnSameInvoice(as other: InvoiceLine) -> Bool {
        self.carrier == other.carrier && self.invoiceNumber == other.invoiceNumber
            && self.invoiceDate == other.invoiceDate
    }

    /// Normalises an invoice number: `000000691317025` and `691317025` are one number.
    public static func invoiceNumber(_ text: String) -> String {
        let kept = text.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        let trimmed = kept.drop { $0 == "0" }
        return trimmed.isEmpty ? kept : String(trimmed)
    }
}
