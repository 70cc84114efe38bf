import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// The packages of the shipments export by tracking number, for the invoice checks: which order shipped one.
struct InvoicePackages {
    /// A package an invoice names: its order, row, carrier and service on the label.
    struct Package {
        let id: String, name: String, source: SourceLocation, carrier: String, service: String
        /// When the shipments export says it shipped and was delivered.
        var shippedAt: Date? = nil, deliveredAt: Date? = nil
    }

    private var byTracking: [String: Package] = [:]
    /// The invoices' lines grouped by tracking number, in tracking number order (each group in file order).
    private(set) var linesByTracking: [(tracking: String, lines: [InvoiceLine])] = []

    /// No invoices.
    init() {}

    /// The packages whose tracking numbers the invoices name (only those are looked up), made once by the match for
    /// every invoice check (`MatchedInputs.invoicePackages`).
    init(_ loaded: LoadedInputs) {
        guard !loaded.invoiceLines.isEmpty else { return }
        linesByTracking = Dictionary(grouping: loaded.invoiceLines, by: \.trackingNumber).sorted { $0.key < $1.key }
            .map { ($0.key, $0.value) }
        let wanted = Set(linesByTracking.map(\.tracking))
        let shipments = loaded.shipments
        for index in shipments.indices where shipments.hasTracking(index) {
            let package = shipments[index]
            let key = ValueParsers.trackingKey(package.trackingNumber)
            guard wanted.contains(key), byTracking[key] == nil else { continue }
            let name = loaded.orders[package.orderId]?.displayName ?? package.orderId
            byTracking[key] = Package(
                id: package.orderId, name: name, source: package.source, carrier: package.carrier,
                service: package.service, shippedAt: package.shippedAt, deliveredAt: package.deliveredAt)
        }
        // A voided label is no package, but its order is known from its row.
        for (tracking, label) in loaded.voidedTracking where wanted.contains(tracking) {
            guard byTracking[tracking] == nil, !label.orderId.isEmpty else { continue }
            let name = loaded.orders[label.orderId]?.displayName ?? label.orderId
            byTracking[tracking] = Package(
                id: label.orderId, name: name, source: label.source, carrier: "", service: "")
        }
    }

    /// The order that shipped the package with this tracking number, nil when no package has it.
    func order(of tracking: String) -> Package? { byTracking[tracking] }

    /// The dispute window as `shipaudit rules` shows it.
    static func disputeWindow(_ configuration: Configuration) -> String {
        "dispute window: \(configuration.invoices.disputeDays) days after the invoice's date ([invoices] dispute_days)"
            + configuration.invoices.carrierDisputeDays.sorted { $0.key < $1.key }.map { ", \($0.key) \($0.value)" }
            .joined() + (configuration.invoices.carrierDisputeDays.isEmpty ? "" : " ([invoices.carrier_dispute_days])")
    }

    /// The last day to dispute a charge: the invoice's date plus the dispute window, nil without a date.
    static func disputeDeadline(_ line: InvoiceLine, _ context: RuleContext) -> Date? {
        line.invoiceDate.map {
            LocalDay($0, in: context.configuration.timeZone).adding(
                context.configuration.invoices.disputeDays(for: line.carrier)
            )
            .end(in: context.configuration.timeZone)
        }
    }
}

extension PackedObject {
    /// This evidence with the invoice a dispute is made on, as `claims.csv` reads it: `carrier`, `invoice_number`,
    /// `invoice_date`.
    func disputing(_ line: InvoiceLine) -> Self {
        var evidence = self
        evidence.pair("carrier", .string(line.carrier))
        evidence.pair("invoice_number", .string(line.invoiceNumber))
        evidence.pair(
            "invoice_date",
            line.invoiceDate.map { .string(LocalDay($0, in: TimeZone(identifier: "UTC")!).description) } ?? .null)
        return evidence
    }
}
