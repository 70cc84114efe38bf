import ShipAuditCSV
import ShipAuditStorage

/// What the read stage hands to matching: typed orders, catalog and packages, and the accounting of every row.
public struct LoadedInputs: Sendable {
    /// Orders by normalized order number.
    public var orders: OrderStore
    /// Catalog entries by normalized SKU (only SKUs with a weight above zero).
    public var catalog: [String: CatalogItem] = [:]
    /// Catalog SKUs whose weight is empty or zero: listed, but not usable for the weight check.
    public var catalogSkusWithoutWeight: Set<String> = []
    /// Packages in file order (voided labels left out).
    public var shipments: ShipmentStore
    /// Orders with a rejected order or shipment row: incomplete, so no rule checks them.
    public var ordersWithRejectedRows: Set<String> = []
    /// Tracking by tracking number, folded from event and snapshot rows.
    public var tracking: TrackingStore
    /// Status texts that map to no parcel status, with counts.
    public var unknownStatuses: [String: Int] = [:]
    /// Financial status texts that no vocabulary knows, with counts (their orders are not checked).
    public var unknownPaymentStatuses: [String: Int] = [:]
    /// Fulfilment status texts (order or line) that no vocabulary knows, with counts of rows.
    public var unknownFulfilmentStatuses: [String: Int] = [:]
    /// Voided labels seen (rows used, packages not counted).
    public var voidedLabels = 0
    /// The tracking numbers of the voided labels, with their orders and rows (a carrier must not bill them).
    public var voidedTracking: [String: VoidedLabel] = [:]
    /// Carrier invoices' charge lines, in file order.
    public var invoices: InvoiceStore
    /// Shipment rows with no tracking number, or a placeholder for one (`N/A`, `PENDING`): no package.
    public var shipmentRowsWithoutTracking = 0
    /// One summary per input file, in the order given.
    public var inputs: [InputSummary] = []
    /// The shipping address's company of each order that has one, by order number.
    public var shippingCompanies: [String: String] = [:]
    /// Every rejected row with its reason.
    public var rejects: [InputProblem] = []
    /// Things worth knowing that did not reject a row (a file decoded as Windows-1252, a SKU listed twice).
    public var warnings: [InputProblem] = []
    /// The offsets the orders' times state (`StoreClock`).
    public var statedOffsets = StatedOffsets()
    /// True when some value of these files was read in the store's zone for want of an offset of its own.
    public var readInStoreZone = false

    /// Creates an empty set of inputs, the stores' records in memory or in files as `backing` says.
    public init(backing: StoreBacking = .memory) {
        orders = OrderStore(backing: backing)
        shipments = ShipmentStore(backing: backing)
        tracking = TrackingStore(backing: backing)
        invoices = InvoiceStore(backing: backing)
    }

    /// Hands the stores' record pages back to the system (file-backed records only: see `StoreBacking`).
    func releaseResident() {
        orders.releaseResident()
        shipments.releaseResident()
        tracking.releaseResident()
        invoices.releaseResident()
    }
}

/// A label voided in the shipments export.
public struct VoidedLabel: Sendable {
    /// The order it was made for.
    public let orderId: String
    /// Its row.
    public let source: SourceLocation
}
