import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Every order read, in compact columns: one 48-byte record per order, one 24-byte record per line item, repeated
/// texts numbered, times as `PackedTime`. `Order` values are made from it when a stage asks for one, so the store
/// grows by about a hundred bytes per order, whatever the size of the export's rows. The records are `PagedArray`s:
/// with a `StoreBacking` of files, all but the order numbers' index live in a temporary file.
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
        /// The financial status is a text no vocabulary knows: the order is not checked.
        var paymentUnknown: Bool
        var created: PackedTime // none: none; wide: in `wideTimes`
        var promised: PackedTime // promised delivery; none: none; wide: in `wideTimes`
        var shippingPaid: Int64 // StoredMoney
    }

    /// A line item; its row is in the order's file (`lineFiles` when not). The order's next line item is the one
    /// after it (an order's rows follow each other), or one kept in `nextLines`.
    struct StoredLine {
        var sku: UInt32
        var name: UInt32
        var quantity: Int32
        var line: UInt32
        var unitPrice: PackedMoney // wide: in `widePrices`
        var flags: LineFlags

        /// True when the line's goods need shipping.
        var requiresShipping: Bool { flags.contains(.requiresShipping) }
        /// Whether the export marked the line fulfilled; nil when it said nothing.
        var isFulfilled: Bool? { flags.contains(.fulfilmentKnown) ? flags.contains(.fulfilled) : nil }
        /// True when the export marked the line partly fulfilled (`isFulfilled` is then true).
        var isPartiallyFulfilled: Bool { flags.contains(.partial) }
    }

    /// What a stored line's record says in bits.
    struct LineFlags: OptionSet {
        let rawValue: UInt8
        static let requiresShipping = LineFlags(rawValue: 1)
        /// The export said whether the line is fulfilled (`fulfilled` says which).
        static let fulfilmentKnown = LineFlags(rawValue: 2)
        static let fulfilled = LineFlags(rawValue: 4)
        /// The line is from another file than its order's first row: its file is in `lineFiles`.
        static let fileBeside = LineFlags(rawValue: 8)
        /// The order's next line is the record after this one.
        static let nextFollows = LineFlags(rawValue: 16)
        /// The order's next line is elsewhere: in `nextLines`.
        static let nextBeside = LineFlags(rawValue: 32)
        /// The line is partly fulfilled (with `fulfilled`).
        static let partial = LineFlags(rawValue: 64)
    }

    /// Normalized order numbers, by bytes; `slotOf` gives each one's slot (a replaced order moves to a new slot).
    private var index = ByteKeyIndex()
    private var slotOf: [Int32] = []
    /// An order number just looked up and not found, with the index slot it would take.
    private var absent: (id: String, slot: Int, asOf: Int)?
    /// The order most recently added to, and its slot (-1: none yet).
    private var last: (id: String, slot: Int) = ("", -1)
    private var orders: PagedArray<StoredOrder>
    private var lines: PagedArray<StoredLine>
    private var texts = TextTable()
    /// Every text number given to an order's shipping method, kept as orders are added (a replaced order's too: the
    /// match resolves each, once).
    private var methods = NumberSet<UInt32>()
    /// Order times (seconds since 1970, NaN: none) that do not pack, by slot.
    private var wideTimes: [Int32: (created: Double, promised: Double)] = [:]
    /// Payment times later than the order by more than `paidLaterThreshold`, by slot (rare: draft and invoice orders).
    private var paidLater: [Int32: Double] = [:]

    /// When the store shipped the order by its own export (`fulfilled_at`, Shopify `Fulfilled at`), by slot: most
    /// exports leave it empty, so it is kept beside the records.
    private var fulfilledAt: [Int32: Double] = [:]

    /// When the store shipped the order in `slot` by its export, seconds since 1970 (nil: not said).
    func fulfilledSeconds(slot: Int) -> Double? { fulfilledAt.isEmpty ? nil : fulfilledAt[Int32(slot)] }

    /// A payment this close after the order counts as at the order (Shopify writes `Paid at` seconds after
    /// `Created at` for most orders: keeping those would keep a time for every order).
    static let paidLaterThreshold: Double = 300

    /// When the order in `slot` was paid, seconds since 1970, when later than the order (nil: at the order or unknown).
    func paidLaterSeconds(slot: Int) -> Double? { paidLater.isEmpty ? nil : paidLater[Int32(slot)] }
    /// The file numbers of line items read from another file than their order's first row, by line index.
    private var lineFiles: [Int32: UInt32] = [:]
    /// The order's next line item, by line index, where it is not the one after.
    private var nextLines: [Int32: Int32] = [:]
    /// Unit prices (StoredMoney) that do not fit 32 bits, by line index.
    private var widePrices: [Int32: Int64] = [:]

    /// Creates an empty store, its records in memory or in files as `backing` says.
    public init(backing: StoreBacking = .memory) {
        orders = PagedArray(backing: backing)
        lines = PagedArray(backing: backing)
    }

    /// Hands the records' pages back to the system (file-backed records only: see `StoreBacking`).
    func releaseResident() {
        orders.releaseResident()
        lines.releaseResident()
    }

    /// True when the orders' records are in a file.
    var isFileBacked: Bool { orders.isFileBacked }

    /// The number of orders.
    public var count: Int { index.count }

    /// The currency most orders state; nil when none states one.
    public var mostCommonCurrency: String? {
        var counts: [UInt32: Int] = [:]
        for position in 0..<count { counts[orders[slot(at: position)].currency, default: 0] += 1 }
        counts[0] = nil
        guard let (number, _) = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else { return nil }
        return texts.optional(number)
    }

    /// Every normalized order number, in no particular order.
    public var ids: [String] { (0..<index.count).map(index.key(at:)) }

    /// The normalized order number at `position` (0..<count, the order first read).
    func id(at position: Int) -> String { index.key(at: position) }

    /// The slot of the order at `position`.
    func slot(at position: Int) -> Int { Int(slotOf[position]) }

    /// The position (0..<count) of an order.
    func position(of id: String) -> Int? { index.position(of: id) }

    /// True when the order is known.
    public func contains(_ id: String) -> Bool { index.position(of: id) != nil }

    /// The number (`SourceLocation.fileNumber`) of the file the order was first read from.
    mutating func firstFileNumber(of id: String) -> UInt32? {
        if id == last.id, last.slot >= 0 { return orders[last.slot].file }
        let (position, slot) = index.lookup(id)
        guard let position else {
            // Not read yet: the row about to be added needs no second probe.
            absent = (id, slot, index.changes)
            return nil
        }
        return orders[Int(slotOf[position])].file
    }

    /// The order, made from its stored rows. Setting replaces it whole (used by tests and small inputs).
    public subscript(id: String) -> Order? {
        get { slot(of: id).map { order(slot: $0, id: id) } }
        set {
            guard let order = newValue else { return }
            var first = true
            for line in order.lines {
                add(
                    id: id, displayName: order.displayName, firstRow: order.firstRow, line: numbered(line),
                    replacing: first)
                first = false
            }
            if order.lines.isEmpty {
                _ = slot(for: id, displayName: order.displayName, firstRow: order.firstRow, replacing: true)
            }
            let slot = slot(of: id)!
            setTimes(
                slot: slot, created: order.createdAt?.timeIntervalSince1970 ?? .nan,
                promised: order.promisedDelivery?.timeIntervalSince1970 ?? .nan)
            orders[slot].shippingPaid = StoredMoney.encode(order.shippingPaid) ?? StoredMoney.none
            orders[slot].currency = texts.number(order.currency ?? "")
            setMethod(slot: slot, texts.number(order.shippingMethod ?? ""))
            orders[slot].cancelled = order.isCancelled
            orders[slot].unpaid = !order.isPaid
            orders[slot].paymentUnknown = order.isPaymentStatusUnknown
            paidLater[Int32(slot)] = order.paidAt.map(\.timeIntervalSince1970)
            fulfilledAt[Int32(slot)] = order.fulfilledAt.map(\.timeIntervalSince1970)
        }
    }

    /// When the order in `slot` was placed, seconds since 1970 (NaN: not known).
    func createdSeconds(slot: Int) -> Double {
        let time = orders[slot].created
        return time == .wide ? wideTimes[Int32(slot)]!.created : time.seconds
    }

    /// The promised delivery of the order in `slot`, seconds since 1970 (NaN: none).
    func promisedSeconds(slot: Int) -> Double {
        let time = orders[slot].promised
        return time == .wide ? wideTimes[Int32(slot)]!.promised : time.seconds
    }

    private mutating func setTimes(slot: Int, created: Double, promised: Double) {
        let packed = (PackedTime.packing(created), PackedTime.packing(promised))
        if packed.0 == .wide || packed.1 == .wide {
            wideTimes[Int32(slot)] = (created, promised)
            (orders[slot].created, orders[slot].promised) = (.wide, .wide)
        } else {
            if orders[slot].created == .wide { wideTimes[Int32(slot)] = nil }
            (orders[slot].created, orders[slot].promised) = packed
        }
    }

    /// A line item whose texts are numbers of the store's text table (`text(_:)`, `text(bytes:)`).
    struct NumberedLine {
        var sku: UInt32
        var name: UInt32
        var quantity: Int
        var requiresShipping: Bool
        var isFulfilled: Bool?
        var isPartiallyFulfilled = false
        var source: SourceLocation
        var unitPrice: Int64 // StoredMoney
    }

    /// The number of a text in the store's table.
    mutating func text(_ text: String) -> UInt32 { texts.number(text) }

    /// The number of the text whose UTF-8 is `bytes` (valid UTF-8): no `String` made for a text seen before.
    mutating func text(bytes: ByteView) -> UInt32 { texts.number(bytes: bytes) }

    private mutating func numbered(_ line: OrderLine) -> NumberedLine {
        NumberedLine(
            sku: texts.number(line.sku), name: texts.number(line.name), quantity: line.quantity,
            requiresShipping: line.requiresShipping,
            isFulfilled: line.isFulfilled, isPartiallyFulfilled: line.isPartiallyFulfilled, source: line.source,
            unitPrice: StoredMoney.encode(line.unitPrice) ?? StoredMoney.none)
    }

    /// Adds one line-item row: creates the order on its first row, fills order-level fields still empty (Shopify
    /// writes them on the first row only), marks it cancelled when any row says so. `shippingPaid` must encode;
    /// `currency` and `method` are text numbers.
    /// `displayIsHashPrefixed`: the caller knows the display name is `#` and the id (`#1041`), and it is not made.
    mutating func add(
        id: String, displayName: @autoclosure () -> String, displayIsHashPrefixed: Bool = false,
        firstRow: SourceLocation, line: NumberedLine,
        createdAt: Date?, shippingPaid: Int64, currency: UInt32, method: UInt32, cancelled: Bool,
        paid: Bool = true, paymentUnknown: Bool = false, promised: Date? = nil, paidAt: Date? = nil,
        fulfilledAt shipped: Date? = nil
    ) {
        let slot = add(
            id: id, displayName: displayName(), displayIsHashPrefixed: displayIsHashPrefixed, firstRow: firstRow,
            line: line,
            replacing: false)
        if createdAt != nil && orders[slot].created == .none || promised != nil && orders[slot].promised == .none {
            let (known, promise) = (createdSeconds(slot: slot), promisedSeconds(slot: slot))
            setTimes(
                slot: slot, created: known.isNaN ? createdAt?.timeIntervalSince1970 ?? .nan : known,
                promised: promise.isNaN ? promised?.timeIntervalSince1970 ?? .nan : promise)
        }
        if orders[slot].shippingPaid == StoredMoney.none { orders[slot].shippingPaid = shippingPaid }
        if orders[slot].currency == 0 { orders[slot].currency = currency }
        if orders[slot].method == 0 { setMethod(slot: slot, method) }
        if cancelled { orders[slot].cancelled = true }
        if !paid { orders[slot].unpaid = true }
        if paymentUnknown { orders[slot].paymentUnknown = true }
        if let paidAt, case let created = createdSeconds(slot: slot), !created.isNaN,
            paidAt.timeIntervalSince1970 - created > Self.paidLaterThreshold, paidLater[Int32(slot)] == nil
        {
            paidLater[Int32(slot)] = paidAt.timeIntervalSince1970
        }
        if let shipped, fulfilledAt[Int32(slot)] == nil { fulfilledAt[Int32(slot)] = shipped.timeIntervalSince1970 }
    }

    @discardableResult
    private mutating func add(
        id: String, displayName: @autoclosure () -> String, displayIsHashPrefixed: Bool = false,
        firstRow: SourceLocation, line: NumberedLine, replacing: Bool
    ) -> Int {
        let slot = slot(
            for: id, displayName: displayName(), displayIsHashPrefixed: displayIsHashPrefixed, firstRow: firstRow,
            replacing: replacing)
        var flags: LineFlags = line.requiresShipping ? .requiresShipping : []
        if let fulfilled = line.isFulfilled {
            flags.formUnion(fulfilled ? [.fulfilmentKnown, .fulfilled] : .fulfilmentKnown)
        }
        if line.isPartiallyFulfilled { flags.insert(.partial) }
        let index = Int32(lines.count)
        if line.source.fileNumber != orders[slot].file {
            flags.insert(.fileBeside)
            lineFiles[index] = line.source.fileNumber
        }
        let price = PackedMoney.packing(line.unitPrice)
        if price == .wide { widePrices[index] = line.unitPrice }
        lines.append(
            StoredLine(
                sku: line.sku, name: line.name, quantity: Int32(clamping: line.quantity),
                line: UInt32(clamping: line.source.line), unitPrice: price, flags: flags))
        let last = orders[slot].lastLine
        if last < 0 {
            orders[slot].firstLine = index
        } else if last == index - 1 {
            lines[Int(last)].flags.insert(.nextFollows)
        } else {
            lines[Int(last)].flags.insert(.nextBeside)
            nextLines[last] = index
        }
        orders[slot].lastLine = index
        return slot
    }

    /// (`displayName` is read only when the order is new: a continuation row makes no text for it.)
    private mutating func slot(
        for id: String, displayName: @autoclosure () -> String, displayIsHashPrefixed: Bool = false,
        firstRow: SourceLocation, replacing: Bool
    ) -> Int {
        // An order's rows are usually consecutive (Shopify's continuation rows): the last order is checked first.
        if !replacing, id == last.id, last.slot >= 0 { return last.slot }
        let position =
            absent.flatMap { $0.id == id ? index.insert(id, at: $0.slot, asOf: $0.asOf) : nil } ?? index.insert(id)
        absent = nil
        defer { last = (id, Int(slotOf[position])) }
        if !replacing, position < slotOf.count { return Int(slotOf[position]) }
        let slot = orders.count
        // `#1041` for order 1041 is the usual display name: not worth a text of its own for every order.
        let display: UInt32
        if displayIsHashPrefixed {
            display = Self.hashPrefixed
        } else {
            let name = displayName()
            display = name == id ? 0 : Self.isHashPrefixed(name, id) ? Self.hashPrefixed : texts.number(name)
        }
        orders.append(
            StoredOrder(
                displayName: display, currency: 0, method: 0,
                file: firstRow.fileNumber, line: UInt32(clamping: firstRow.line), firstLine: -1,
                lastLine: -1, cancelled: false, unpaid: false, paymentUnknown: false, created: .none, promised: .none,
                shippingPaid: StoredMoney.none))
        if position < slotOf.count { slotOf[position] = Int32(slot) } else { slotOf.append(Int32(slot)) }
        return slot
    }

    /// The display name of order `id` (`#1001`), without making its `Order`; nil when no order has that number.
    func displayName(of id: String) -> String? {
        guard let slot = slot(of: id) else { return nil }
        let stored = orders[slot]
        return stored.displayName == Self.hashPrefixed ? "#" + id : texts.optional(stored.displayName) ?? id
    }

    /// Makes the `Order` value of a stored order.
    func order(slot: Int, id: String) -> Order {
        let stored = orders[slot]
        let display = stored.displayName == Self.hashPrefixed ? "#" + id : texts.optional(stored.displayName) ?? id
        var order = Order(
            id: id, displayName: display,
            firstRow: SourceLocation(fileNumber: stored.file, line: Int(stored.line)))
        let (created, promised) = (createdSeconds(slot: slot), promisedSeconds(slot: slot))
        order.createdAt = created.isNaN ? nil : Date(timeIntervalSince1970: created)
        order.paidAt = paidLaterSeconds(slot: slot).map(Date.init(timeIntervalSince1970:))
        order.fulfilledAt = fulfilledSeconds(slot: slot).map(Date.init(timeIntervalSince1970:))
        order.currency = texts.optional(stored.currency)
        order.shippingPaid = StoredMoney.decode(stored.shippingPaid)
        order.shippingMethod = texts.optional(stored.method)
        order.isCancelled = stored.cancelled
        order.isPaid = !stored.unpaid
        order.isPaymentStatusUnknown = stored.paymentUnknown
        order.promisedDelivery = promised.isNaN ? nil : Date(timeIntervalSince1970: promised)
        var index = stored.firstLine
        while index >= 0 {
            let line = lines[Int(index)]
            var value = OrderLine(
                sku: texts[line.sku], name: texts[line.name], quantity: Int(line.quantity),
                unitPrice: StoredMoney.decode(storedPrice(line, at: index)), requiresShipping: line.requiresShipping,
                source: SourceLocation(
                    fileNumber: line.flags.contains(.fileBeside) ? lineFiles[index]! : stored.file, line: Int(line.line)
                ))
            value.isFulfilled = line.isFulfilled
            value.isPartiallyFulfilled = line.isPartiallyFulfilled
            order.lines.append(value)
            index = next(after: index, line)
        }
        return order
    }

    /// The text numbers of the orders' distinct shipping methods (and of replaced orders', and 0 for none).
    var shippingMethodNumbers: Set<UInt32> { methods.numbers.union([0]) }

    private mutating func setMethod(slot: Int, _ number: UInt32) {
        orders[slot].method = number
        methods.insert(number)
    }

    /// The shipping method's text number of the order in `slot`.
    func methodNumber(slot: Int) -> UInt32 { orders[slot].method }

    /// The text of a number of the store's table.
    func text(number: UInt32) -> String { texts[number] }

    /// The number of texts in the store's table (numbers are `0..<textCount`).
    var textCount: Int { texts.count }

    /// The stored order in `slot`, and its line items in order (for `OrderFacts`, without making an `Order`).
    func stored(slot: Int) -> StoredOrder { orders[slot] }

    /// Calls `body` with each stored line item of the order in `slot`, in order.
    func forEachLine(slot: Int, _ body: (StoredLine) -> Void) {
        var index = orders[slot].firstLine
        while index >= 0 {
            let line = lines[Int(index)]
            body(line)
            index = next(after: index, line)
        }
    }

    /// The index of the order's line item after `line` (at `index`), -1 after the last.
    private func next(after index: Int32, _ line: StoredLine) -> Int32 {
        line.flags.contains(.nextFollows) ? index + 1 : line.flags.contains(.nextBeside) ? nextLines[index]! : -1
    }

    /// The unit price (StoredMoney) of `line` (at `index`).
    private func storedPrice(_ line: StoredLine, at index: Int32) -> Int64 {
        line.unitPrice == .wide ? widePrices[index]! : line.unitPrice.stored
    }

    /// Starts loading the index slot a lookup of this order number (as `firstFileNumber(of:)` takes it) begins at:
    /// the loader calls it a few rows ahead (`ByteKeyIndex.prefetch(bytes:)`).
    func prefetch(id: ByteView) { index.prefetch(bytes: id) }

    /// Makes room for this many more line items and orders.
    mutating func reserve(lines lineCount: Int, orders count: Int) {
        lines.reserveCapacity(lines.count + lineCount)
        orders.reserveCapacity(orders.count + count)
        slotOf.reserveCapacity(slotOf.count + count)
        index.reserve(index.count + count)
    }

    /// The number of slots (a replaced order leaves its old slot unused).
    var slotCount: Int { orders.count }

    /// The position (0..<count) of the order whose normalized number is these bytes, trying `near` and the one after
    /// it first (`ByteKeyIndex.position(bytes:near:)`).
    func position(bytes id: ByteView, near: Int) -> Int? { index.position(bytes: id, near: near) }

    /// The number in the normalized order number at `position` when it is one (an `Int` of its digits, as `Int(id)`
    /// reads it), without making its `String`.
    func numericId(at position: Int) -> Int? {
        // Anything but up to 18 digits (a sign, letters) is read as `Int(id)` reads it.
        index.withKey(at: position, ValueParsers.plainQuantity) ?? Int(id(at: position))
    }

    /// The slot of an order, for stages that walk orders in their own sequence.
    func slot(of id: String) -> Int? {
        if id == last.id, last.slot >= 0 { return last.slot }
        return index.position(of: id).map { Int(slotOf[$0]) }
    }

    /// The display-name number meaning "`#` and the order number".
    private static let hashPrefixed = UInt32.max

    /// True when `displayName` is `#` followed by `id`.
    private static func isHashPrefixed(_ displayName: String, _ id: String) -> Bool {
        displayName.withByteView { name in
            id.withByteView { id in
                name.count == id.count + 1 && name.first == UInt8(ascii: "#") && name.dropFirst().elementsEqual(id)
            }
        }
    }

    /// The store with text strings of its own (see `TextTable.withOwnStrings`), for one thread of the check stage.
    func withOwnStrings() -> OrderStore {
        var copy = self
        copy.texts = texts.withOwnStrings()
        return copy
    }
}
