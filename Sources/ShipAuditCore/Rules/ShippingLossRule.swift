import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags an order whose packages cost more to ship than the customer paid for shipping, by more than `[invoices]
/// loss_threshold`: the invoices' charges for its packages (labels, surcharges, adjustments, credits) summed against
/// the orders export's shipping paid. An order without a known shipping paid, or billed in another currency, is not
/// judged.
///
/// One flag per order. Evidence: the shipping P&L (`ShippingLedger`: paid, label, adjustments, credited, loss) and
/// every charge line. Money at stake: the loss. Owner: warehouse (the rate table or the packing decided it).
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
        // Compared in ten-thousandths: a million ledgers, most of them no loss.
        let threshold = StoredMoney.encode(context.configuration.invoices.lossThreshold) ?? Int64.max
        for ledger in inputs.shippingLedger {
            // The loss first: only a loss makes the order's value.
            guard let storedNet = ledger.storedNet, -storedNet > threshold, let paid = ledger.paid,
                let net = ledger.net, let order = inputs.loaded.orders[ledger.orderId]
            else { continue }
            let loss = -net
            let (id, currency) = (ledger.orderId, ledger.currency)
            let lines = inputs.invoicePackages.lines(ofOrder: id, inputs)
            emit(
                Finding(
                    rule: Self.id, severity: .low, orderId: id, orderName: order.displayName,
                    message:
                        "Shipping cost \(Money.format(ledger.cost)) \(currency) against \(Money.format(paid)) paid: a loss of \(Money.format(loss))",
                    evidence: [
                        ("shipping_paid", .string(Money.format(paid))), ("label", .string(Money.format(ledger.label))),
                        ("adjustments", .string(Money.format(ledger.adjustments))),
                        ("credited", .string(Money.format(ledger.credits))), ("loss", .string(Money.format(loss))),
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
