import Foundation

/// Every order read, in compact columns: one 48-byte record per order, one 32-byte record per line item, repeated
/// texts numbered. `Order` values are made from it when a stage asks for one, so memory grows by about a hundred
/// bytes per order, whatever the size of the export's rows.
public struct OrderStore: Sendable {
    struct StoredOrder {
        var displayName: UInt32
        var currency: UInt32
        var method: UInt32
        var file: UInt32
        var line: UInt32
        var firstLine: Int32
        var lastLine: Int32
        var cancelled: Bool
        var unpaid: Bool
        var createdAt: Double       // seconds since 1970; NaN: none
        var promised: Double        // promised delivery, seconds since 1970; NaN: none
        var shippingPaid: Int64     // StoredMoney
    }

    struct StoredLine {
        var sku: UInt32
        var name: UInt32
        var quantity: Int32
        var file: UInt32
        var line: UInt32
        var next: Int32             // the order's next line, -1 at the end
        var flags: UInt8            // 1: requires shipping, 2: fulfillment known, 4: fulfilled
        var unitPrice: Int64        // StoredMoney
    }

    /// Each normalized order number's slot.
    private(set) var slots: [String: Int32] = [:]
    private var orders: [StoredOrder] = []
    private var lines: [StoredLine] = []
    private var texts = TextTable()

    /// Creates an empty store.
    public init() {}

    /// The number of orders.
    public var count: Int { slots.count }

    /// Every normalized order number, in no particular order.
    public var ids: Dictionary<String, Int32>.Keys { slots.keys }

    /// True when the order is known.
    public func contains(_ id: String) -> Bool { slots[id] != nil }

    /// The file the order was first read from.
    public func firstFile(of id: String) -> String? { slots[id].map { texts[orders[Int($0)].file] } }

    /// The order, made from its stored rows. Setting replaces it whole (used by tests and small inputs).
    public subscript(id: String) -> Order? {
        get { slots[id].map { order(slot: Int($0), id: id) } }
        set {
            guard let order = newValue else { return }
            var first = true
            for line in order.lines {
                add(id: id, displayName: order.displayName, firstRow: order.firstRow, line: line,
                    unitPrice: StoredMoney.encode(line.unitPrice) ?? StoredMoney.none, replacing: first)
                first = false
            }
            if order.lines.isEmpty { _ = slot(for: id, displayName: order.displayName, firstRow: order.firstRow, replacing: true) }
            let slot = Int(slots[id]!)
            orders[slot].createdAt = order.createdAt?.timeIntervalSince1970 ?? .nan
            orders[slot].shippingPaid = StoredMoney.encode(order.shippingPaid) ?? StoredMoney.none
            orders[slot].currency = texts.number(order.currency ?? "")
            orders[slot].method = texts.number(order.shippingMethod ?? "")
            orders[slot].cancelled = order.isCancelled
            orders[slot].unpaid = !order.isPaid
            orders[slot].promised = order.promisedDelivery?.timeIntervalSince1970 ?? .nan
        }
    }

    /// Adds one line-item row: creates the order on its first row, fills order-level fields still empty (Shopify
    /// writes them on the first row only), marks it cancelled when any row says so. `shippingPaid` must encode.
    mutating func add(id: String, displayName: String, firstRow: SourceLocation, line: OrderLine, unitPrice: Int64,
                      createdAt: Date?, shippingPaid: Int64, currency: String, method: String, cancelled: Bool,
                      paid: Bool = true, promised: Date? = nil) {
        add(id: id, displayName: displayName, firstRow: firstRow, line: line, unitPrice: unitPrice, replacing: false)
        let slot = Int(slots[id]!)
        if orders[slot].createdAt.isNaN, let createdAt { orders[slot].createdAt = createdAt.timeIntervalSince1970 }
        if orders[slot].shippingPaid == StoredMoney.none { orders[slot].shippingPaid = shippingPaid }
        if orders[slot].currency == 0 { orders[slot].currency = texts.number(currency) }
        if orders[slot].method == 0 { orders[slot].method = texts.number(method) }
        if cancelled { orders[slot].cancelled = true }
        if !paid { orders[slot].unpaid = true }
        if orders[slot].promised.isNaN, let promised { orders[slot].promised = promised.timeIntervalSince1970 }
    }

    private mutating func add(id: String, displayName: String, firstRow: SourceLocation, line: OrderLine, unitPrice: Int64,
                              replacing: Bool) {
        let slot = slot(for: id, displayName: displayName, firstRow: firstRow, replacing: replacing)
        var flags: UInt8 = line.requiresShipping ? 1 : 0
        if let fulfilled = line.isFulfilled { flags |= fulfilled ? 6 : 2 }
        let index = Int32(lines.count)
        lines.append(StoredLine(sku: texts.number(line.sku), name: texts.number(line.name), quantity: Int32(clamping: line.quantity),
                                file: texts.number(line.source.file), line: UInt32(clamping: line.source.line), next: -1,
                                flags: flags, unitPrice: unitPrice))
        if orders[slot].lastLine >= 0 { lines[Int(orders[slot].lastLine)].next = index } else { orders[slot].firstLine = index }
        orders[slot].lastLine = index
    }

    private mutating func slot(for id: String, displayName: String, firstRow: SourceLocation, replacing: Bool) -> Int {
        if !replacing, let slot = slots[id] { return Int(slot) }
        let slot = orders.count
        orders.append(StoredOrder(displayName: texts.number(displayName == id ? "" : displayName), currency: 0, method: 0,
                                  file: texts.number(firstRow.file), line: UInt32(clamping: firstRow.line), firstLine: -1,
                                  lastLine: -1, cancelled: false, unpaid: false, createdAt: .nan, promised: .nan,
                                  shippingPaid: StoredMoney.none))
        slots[id] = Int32(slot)
        return slot
    }

    /// Makes the `Order` value of a stored order.
    func order(slot: Int, id: String) -> Order {
        let stored = orders[slot]
        var order = Order(id: id, displayName: texts.optional(stored.displayName) ?? id,
                          firstRow: SourceLocation(file: texts[stored.file], line: Int(stored.line)))
        order.createdAt = stored.createdAt.isNaN ? nil : Date(timeIntervalSince1970: stored.createdAt)
        order.currency = texts.optional(stored.currency)
        order.shippingPaid = StoredMoney.decode(stored.shippingPaid)
        order.shippingMethod = texts.optional(stored.method)
        order.isCancelled = stored.cancelled
        order.isPaid = !stored.unpaid
        order.promisedDelivery = stored.promised.isNaN ? nil : Date(timeIntervalSince1970: stored.promised)
        var index = stored.firstLine
        while index >= 0 {
            let line = lines[Int(index)]
            var value = OrderLine(sku: texts[line.sku], name: texts[line.name], quantity: Int(line.quantity),
                                  unitPrice: StoredMoney.decode(line.unitPrice), requiresShipping: line.flags & 1 != 0,
                                  source: SourceLocation(file: texts[line.file], line: Int(line.line)))
            value.isFulfilled = line.flags & 2 == 0 ? nil : line.flags & 4 != 0
            order.lines.append(value)
            index = line.next
        }
        return order
    }

    /// Makes room for this many more line items and orders.
    mutating func reserve(lines lineCount: Int, orders count: Int) {
        lines.reserveCapacity(lines.count + lineCount)
        orders.reserveCapacity(orders.count + count)
        slots.reserveCapacity(slots.count + count)
    }

    /// The number of slots (a replaced order leaves its old slot unused).
    var slotCount: Int { orders.count }

    /// The slot of an order, for stages that walk orders in their own sequence.
    func slot(of id: String) -> Int? { slots[id].map(Int.init) }
}
