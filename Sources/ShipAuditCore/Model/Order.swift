import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// One line item of an order, as read.
public struct OrderLine: Sendable, Hashable {
    /// The SKU, normalized (trimmed, upper-case); empty when the export has none.
    public var sku: String
    /// The item's name as the store shows it.
    public var name: String
    /// Units ordered.
    public var quantity: Int
    /// Price of one unit, when the export gives it.
    public var unitPrice: Decimal?
    /// False for items that do not ship (digital goods, gift cards): they add no weight.
    public var requiresShipping: Bool
    /// The row it came from.
    public var source: SourceLocation
    /// Whether the store marks this line shipped (Shopify `Lineitem fulfillment status`); nil when the export says nothing.
    public var isFulfilled: Bool?
    /// True when the store marks the line partly shipped (Shopify `partial`: some of its units); then `isFulfilled` is
    /// true (something shipped) and the order's packages hold only part of it.
    public var isPartiallyFulfilled = false

    /// Creates a line item.
    public init(
        sku: String, name: String, quantity: Int, unitPrice: Decimal?, requiresShipping: Bool, source: SourceLocation
    ) {
        self.sku = sku
        self.name = name
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.requiresShipping = requiresShipping
        self.source = source
    }
}

/// An order with its line items, after continuation rows were folded into it.
public struct Order: Sendable {
    /// Normalized order number used for matching (`1041` for `#1041`).
    public var id: String
    /// The order number as the export writes it (`#1041`).
    public var displayName: String
    /// When the order was placed.
    public var createdAt: Date?
    /// When it was paid, kept only when that is later than `createdAt` by more than `OrderStore.paidLaterThreshold`
    /// (draft and invoice orders paid days later): the ship clock starts then.
    public var paidAt: Date?
    /// When the store shipped the order by its own export (`fulfilled_at`, Shopify `Fulfilled at`); nil: not said.
    public var fulfilledAt: Date?
    /// Where the ship clock starts: the payment when it came later, else the order.
    public var shipClockStart: Date? { paidAt ?? createdAt }
    /// Currency of its amounts.
    public var currency: String?
    /// Shipping the customer paid.
    public var shippingPaid: Decimal?
    /// The checkout's shipping rate title or service name (`UPS Next Day Air`, `Standard Shipping (3-5 business days)`).
    public var shippingMethod: String?
    /// Cancelled or refunded orders are not checked.
    public var isCancelled: Bool
    /// False when the store has not been paid (`pending`, `authorized`): such orders are not due to ship.
    public var isPaid = true
    /// True when the export's financial status is a text no vocabulary knows (`PaymentStatus`): not checked.
    public var isPaymentStatusUnknown = false
    /// The delivery date the store promised, when the export carries one (it then wins over a computed promise).
    public var promisedDelivery: Date?
    /// Its line items in file order.
    public var lines: [OrderLine]
    /// The order's first row, where its order-level fields are.
    public var firstRow: SourceLocation

    /// Creates an empty order.
    public init(id: String, displayName: String, firstRow: SourceLocation) {
        self.id = id
        self.displayName = displayName
        self.firstRow = firstRow
        isCancelled = false
        lines = []
    }

    /// True when some shippable lines are marked fulfilled and others not: the packages hold only part of the order.
    public var isPartiallyFulfilled: Bool {
        // A loop, not filtered arrays: asked once per order checked.
        var fulfilled = false, open = false
        for line in lines where line.requiresShipping && line.quantity > 0 {
            if line.isPartiallyFulfilled { return true }
            if line.isFulfilled == true { fulfilled = true } else if line.isFulfilled == false { open = true }
        }
        return fulfilled && open
    }

    /// Σ quantity × unit price over the lines that have a price.
    public var goodsValue: Decimal {
        // `Decimal` arithmetic costs thousands of instructions an operation: no multiplication for a quantity of one,
        // no addition to the zero it starts from (most orders have one or two lines of one unit).
        var total: Decimal?
        for line in lines {
            guard let price = line.unitPrice else { continue }
            let value = line.quantity == 1 ? price : price * Decimal(line.quantity)
            total = total.map { $0 + value } ?? value
        }
        return total ?? Decimal()
    }
}
