import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags a residential surcharge (UPS code `RES`, a line described as a residential surcharge or delivery charge)
/// on a package whose receiver the invoice itself names as a company (`Receiver Company Name`, `Recipient Company`),
/// to review: a business address billed as a home. A package whose invoice names no company is not judged.
///
/// One flag per package. Evidence: the surcharge, the company, the invoice and its row, the label's row. Money at
/// stake: the surcharges. Deadline: the invoice's date plus `[invoices] dispute_days`.
public struct ResidentialSurchargeRule: InputRule {
    public static let id = "residential_surcharge"
    public static let summary =
        "A residential surcharge on a package delivered to a company, to review and dispute."
    public static let needs: [InputKind] = [.invoices]

    public static func thresholds(_ configuration: Configuration) -> [String] {
        [InvoicePackages.disputeWindow(configuration)]
    }

    /// Creates the rule.
    public init() {}

    /// A residential surcharge line (`ChargeKind.residential`), charged.
    static func isResidentialSurcharge(_ line: InvoiceLine) -> Bool { line.amount > 0 && line.kind == .residential }

    public func check(_ inputs: MatchedInputs, context: RuleContext, emit: (Finding) -> Void) {
        let packages = inputs.invoicePackages
        for (tracking, lines) in packages.linesByTracking {
            let surcharges = lines.filter(Self.isResidentialSurcharge)
            guard let first = surcharges.first,
                let company = lines.lazy.map(\.package.receiverCompany).first(where: { !$0.isEmpty })
            else { continue }
            let amount = surcharges.reduce(Decimal()) { $0 + $1.amount }
            let order = packages.order(of: tracking)
            var evidence: Evidence = [
                ("tracking_number", .string(tracking)), ("receiver_company", .string(company)),
                ("charge", .string(first.description)), ("amount", .string(Money.format(amount))),
                ("currency", .string(first.currency)), ("invoice", .string(first.invoice)),
                ("invoice_rows", .array(surcharges.map { .string($0.source.description) })),
            ]
            if let order { evidence.pair("label_row", .string(order.source.description)) }
            emit(
                Finding(
                    rule: Self.id, severity: .low, orderId: order?.id ?? tracking,
                    orderName: order?.name ?? "tracking \(tracking)",
                    message:
                        "\(tracking) to \(company) was charged a residential surcharge (\(first.description), \(Money.format(amount))) on invoice \(first.invoice)",
                    evidence: evidence.disputing(first), moneyAtStake: Money(amount, first.currency),
                    action:
                        "Review: if \(company)'s address is commercial, dispute the surcharge on invoice \(first.invoice) with \(first.carrier.isEmpty ? "the carrier" : first.carrier)",
                    sources: surcharges.map(\.source) + (order.map { [$0.source] } ?? []),
                    moneyKind: "residential surcharge", deadline: InvoicePackages.disputeDeadline(first, context),
                    owner: .carrierClaims))
        }
    }
}
