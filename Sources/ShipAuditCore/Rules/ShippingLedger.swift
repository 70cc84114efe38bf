import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// An order's shipping P&L from the carriers' invoices: the shipping the customer paid, what its labels cost as
/// billed, what corrections added (weight, size and address corrections), and what credits took off. Orders whose
/// charges are in another currency than the order, or in two, have none: they would not add up.
public struct ShippingLedger: Sendable {
    public let orderId: String
    public let currency: String
    /// The shipping paid, nil when the orders export does not say.
    public let paid: Decimal?
    public let label: Decimal
    public let adjustments: Decimal
    /// Credits, as a positive amount.
    public let credits: Decimal
    /// The order's charge lines.
    public let lines: [InvoiceLine]

    /// What shipping the order cost, net of credits.
    public var cost: Decimal { label + adjustments - credits }
    /// Paid less cost; nil without the shipping paid.
    public var net: Decimal? { paid.map { $0 - cost } }

    /// A correction of what a label was billed: the weight and size corrections `BilledWeights` knows, and address
    /// corrections.
    static func isAdjustment(_ line: InvoiceLine) -> Bool {
        BilledWeights.isWeightCorrection(line) || AddressCorrectionChargeRule.isAddressCorrection(line)
    }

    /// The ledger of every order an invoice bills a package of (through the shipments export), by order number
    /// (`MatchedInputs.shippingLedger`). Cancelled orders are left out: what they cost is not a margin.
    static func entries(_ inputs: MatchedInputs) -> [ShippingLedger] {
        let packages = inputs.invoicePackages
        var byOrder: [String: [InvoiceLine]] = [:]
        for line in inputs.loaded.invoiceLines {
            if let package = packages.order(of: line.trackingNumber) { byOrder[package.id, default: []].append(line) }
        }
        return byOrder.sorted { $0.key < $1.key }.compactMap { id, lines in
            guard let order = inputs.loaded.orders[id], !order.isCancelled, let currency = lines.first?.currency,
                lines.allSatisfy({ $0.currency == currency }), (order.currency ?? currency) == currency
            else { return nil }
            let charges = lines.filter { $0.amount > 0 }
            let adjustments = charges.filter(isAdjustment)
            return ShippingLedger(
                orderId: id, currency: currency, paid: order.shippingPaid,
                label: charges.filter { !isAdjustment($0) }.reduce(Decimal()) { $0 + $1.amount },
                adjustments: adjustments.reduce(Decimal()) { $0 + $1.amount },
                credits: lines.filter { $0.amount < 0 }.reduce(Decimal()) { $0 - $1.amount }, lines: lines)
        }
    }
}
