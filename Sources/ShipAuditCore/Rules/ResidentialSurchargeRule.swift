import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags a residential surcharge (UPS code `RES`, a line described as a residential surcharge or delivery charge)
/// on a package whose receiver is a company: as the invoice names it (`Receiver Company Name`, `Recipient Company`), or
/// as the orders export's shipping address does (Shopify's `Shipping Company`). To review: a business address billed as
/// a home. A package with no company named is not judged.
///
/// One flag per package. Evidence: the surcharge, the company, the invoice and its row, the label's row. Money at
/// stake: the surcharges. Deadline: the invoice's date plus `[invoices] dispute_days`.
public struct ResidentialSurchargeRule: InvoiceRule {
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

    public func check(_ package: InvoicedPackage, context: RuleContext, emit: (Finding) -> Void) -> String? {
        // Most packages have none: told without copying their lines.
        guard package.lines.contains(where: Self.isResidentialSurcharge) else { return nil }
        let (tracking, lines) = (package.tracking, package.lines)
        let surcharges = lines.filter(Self.isResidentialSurcharge)
        guard let first = surcharges.first else { return nil }
        let order = package.order
        // The company the invoice names as the receiver, else the order's shipping address's.
        let named = lines.lazy.map(\.package.receiverCompany).first(where: { !$0.isEmpty })
        guard let company = named ?? package.shippingCompany else { return nil }
        let amount = surcharges.reduce(Decimal()) { $0 + $1.amount }
        var evidence: Evidence = [
            ("tracking_number", .string(tracking)), ("receiver_company", .string(company)),
            ("company_from", .string(named != nil ? "the invoice" : "the orders export")),
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
        return nil
    }
}
