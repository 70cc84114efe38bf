import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// What an input file holds.
public enum InputKind: String, Sendable, CaseIterable {
    case orders, catalog, shipments, tracking, invoices
}

/// The fields shipaudit reads. Their raw values are also the headers of the documented shipaudit CSV layouts.
public enum Field: String, Sendable, CaseIterable {
    // orders
    case orderId = "order_id", createdAt = "created_at", currency, shippingPaid = "shipping_paid"
    case shippingMethod = "shipping_method", financialStatus = "financial_status", cancelledAt = "cancelled_at"
    case sku, itemName = "item_name", quantity, unitPrice = "unit_price", requiresShipping = "requires_shipping"
    case lineFulfillmentStatus = "fulfillment_status", promisedDelivery = "promised_delivery", paidAt = "paid_at"
    case orderFulfillmentStatus = "order_fulfillment_status", fulfilledAt = "fulfilled_at"
    case paymentMethod = "payment_method"
    /// The shipping address's company (empty for a person): `residential_surcharge` reads it.
    case shippingCompany = "shipping_company"
    /// A cell holding all of an order's items (WooCommerce's `line_items`: `name:Widget|sku:W-1|quantity:2;…`).
    case lineItems = "line_items"
    // catalog
    case unitWeight = "unit_weight", weightUnit = "weight_unit"
    // shipments
    case trackingNumber = "tracking_number", carrier, service, serviceRequested = "service_requested"
    case masterTracking = "master_tracking_number"
    case labelCost = "label_cost", weight, shippedAt = "shipped_at", voided, deliveredAt = "delivered_at"
    // tracking
    case status, eventTime = "time", eventDate = "date", location, scheduledDelivery = "scheduled_delivery"
    // invoices (with tracking_number, carrier, currency, shipped_at)
    case invoiceNumber = "invoice_number", invoiceDate = "invoice_date", chargeCode = "charge_code"
    case chargeDescription = "charge_description", netAmount = "net_amount", invoiceAmount = "invoice_amount"
    // invoices: the package as billed (weights in weight_unit, dimensions in dimension_unit)
    case billedWeight = "billed_weight", billedWeightType = "billed_weight_type", enteredWeight = "entered_weight"
    case scaleWeight = "scale_weight", dimensions, length, width, height, dimensionUnit = "dimension_unit"
    case dimDivisor = "dim_divisor", zone, receiverCompany = "receiver_company"
    /// The transportation charge of a layout with one row per package (FedEx), its service in `service`, or in
    /// `service_detail` where that is empty (FedEx writes Ground rows' service in `Ground Service`).
    case transportationCharge = "transportation_charge", serviceDetail = "service_detail"
}

/// What a charge column of a one-row-per-package invoice layout charges for (`[profiles.NAME.charges]`): the kinds
/// the invoice checks and the shipping P&L tell apart.
public enum ChargeColumn: String, Sendable, CaseIterable {
    /// The label's transportation charge (described by the row's service, as a UPS `FRT` line).
    case label
    /// A surcharge the checks do not single out: fuel, delivery area, handling.
    case surcharge
    /// A residential surcharge (`residential_surcharge`).
    case residential
    /// An address correction (`address_correction_charge`).
    case addressCorrection = "address_correction"
    /// A correction of the label's weight or size (`billed_weight_over`, the P&L's adjustments).
    case weightCorrection = "weight_correction"
    /// A guaranteed-service refund (`guarantee_refund_missing`), a credit when negative.
    case guaranteeRefund = "guarantee_refund"

    /// The charge code its lines are given: UPS's code for the kind the checks read.
    var code: String {
        switch self {
        case .label: "FRT"
        case .surcharge: ""
        case .residential: "RES"
        case .addressCorrection: "ADC"
        case .weightCorrection: "SCC"
        case .guaranteeRefund: "GSR"
        }
    }
}

/// One column a field can come from: its header, and for weights the unit the column is in (`Variant Grams`).
public struct ColumnChoice: Sendable, Hashable {
    /// The header as the export spells it.
    public let header: String
    /// The unit of bare numbers in this column, for weight columns whose header names the unit.
    public let unit: WeightUnit?
    /// The header as headers are compared (`Header.normalize`), worked out once.
    public let key: String

    /// Creates a choice.
    public init(_ header: String, unit: WeightUnit? = nil) {
        self.header = header
        self.unit = unit
        key = Header.normalize(header)
    }
}

/// A layout of export: which columns hold which fields. Built-in profiles are values of this type.
public struct Profile: Sendable {
    /// Stable name used in options, config and reports (`shopify-orders`).
    public let id: String
    /// What the file holds.
    public let kind: InputKind
    /// Plain-English name (`Shopify "Export orders" CSV`).
    public let title: String
    /// For each field, the columns it may come from, in order of preference.
    public let columns: [Field: [ColumnChoice]]
    /// Fields every row needs; a file without a column for one of them is refused.
    public let required: [Field]
    /// Headers whose presence identifies the layout.
    public let signature: [String]
    /// The signature as headers are compared (`Header.normalize`), worked out once: every file's header is looked up
    /// against every profile's.
    public let signatureKeys: [String]
    /// Fields with a fixed value instead of a column (`currency = { value = "EUR" }`).
    public var constants: [Field: String] = [:]
    /// The date format of the file's date columns (`%d/%m/%Y %H:%M`); nil reads the styles shipaudit knows.
    public var dateFormat: String?
    /// True when the weight column holds the whole shipment's weight, repeated on each piece's row
    /// (`weight_per = "shipment"`): it is counted once per master package.
    public var weightPerShipment = false
    /// The decimal mark of amounts and weights (`decimal = ","`); nil: the config's, or each value's shape.
    public var decimalMark: Character?
    /// Which field of a slash date is the month (`date_order`); nil: decided from the file's values.
    public var dateOrder: SlashDateOrder?
    /// The column the order number is read from where its own column is empty: WooCommerce writes `order_number`
    /// only when a numbering plugin set one, and its order id is the number otherwise.
    public var orderIdWhenEmpty: String?
    /// The zone of dates without an offset in this file; nil: the config's.
    public var timeZone: TimeZone?
    /// The field delimiter; nil sniffs it.
    public var delimiter: UInt8?
    /// True to read the file as Windows-1252 whatever its bytes.
    public var windows1252 = false
    /// The carrier whose files this layout is (`ups`), for rows that do not name theirs.
    public var carrier: String?
    /// Records to skip before the header (report titles above an Excel export).
    public var skipRows = 0
    /// For a layout with one row per package and its charges in pairs of columns (FedEx's 25 "Tracking ID Charge
    /// Description" / "Tracking ID Charge Amount"): the pair's two headers. Every pair is read by position, whatever
    /// a spreadsheet renamed the repeats to (`….1`, `… (2)`).
    public var chargePairs: (description: String, amount: String)?
    /// For a layout with one row per package and a column per charge (a 3PL's or a shipping platform's invoice:
    /// `Postage`, `Fuel Surcharge`, `Residential Fee`, `Carrier Adjustment`): each column's header and what it
    /// charges for (`[profiles.NAME.charges]`). Each amount is a charge line described by its header.
    public var chargeColumns: [(header: String, kind: ChargeColumn)] = []
    /// For a file without a header row: the names of its columns by position.
    public var positionalHeader: [String]?
    /// Service names and rate titles → tier, for this layout.
    public var services: [String: ServiceTier] = [:]
    /// Status texts → status, for this layout.
    public var statuses: [String: ParcelStatus] = [:]
    /// False for profiles defined in the config file.
    public var isBuiltIn = true

    /// Creates a profile.
    public init(
        id: String, kind: InputKind, title: String, columns: [Field: [ColumnChoice]], required: [Field],
        signature: [String]
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.columns = columns
        self.required = required
        self.signature = signature
        signatureKeys = signature.map(Header.normalize)
    }
}
