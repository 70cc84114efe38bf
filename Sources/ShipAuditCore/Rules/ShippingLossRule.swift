import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags an order whose packages cost more to ship than the customer paid for shipping, by more than `[invoices]
/// loss_threshold`: the invoices' charges for its packages (labels, surcharges, adjustments, credits) summed against
/// the orders export's shipping paid. An order without a known shipping paid, or billed in another currency, is not
/// judged.
///
/// One flag per order. Evidence: the shipping P&L (paid, charged, credited, net) and every charge line. Money at
/// stake: the loss. Owner: warehouse (the rate table or the packing decided it).
public struct ShippingLossRule: InputRule {
    public static let id = "shipping_loss"
    public static let summary =
        "An order whose carrier charges exceed the shipping the customer paid by more than the threshold."
    public static let needs: [InputKind] = [.shipments, .invoices]

    public static func thresholds(_ configuration: Configuration) -> [String] {
        ["loss threshold: \(Money.format(configuration.invoices.lossThreshold)) ([invoices] loss_threshold)"]
    }

    /// Creates the rule.
    public init() {}

    public func check(_ inputs: MatchedInputs, context: RuleContext, emit: (Finding) -> Void) {
        let packages = InvoicePackages(inputs)
        var byOrder: [String: [InvoiceLine]] = [:]
        for line in inputs.loaded.invoiceLines {
            if let package = packages.order(of: line.trackingNumber) { byOrder[package.id, default: []].append(line) }
        }
        for (id, lines) in byOrder.sorted(by: { $0.key < $1.key }) {
            guard let order = inputs.loaded.orders[id], !order.isCancelled, let paid = order.shippingPaid,
                let currency = lines.first?.currency,
                lines.allSatisfy({ $0.currency == currency }), (order.currency ?? currency) == currency
            else { continue }
            let charged = lines.filter { $0.amount > 0 }.reduce(Decimal()) { $0 + $1.amount }
            let credited = lines.filter { $0.amount < 0 }.reduce(Decimal()) { $0 - $1.amount }
            let loss = charged - credited - paid
            guard loss > context.configuration.invoices.lossThreshold else { continue }
            emit(
                Finding(
                    rule: Self.id, severity: .low, orderId: id, orderName: order.displayName,
                    message:
                        "Shipping cost \(Money.format(charged - credited)) \(currency) against \(Money.format(paid)) paid: a loss of \(Money.format(loss))",
                    evidence: [
                        ("shipping_paid", .string(Money.format(paid))), ("charged", .string(Money.format(charged))),
                        ("credited", .string(Money.format(credited))), ("loss", .string(Money.format(loss))),
                        ("currency", .string(currency)),
                        (
                            "charges",
                            .array(
                                lines.map { line in
                                    .object([
                                        ("tracking_number", .string(line.trackingNumber)),
                                        ("charge", .string(line.description.isEmpty ? line.code : line.description)),
                                        ("amount", .string(Money.format(line.amount))),
                                        ("invoice", .string(line.invoice)),
                                        ("source", .string(line.source.description)),
                                    ])
                                })
                        ),
                    ],
                    moneyAtStake: Money(loss, currency),
                    action:
                        "Review the shipping rate charged at checkout for this service and destination, and the packing (surcharges, adjustments)",
                    sources: [order.firstRow] + lines.map(\.source), moneyKind: "shipping loss", owner: .warehouse))
        }
    }
}
