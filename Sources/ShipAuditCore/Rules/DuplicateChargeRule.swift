import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags a charge billed twice: the same package, charge, amount and ship date on two different invoices (carrier,
/// number and date). Within one invoice a repeat can be legitimate (UPS reuses a tracking number on several
/// packages, message `dd`), so only charges on two invoices count; credits are never duplicates.
///
/// One flag per repeated charge, on the order that shipped the package (the tracking number when no package in the
/// shipments export has it). Evidence: the charge and both invoice rows. Money at stake: the amount billed again.
/// Deadline: the later invoice's date plus `[invoices] dispute_days`.
public struct DuplicateChargeRule: InvoiceRule {
    public static let id = "duplicate_charge"
    public static let summary =
        "The same charge (package, charge, amount, ship date) billed on two invoices: dispute the second."
    public static let needs: [InputKind] = [.invoices]

    public static func thresholds(_ configuration: Configuration) -> [String] {
        [InvoicePackages.disputeWindow(configuration)]
    }

    /// Creates the rule.
    public init() {}

    public func check(_ package: InvoicedPackage, context: RuleContext, emit: (Finding) -> Void) -> String? {
        // A package billed on one invoice has nothing billed twice.
        guard let invoice = package.lines.first,
            package.lines.contains(where: { !$0.isOnSameInvoice(as: invoice) })
        else { return nil }
        struct Key: Hashable {
            let code: String, description: String, amount: Decimal, shipDate: Date?
        }
        var first: [Key: InvoiceLine] = [:]
        let order = package.order
        for line in package.lines where line.amount > 0 {
            let key = Key(code: line.code, description: line.description, amount: line.amount, shipDate: line.shipDate)
            guard let earlier = first[key] else {
                first[key] = line
                continue
            }
            guard !earlier.isOnSameInvoice(as: line) else { continue }
            let charge = line.description.isEmpty ? line.code : line.description
            var evidence: Evidence = [
                ("tracking_number", .string(line.trackingNumber)), ("charge", .string(charge)),
                ("amount", .string(Money.format(line.amount))), ("currency", .string(line.currency)),
                ("first_invoice", .string(earlier.invoice)), ("first_row", .string(earlier.source.description)),
                ("second_invoice", .string(line.invoice)), ("second_row", .string(line.source.description)),
            ]
            if let package = order?.source { evidence.string("package_row", package.description) }
            emit(
                Finding(
                    rule: Self.id, severity: .medium, orderId: order?.id ?? line.trackingNumber,
                    orderName: order?.name ?? "tracking \(line.trackingNumber)",
                    message:
                        "\(charge) of \(Money.format(line.amount)) \(line.currency) for \(line.trackingNumber) is billed on invoice \(line.invoice) after invoice \(earlier.invoice)",
                    evidence: evidence.disputing(line),
                    moneyAtStake: Money(line.amount, line.currency),
                    action:
                        "Dispute the charge on invoice \(line.invoice) with \(line.carrier.isEmpty ? "the carrier" : line.carrier): it was billed on \(earlier.invoice)",
                    sources: [earlier.source, line.source] + (order.map { [$0.source] } ?? []),
                    moneyKind: "billed twice", deadline: InvoicePackages.disputeDeadline(line, context),
                    owner: .carrierClaims))
        }
        return nil
    }
}
