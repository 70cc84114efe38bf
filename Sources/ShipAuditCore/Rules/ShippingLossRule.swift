import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags an order whose packages cost more to ship than the customer paid for shipping, by more than `[invoices]
/// loss_threshold`: the invoices' charges for its packages (labels, surcharges, adjustments, credits) summed against
/// the orders export's shipping paid (`ShippingLedger`). Not judged, and counted: an order no invoice bills (or bills
/// in another currency than the order), one whose shipping paid is not known, and one with free shipping (0.00 paid)
/// unless `[invoices] judge_free_shipping`.
///
/// One flag per order. Evidence: the shipping P&L (paid, label, adjustments, credited, loss) and every charge line.
/// Money at stake: the loss. Owner: warehouse (the rate table or the packing decided it).
public struct ShippingLossRule: Rule {
    public static let id = "shipping_loss"
    public static let summary =
        "An order whose carrier charges exceed the shipping the customer paid by more than the threshold."
    public static let needs: [InputKind] = [.shipments, .invoices]

    public static func thresholds(_ configuration: Configuration) -> [String] {
        ["loss threshold: \(Money.format(configuration.invoices.lossThreshold)) ([invoices] loss_threshold)"]
    }

    /// Why an order is not judged: no invoice bills it.
    static let notBilled = "not billed on the invoices given (or billed in another currency than the order)"
    /// Why an order is not judged: what the customer paid for shipping is not known.
    static let noShippingPaid = "shipping paid not known"
    /// Why an order is not judged: the customer paid nothing for shipping.
    static let freeShipping =
        "free shipping (0.00 paid): its cost is the store's by design (judge it with [invoices] judge_free_shipping = true)"

    /// Creates the rule.
    public init() {}

    /// The threshold in ten-thousandths (`StoredMoney`).
    private static func threshold(_ context: RuleContext) -> Int64 {
        StoredMoney.encode(context.configuration.invoices.lossThreshold) ?? Int64.max
    }

    public func passesAtOnce(_ facts: OrderFacts, context: RuleContext) -> Bool {
        guard let net = facts.shippingNet, net != StoredMoney.none else { return false }
        if facts.freeShipping && !context.configuration.invoices.judgeFreeShipping { return false }
        return -net <= Self.threshold(context)
    }

    public func check(_ matched: MatchedOrder, context: RuleContext) -> RuleOutcome {
        guard let ledger = matched.shippingLedger else { return .skipped(reason: Self.notBilled) }
        guard let storedNet = ledger.storedNet, let paid = ledger.paid, let net = ledger.net else {
            return .skipped(reason: Self.noShippingPaid)
        }
        if ledger.paidNothing && !context.configuration.invoices.judgeFreeShipping {
            return .skipped(reason: Self.freeShipping)
        }
        guard -storedNet > Self.threshold(context) else { return .passed }
        let (loss, currency, lines) = (-net, ledger.currency, matched.invoiceLines)
        return .flagged(
            Finding(
                rule: Self.id, severity: .low, orderId: matched.order.id, orderName: matched.order.displayName,
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
                sources: [matched.order.firstRow] + lines.map(\.source), moneyKind: "shipping loss", owner: .warehouse))
    }
}
