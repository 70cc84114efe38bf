import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags, for review, an address correction the carrier charged: UPS's `ADC` charge code, or a line described as an
/// address correction. The address the store sent was wrong or incomplete: worth fixing at the source (the checkout's
/// validation, the customer's address book), and worth disputing when the address was right.
///
/// One flag per charge line. Evidence: the line, its invoice and row, the package's row. Money at stake: the charge.
public struct AddressCorrectionChargeRule: InvoiceRule {
    public static let id = "address_correction_charge"
    public static let summary = "An address correction the carrier charged: check the address, dispute if it was right."
    public static let needs: [InputKind] = [.invoices]

    public static func thresholds(_ configuration: Configuration) -> [String] {
        [InvoicePackages.disputeWindow(configuration)]
    }

    /// Creates the rule.
    public init() {}

    public func check(_ package: InvoicedPackage, context: RuleContext, emit: (Finding) -> Void) -> String? {
        // Most packages have none: told without copying their lines.
        guard package.lines.contains(where: Self.isAddressCorrection) else { return nil }
        let order = package.order
        for line in package.lines where line.amount > 0 && Self.isAddressCorrection(line) {
            var evidence: Evidence = [
                ("tracking_number", .string(line.trackingNumber)), ("charge", .string(line.description)),
                ("code", .string(line.code)), ("amount", .string(Money.format(line.amount))),
                ("currency", .string(line.currency)), ("invoice", .string(line.invoice)),
                ("row", .string(line.source.description)),
            ]
            if let order { evidence.string("package_row", order.source.description) }
            emit(
                Finding(
                    rule: Self.id, severity: .low, orderId: order?.id ?? line.trackingNumber,
                    orderName: order?.name ?? "tracking \(line.trackingNumber)",
                    message:
                        "Address correction of \(Money.format(line.amount)) \(line.currency) for \(line.trackingNumber) on invoice \(line.invoice)",
                    evidence: evidence.disputing(line), moneyAtStake: Money(line.amount, line.currency),
                    action:
                        "Check the shipping address against the order; dispute with \(line.carrier.isEmpty ? "the carrier" : line.carrier) if it was right, else fix it where it was entered",
                    sources: [line.source] + (order.map { [$0.source] } ?? []), moneyKind: "address correction",
                    deadline: InvoicePackages.disputeDeadline(line, context), owner: .customerService))
        }
        return nil
    }

    /// UPS's `ADC` code, or a description that says address correction (`ChargeKind.addressCorrection`).
    static func isAddressCorrection(_ line: InvoiceLine) -> Bool { line.kind == .addressCorrection }
}
