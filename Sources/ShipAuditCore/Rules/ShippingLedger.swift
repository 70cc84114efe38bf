import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// An order's shipping P&L from the carriers' invoices: the shipping the customer paid, what its labels cost as
/// billed, what corrections added (weight, size and address corrections), and what credits took off. Orders whose
/// charges are in another currency than the order, or in two, have none: they would not add up. Amounts are kept in
/// ten-thousandths (`StoredMoney`): a million orders' ledgers take 64 bytes each.
public struct ShippingLedger: Sendable {
    public let orderId: String
    public let currency: String
    private let storedPaid: Int64, storedLabel: Int64, storedAdjustments: Int64, storedCredits: Int64

    /// A ledger of amounts in stored form (`StoredMoney`; `paid` may be `StoredMoney.none`).
    init(orderId: String, currency: String, paid: Int64, label: Int64, adjustments: Int64, credits: Int64) {
        (self.orderId, self.currency) = (orderId, currency)
        (storedPaid, storedLabel, storedAdjustments, storedCredits) = (paid, label, adjustments, credits)
    }

    /// The shipping paid, nil when the orders export does not say.
    public var paid: Decimal? { StoredMoney.decode(storedPaid) }
    /// What the labels cost as first billed.
    public var label: Decimal { StoredMoney.decode(storedLabel) ?? 0 }
    /// What corrections added.
    public var adjustments: Decimal { StoredMoney.decode(storedAdjustments) ?? 0 }
    /// Credits, as a positive amount.
    public var credits: Decimal { StoredMoney.decode(storedCredits) ?? 0 }

    /// What shipping the order cost, net of credits.
    public var cost: Decimal { StoredMoney.decode(storedCost) ?? 0 }
    /// Paid less cost; nil without the shipping paid.
    public var net: Decimal? { storedNet.flatMap(StoredMoney.decode) }

    /// `cost` and `net` in ten-thousandths (`StoredMoney`).
    var storedCost: Int64 { storedLabel &+ storedAdjustments &- storedCredits }
    var storedNet: Int64? { storedPaid == StoredMoney.none ? nil : storedPaid &- storedCost }
    /// True when the customer paid nothing for shipping (free shipping, or shipping folded into the price).
    var paidNothing: Bool { storedPaid == 0 }

    /// The amounts as the reports write them (`Money.format`), made without a `Decimal`.
    public var text: (paid: String?, label: String, adjustments: String, credits: String, cost: String, net: String?) {
        (
            storedPaid == StoredMoney.none ? nil : Money.format(stored: storedPaid), Money.format(stored: storedLabel),
            Money.format(stored: storedAdjustments), Money.format(stored: storedCredits),
            Money.format(stored: storedCost), storedNet.map { Money.format(stored: $0) }
        )
    }

    /// A correction of what a label was billed: the weight and size corrections `BilledWeights` knows, and address
    /// corrections.
    static func isAdjustment(_ kind: ChargeKind) -> Bool { kind == .weightCorrection || kind == .addressCorrection }

    /// The ledger of every order an invoice bills a package of (through the shipments export), in report order
    /// (`MatchedInputs.shippingLedger`), and by order slot the position of its ledger (-1: none). Cancelled orders are
    /// left out: what they cost is not a margin.
    static func entries(_ orders: MatchedOrders, _ packages: InvoicePackages) -> (
        ledgers: [ShippingLedger], ofSlot: [Int32]
    ) {
        guard packages.count > 0 else { return ([], []) }
        let (store, loaded) = (packages.store, orders.loaded)
        // Each package's order slot, through the first package of the shipments export with its tracking number.
        var slotOfShipment = [Int32](repeating: -1, count: loaded.shipments.count)
        for slot in 0..<orders.firstPackage.count {
            var index = orders.firstPackage[slot]
            while index >= 0 {
                slotOfShipment[Int(index)] = Int32(slot)
                index = orders.nextPackage[Int(index)]
            }
        }
        struct Sums {
            var label: Int64 = 0, adjustments: Int64 = 0, credits: Int64 = 0
            var currency = "", mixed = false, billed = false
        }
        var sums = [Sums](repeating: Sums(), count: loaded.orders.slotCount)
        for package in 0..<packages.count {
            let label = Int(packages.labelOf[package])
            let slot =
                label >= 0
                ? Int(slotOfShipment[label])
                : packages.voidedOrder(of: package).flatMap { loaded.orders.slot(of: $0) } ?? -1
            guard slot >= 0 else { continue }
            store.releaseResident(after: package)
            for position in packages.linePositions(package) {
                let (amount, kind) = store.amount(at: Int(position))
                let currency = store.currency(at: Int(position))
                if !sums[slot].billed {
                    (sums[slot].billed, sums[slot].currency) = (true, currency)
                } else if sums[slot].currency != currency {
                    sums[slot].mixed = true
                }
                if amount < 0 {
                    sums[slot].credits &-= amount
                } else if isAdjustment(kind) {
                    sums[slot].adjustments &+= amount
                } else {
                    sums[slot].label &+= amount
                }
            }
        }
        var ledgers: [ShippingLedger] = []
        var ofSlot = [Int32](repeating: -1, count: loaded.orders.slotCount)
        for position in orders.positions {
            let slot = loaded.orders.slot(at: Int(position))
            let entry = sums[slot]
            let order = loaded.orders.stored(slot: slot)
            guard entry.billed, !entry.mixed, !order.cancelled,
                order.currency == 0 || loaded.orders.text(number: order.currency) == entry.currency
            else { continue }
            ofSlot[slot] = Int32(ledgers.count)
            ledgers.append(
                ShippingLedger(
                    orderId: loaded.orders.id(at: Int(position)), currency: entry.currency, paid: order.shippingPaid,
                    label: entry.label, adjustments: entry.adjustments, credits: entry.credits))
        }
        return (ledgers, ofSlot)
    }
}
