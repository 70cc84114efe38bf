import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags a label voided in the shipments export that a carrier invoice still charges: the charges on its tracking
/// number add up to more than nothing (a void credit that cancels them leaves nothing to dispute).
///
/// One flag per voided label charged. Evidence: the void's row and each charge line. Money at stake: the net charged.
/// Deadline: the last charging invoice's date plus `[invoices] dispute_days`.
public struct VoidedLabelBilledRule: InvoiceRule {
    public static let id = "voided_label_billed"
    public static let summary = "A label voided in the shipments export that an invoice still charges: dispute it."
    public static let needs: [InputKind] = [.shipments, .invoices]

    public static func thresholds(_ configuration: Configuration) -> [String] {
        [InvoicePackages.disputeWindow(configuration)]
    }

    /// Creates the rule.
    public init() {}

    public func check(_ package: InvoicedPackage, context: RuleContext, emit: (Finding) -> Void) -> String? {
        guard let label = package.voided else { return nil }
        let (tracking, lines) = (package.tracking, package.lines)
        let net = lines.reduce(Decimal()) { $0 + $1.amount }
        guard net > 0, let last = lines.last else { return nil }
        let (currency, voidRow) = (last.currency, label.source)
        let name = package.voidedOrderName ?? label.orderId
        emit(
            Finding(
                rule: Self.id, severity: .medium, orderId: label.orderId.isEmpty ? tracking : label.orderId,
                orderName: name.isEmpty ? "tracking \(tracking)" : name,
                message:
                    "Label \(tracking) was voided (\(voidRow.description)) but invoice \(last.invoice) charges \(Money.format(net)) \(currency) for it",
                evidence: ([
                    ("tracking_number", .string(tracking)), ("voided_row", .string(voidRow.description)),
                    ("net_charged", .string(Money.format(net))), ("currency", .string(currency)),
                    (
                        "charges",
                        .array(
                            lines.map { line in
                                .object([
                                    ("invoice", .string(line.invoice)),
                                    ("charge", .string(line.description.isEmpty ? line.code : line.description)),
                                    ("amount", .string(Money.format(line.amount))),
                                    ("source", .string(line.source.description)),
                                ])
                            })
                    ),
                ] as Evidence).disputing(last),
                moneyAtStake: Money(net, currency),
                action:
                    "Dispute the charges for voided label \(tracking) with \(last.carrier.isEmpty ? "the carrier" : last.carrier)",
                sources: [voidRow] + lines.map(\.source), moneyKind: "voided label billed",
                deadline: InvoicePackages.disputeDeadline(last, context), owner: .carrierClaims))
        return nil
    }
}
