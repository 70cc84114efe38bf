import ShipAuditCSV
import ShipAuditStorage

/// The layouts shipaudit knows without configuration. Headers are verbatim from real exports (formats.md).
public enum BuiltInProfiles {
    /// Every built-in profile, in the order files are tested against them.
    public static let all: [Profile] = [
        shopifyOrders, etsySoldOrderItems, etsySoldOrders, wooCommerceOrderItems, wooCommerceOrders, shipAuditOrders,
        shopifyProducts, wooCommerceProducts,
        shipAuditCatalog,
        shipStationShipments, shipAuditShipments, shipAuditTracking, upsBillingData, fedExBillingOnline,
        shipAuditInvoices,
    ]

    /// The profile with this id.
    public static func named(_ id: String) -> Profile? { all.first { $0.id == id } }

    /// Shopify admin › Orders › Export: one row per line item, order fields only on an order's first row.
    public static let shopifyOrders = Profile(
        id: "shopify-orders", kind: .orders, title: "Shopify \"Export orders\" CSV",
        columns: [
            .orderId: [ColumnChoice("Name")],
            .createdAt: [ColumnChoice("Created at")],
            .paidAt: [ColumnChoice("Paid at")],
            .orderFulfillmentStatus: [ColumnChoice("Fulfillment Status")],
            .fulfilledAt: [ColumnChoice("Fulfilled at")],
            .currency: [ColumnChoice("Currency")],
            .shippingPaid: [ColumnChoice("Shipping")],
            .shippingMethod: [ColumnChoice("Shipping Method")],
            .financialStatus: [ColumnChoice("Financial Status")],
            .paymentMethod: [ColumnChoice("Payment Method")],
            .shippingCompany: [ColumnChoice("Shipping Company")],
            .cancelledAt: [ColumnChoice("Cancelled at")],
            .sku: [ColumnChoice("Lineitem sku")],
            .itemName: [ColumnChoice("Lineitem name")],
            .quantity: [ColumnChoice("Lineitem quantity")],
            .unitPrice: [ColumnChoice("Lineitem price")],
            .requiresShipping: [ColumnChoice("Lineitem requires shipping")],
            .lineFulfillmentStatus: [ColumnChoice("Lineitem fulfillment status")],
        ],
        required: [.orderId, .quantity, .sku],
        signature: ["Name", "Lineitem quantity", "Lineitem sku"])

    /// Etsy › Shop Manager › Settings › Options › Download Data › "Order Items" (`EtsySoldOrderItems2025.csv`): one
    /// row per item sold, with the order's shipping, payment and shipped dates repeated. Dates are US style
    /// (`12/31/25`), read month first and checked against the values.
    public static let etsySoldOrderItems: Profile = {
        var profile = Profile(
            id: "etsy-sold-order-items", kind: .orders, title: "Etsy \"Sold Order Items\" CSV",
            columns: [
                .orderId: [ColumnChoice("Order ID")],
                .createdAt: [ColumnChoice("Sale Date")],
                .paidAt: [ColumnChoice("Date Paid")],
                .fulfilledAt: [ColumnChoice("Date Shipped")],
                .currency: [ColumnChoice("Currency")],
                .shippingPaid: [ColumnChoice("Order Shipping")],
                .sku: [ColumnChoice("SKU")],
                .itemName: [ColumnChoice("Item Name")],
                .quantity: [ColumnChoice("Quantity")],
                .unitPrice: [ColumnChoice("Price")],
                .paymentMethod: [ColumnChoice("Payment Type")],
            ],
            required: [.orderId, .quantity, .itemName],
            signature: ["Sale Date", "Item Name", "Transaction ID", "Order ID"])
        profile.dateOrder = .monthFirst
        return profile
    }()

    /// Etsy's "Sold Orders" download (`EtsySoldOrders2025.csv`): one row per order, with its number of items and
    /// shipped date but no item list, so an order is one line of that many units (no weight check).
    public static let etsySoldOrders: Profile = {
        var profile = Profile(
            id: "etsy-sold-orders", kind: .orders, title: "Etsy \"Sold Orders\" CSV",
            columns: [
                .orderId: [ColumnChoice("Order ID")],
                .createdAt: [ColumnChoice("Sale Date")],
                .fulfilledAt: [ColumnChoice("Date Shipped")],
                .currency: [ColumnChoice("Currency")],
                .shippingPaid: [ColumnChoice("Shipping")],
                .quantity: [ColumnChoice("Number of Items")],
                .paymentMethod: [ColumnChoice("Payment Method")],
            ],
            required: [.orderId, .quantity],
            signature: ["Sale Date", "Order ID", "Number of Items", "Order Net"])
        profile.dateOrder = .monthFirst
        return profile
    }()

    /// WooCommerce's order columns, as SkyVerge's Customer/Order CSV Export writes them (its format definitions and
    /// generator in the plugin's source). One `status` gives both payment and fulfilment (`processing` is paid and
    /// not shipped, `completed` shipped). Dates are the site's local time with no offset (`2024-03-01 10:15:00`).
    private static let wooCommerceOrderColumns: [Field: [ColumnChoice]] = [
        .orderId: [ColumnChoice("order_number_formatted"), ColumnChoice("order_number")],
        .createdAt: [ColumnChoice("date"), ColumnChoice("order_date")],
        .orderFulfillmentStatus: [ColumnChoice("status")],
        .financialStatus: [ColumnChoice("status")],
        .currency: [ColumnChoice("order_currency")],
        .shippingPaid: [ColumnChoice("shipping_total")],
        .shippingMethod: [ColumnChoice("shipping_method")],
        .paymentMethod: [ColumnChoice("payment_method")],
        .shippingCompany: [ColumnChoice("shipping_company")],
    ]

    /// WooCommerce Customer/Order CSV Export, "Default - One Row per Item": the order's columns repeated on each of
    /// its items' rows. `order_number` is filled only when a numbering plugin set one; the order id is read otherwise.
    public static let wooCommerceOrderItems: Profile = {
        var columns = wooCommerceOrderColumns
        columns[.sku] = [ColumnChoice("item_sku")]
        columns[.itemName] = [ColumnChoice("item_name")]
        columns[.quantity] = [ColumnChoice("item_quantity")]
        columns[.unitPrice] = [ColumnChoice("item_price")]
        var profile = Profile(
            id: "woocommerce-order-items", kind: .orders,
            title: "WooCommerce Customer/Order CSV Export, one row per item",
            columns: columns, required: [.orderId, .quantity],
            signature: ["order_id", "item_quantity", "shipping_total", "order_currency"])
        profile.orderIdWhenEmpty = "order_id"
        return profile
    }()

    /// WooCommerce Customer/Order CSV Export, "Default": one row per order, its items packed in the `line_items` cell
    /// (`id:12|name:Steel Widget|product_id:7|sku:WDG-1|quantity:2|subtotal:39.98|…;…`, or JSON).
    public static let wooCommerceOrders: Profile = {
        var columns = wooCommerceOrderColumns
        columns[.lineItems] = [ColumnChoice("line_items")]
        var profile = Profile(
            id: "woocommerce-orders", kind: .orders, title: "WooCommerce Customer/Order CSV Export, one row per order",
            columns: columns, required: [.orderId, .lineItems],
            signature: ["order_id", "line_items", "shipping_total", "order_currency"])
        profile.orderIdWhenEmpty = "order_id"
        return profile
    }()

    /// The documented shipaudit orders CSV, for any other system: one row per line item.
    public static let shipAuditOrders = Profile(
        id: "shipaudit-orders", kind: .orders, title: "shipaudit orders CSV",
        columns: plain([
            .orderId, .createdAt, .currency, .shippingPaid, .shippingMethod, .financialStatus, .cancelledAt,
            .sku, .itemName, .quantity, .unitPrice, .requiresShipping, .lineFulfillmentStatus,
            .promisedDelivery, .paidAt, .orderFulfillmentStatus, .fulfilledAt, .paymentMethod, .shippingCompany,
        ]),
        required: [.orderId, .sku, .quantity],
        signature: ["order_id", "sku", "quantity"])

    /// Shopify admin › Products › Export: one row per variant, plus image-only rows without a SKU.
    public static let shopifyProducts = Profile(
        id: "shopify-products", kind: .catalog, title: "Shopify products CSV",
        columns: [
            .sku: [ColumnChoice("Variant SKU")],
            .unitWeight: [ColumnChoice("Variant Grams", unit: .grams)],
            .itemName: [ColumnChoice("Title")],
        ],
        required: [.sku, .unitWeight],
        signature: ["Handle", "Variant SKU", "Variant Grams"])

    /// WooCommerce › Products › Export (the core product exporter): the weight column names the store's unit,
    /// `Weight (kg)`, `Weight (g)`, `Weight (lbs)` or `Weight (oz)`.
    public static let wooCommerceProducts = Profile(
        id: "woocommerce-products", kind: .catalog, title: "WooCommerce products CSV",
        columns: [
            .sku: [ColumnChoice("SKU")],
            .unitWeight: [
                ColumnChoice("Weight (kg)", unit: .kilograms), ColumnChoice("Weight (g)", unit: .grams),
                ColumnChoice("Weight (lbs)", unit: .pounds), ColumnChoice("Weight (oz)", unit: .ounces),
            ],
            .itemName: [ColumnChoice("Name")],
        ],
        required: [.sku, .unitWeight],
        signature: ["Type", "SKU", "Name", "Published", "Is featured?", "Visibility in catalog"])

    /// The documented shipaudit catalog CSV: sku, unit_weight, weight_unit (or the unit in the cell).
    public static let shipAuditCatalog = Profile(
        id: "shipaudit-catalog", kind: .catalog, title: "shipaudit catalog CSV",
        columns: plain([.sku, .unitWeight, .weightUnit, .itemName]),
        required: [.sku, .unitWeight],
        signature: ["sku", "unit_weight", "weight_unit"])

    /// ShipStation › Shipments › Export (columns are chosen by the user; any order, any subset with the required ones).
    public static let shipStationShipments: Profile = {
        var profile = Profile(
            id: "shipstation-shipments", kind: .shipments, title: "ShipStation shipments export",
            columns: [
                .orderId: [ColumnChoice("Order - Number"), ColumnChoice("Order Number")],
                .trackingNumber: [ColumnChoice("Shipment - Tracking Number"), ColumnChoice("Tracking Number")],
                .carrier: [
                    ColumnChoice("Shipment - Carrier"), ColumnChoice("Carrier - Carrier Selected"),
                    ColumnChoice("Carrier - Name"),
                ],
                .service: [ColumnChoice("Shipment - Service"), ColumnChoice("Carrier - Service Selected")],
                .serviceRequested: [ColumnChoice("Carrier - Service Requested")],
                .shippingPaid: [ColumnChoice("Amount - Order Shipping")],
                .labelCost: [ColumnChoice("Amount - Shipping Cost")],
                .weight: [
                    ColumnChoice("Shipment - Weight (Oz)", unit: .ounces),
                    ColumnChoice("Shipment - Weight", unit: .ounces),
                    ColumnChoice("Weight - TotalOz", unit: .ounces),
                ],
                .shippedAt: [ColumnChoice("Date - Shipped Date"), ColumnChoice("Date - Label Create Date")],
                .voided: [ColumnChoice("Shipment - Void Flag")],
                .deliveredAt: [ColumnChoice("Delivery - Date")],
            ],
            required: [.orderId, .trackingNumber, .service],
            signature: ["Order - Number", "Shipment - Tracking Number"])
        // A US product: its exports write 11/16/2026 4:02:11 PM. Assumed, and checked against the values as read.
        profile.dateOrder = .monthFirst
        return profile
    }()

    /// The documented shipaudit shipments CSV: one row per package (tracking number).
    public static let shipAuditShipments = Profile(
        id: "shipaudit-shipments", kind: .shipments, title: "shipaudit shipments CSV",
        columns: plain([
            .orderId, .trackingNumber, .carrier, .service, .serviceRequested, .shippingPaid, .labelCost,
            .weight, .weightUnit, .shippedAt, .voided, .deliveredAt, .masterTracking,
        ]),
        required: [.orderId, .trackingNumber, .service],
        signature: ["order_id", "tracking_number"])

    /// UPS Billing Data CSV (Billing Center's invoice detail): no header row, 250 columns by position, one row per
    /// charge. Names from a public parser's schema, checked against two other sources (../shared/reference). Comma
    /// files write ISO dates, the GB variant semicolons and day-first dates (read as each file's values say).
    public static let upsBillingData: Profile = {
        var profile = Profile(
            id: "ups-billing-data", kind: .invoices, title: "UPS Billing Data CSV",
            columns: [
                .invoiceDate: [ColumnChoice("Invoice Date")],
                .invoiceNumber: [ColumnChoice("Invoice Number")],
                .currency: [ColumnChoice("Invoice Currency Code")],
                .trackingNumber: [ColumnChoice("Tracking Number")],
                .chargeCode: [ColumnChoice("Charge Category Detail Code")],
                .chargeDescription: [ColumnChoice("Charge Description")],
                .netAmount: [ColumnChoice("Net Amount")],
                .invoiceAmount: [ColumnChoice("Invoice Amount")],
                .shippedAt: [ColumnChoice("Shipment Date")],
                .deliveredAt: [ColumnChoice("Shipment Delivery Date")],
                // The package as billed, repeated on each of its lines. All its weights are read in the billed
                // weight's unit (`L` pounds, `K` kilograms): UPS writes one unit per account.
                .billedWeight: [ColumnChoice("Billed Weight")],
                .weightUnit: [ColumnChoice("Billed Weight Unit of Measure")],
                .billedWeightType: [ColumnChoice("Billed Weight Type")],
                .enteredWeight: [ColumnChoice("Entered Weight")],
                .scaleWeight: [ColumnChoice("Scale weight quantity")],
                .dimensions: [ColumnChoice("Package Dimensions")],
                .dimensionUnit: [ColumnChoice("Package Dimension Unit Of Measure")],
                .zone: [ColumnChoice("Zone")],
                .receiverCompany: [ColumnChoice("Receiver Company Name")],
            ],
            required: [.trackingNumber, .netAmount],
            signature: ["Invoice Number", "Tracking Number", "Charge Category Detail Code", "Net Amount"])
        profile.carrier = "ups"
        return profile
    }()

    /// FedEx Billing Online CSV ("All Columns" download): a header row, one row per package per invoice, its
    /// transportation charge in a column and its other charges in 25 repeated description/amount column pairs, read
    /// by position (../shared/reference/invoices.md §2.3: the 156-column header from three public sources).
    public static let fedExBillingOnline: Profile = {
        var profile = Profile(
            id: "fedex-billing-online", kind: .invoices, title: "FedEx Billing Online CSV",
            columns: [
                .invoiceNumber: [ColumnChoice("Invoice Number")],
                .invoiceDate: [ColumnChoice("Invoice Date")],
                .invoiceAmount: [ColumnChoice("Original Amount Due")],
                .trackingNumber: [ColumnChoice("Express or Ground Tracking ID")],
                .netAmount: [ColumnChoice("Net Charge Amount")],
                .transportationCharge: [ColumnChoice("Transportation Charge Amount")],
                .service: [ColumnChoice("Service Type")], .serviceDetail: [ColumnChoice("Ground Service")],
                .shippedAt: [ColumnChoice("Shipment Date"), ColumnChoice("Tendered Date")],
                .deliveredAt: [ColumnChoice("POD Delivery Date")],
                .billedWeight: [ColumnChoice("Rated Weight Amount")],
                .weightUnit: [ColumnChoice("Rated Weight Units"), ColumnChoice("Actual Weight Units")],
                .scaleWeight: [ColumnChoice("Actual Weight Amount")],
                .length: [ColumnChoice("Dim Length")], .width: [ColumnChoice("Dim Width")],
                .height: [ColumnChoice("Dim Height")], .dimensionUnit: [ColumnChoice("Dim Unit")],
                .dimDivisor: [ColumnChoice("Dim Divisor")],
                .zone: [ColumnChoice("Zone Code")],
                .receiverCompany: [ColumnChoice("Recipient Company")],
            ],
            required: [.trackingNumber, .netAmount],
            signature: [
                "Express or Ground Tracking ID", "Net Charge Amount", "Invoice Number",
                "Tracking ID Charge Description",
            ])
        profile.carrier = "fedex"
        profile.chargePairs = ("Tracking ID Charge Description", "Tracking ID Charge Amount")
        return profile
    }()

    /// The 250 column names of the UPS Billing Data CSV, in order.
    public static let upsBillingDataColumns: [String] = [
        "Version", "Recipient Number", "Account Number", "Account Country", "Invoice Date", "Invoice Number",
        "Invoice Type Code", "Invoice Type Detail Code", "Account Tax ID", "Invoice Currency Code", "Invoice Amount",
        "Transaction Date", "Pickup Record Number", "Lead Shipment Number", "World Ease Number",
        "Shipment Reference Number 1", "Shipment Reference Number 2", "Bill Option Code", "Package Quantity",
        "Oversize Quantity", "Tracking Number", "Package Reference Number 1", "Package Reference Number 2",
        "Package Reference Number 3", "Package Reference Number 4", "Package Reference Number 5", "Entered Weight",
        "Entered Weight Unit of Measure", "Billed Weight", "Billed Weight Unit of Measure", "Container Type",
        "Billed Weight Type", "Package Dimensions", "Zone", "Charge Category Code", "Charge Category Detail Code",
        "Charge Source", "Type Code 1", "Type Detail Code 1", "Type Detail Value 1", "Type Code 2",
        "Type Detail Code 2", "Type Detail Value 2", "Charge Classification Code", "Charge Description Code",
        "Charge Description", "Charged Unit Quantity", "Basis Currency Code", "Basis Value", "Tax Indicator",
        "Transaction Currency Code", "Incentive Amount", "Net Amount", "Miscellaneous Currency Code",
        "Miscellaneous Incentive Amount", "Miscellaneous Net Amount", "Alternate Invoicing Currency Code",
        "Alternate Invoice Amount", "Invoice Exchange Rate", "Tax Variance Amount", "Currency Variance Amount",
        "Invoice Level Charge", "Invoice Due Date", "Alternate Invoice Number", "Store Number",
        "Customer Reference Number", "Sender Name", "Sender Company Name", "Sender Address Line 1",
        "Sender Address Line 2", "Sender City", "Sender State", "Sender Postal", "Sender Country", "Receiver Name",
        "Receiver Company Name", "Receiver Address Line 1", "Receiver Address Line 2", "Receiver City",
        "Receiver State", "Receiver Postal", "Receiver Country", "Third Party Name", "Third Party Company Name",
        "Third Party Address Line 1", "Third Party Address Line 2", "Third Party City", "Third Party State",
        "Third Party Postal", "Third Party Country", "Sold To Name", "Sold To Company Name",
        "Sold To Address Line 1", "Sold To Address Line 2", "Sold To City", "Sold To State", "Sold To Postal",
        "Sold To Country", "Miscellaneous Address Qual 1", "Miscellaneous Address 1 Name",
        "Miscellaneous Address 1 Company Name", "Miscellaneous Address 1 Address Line 1",
        "Miscellaneous Address 1 Address Line 2", "Miscellaneous Address 1 City", "Miscellaneous Address 1 State",
        "Miscellaneous Address 1 Postal", "Miscellaneous Address 1 Country", "Miscellaneous Address Qual 2",
        "Miscellaneous Address 2 Name", "Miscellaneous Address 2 Company Name",
        "Miscellaneous Address 2 Address Line 1", "Miscellaneous Address 2 Address Line 2",
        "Miscellaneous Address 2 City", "Miscellaneous Address 2 State", "Miscellaneous Address 2 Postal",
        "Miscellaneous Address 2 Country", "Shipment Date", "Shipment Export Date", "Shipment Import Date",
        "Entry Date", "Direct Shipment Date", "Shipment Delivery Date", "Shipment Release Date", "Cycle Date",
        "EFT Date", "Validation Date", "Entry Port", "Entry Number", "Export Place", "Shipment Value Amount",
        "Shipment Description", "Entered Currency Code", "Customs Number", "Exchange Rate",
        "Master Air Waybill Number", "EPU", "Entry Type", "CPC Code", "Line Item Number", "Goods Description",
        "Entered Value", "Duty Amount", "Weight", "Unit of Measure", "Item Quantity",
        "Item Quantity Unit of Measure", "Import Tax ID", "Declaration Number",
        "Carrier Name/Clinical Trial Identification Number/SDS ID ", "CCCD Number", "Cycle Number",
        "Foreign Trade Reference Number", "Job Number", "Transport Mode", "Tax Type", "Tariff Code", "Tariff Rate",
        "Tariff Treatment Number", "Contact Name", "Class Number", "Document Type", "Office Number",
        "Document Number", "Duty Value", "Total Value for Duty", "Excise Tax Amount", "Excise Tax Rate",
        "GST Amount", "GST Rate", "Order In Council", "Origin Country", "SIMA Access", "Tax Value",
        "Total Customs Amount", "Miscellaneous Line 1", "Miscellaneous Line 2", "Miscellaneous Line 3",
        "Miscellaneous Line 4", "Miscellaneous Line 5", "Payor Role Code", "Miscellaneous Line 7",
        "Miscellaneous Line 8", "Miscellaneous Line 9", "Miscellaneous Line 10", "Miscellaneous Line 11",
        "Duty Rate", "VAT Basis Amount", "VAT Amount", "VAT Rate", "Other Basis Amount", "Other Amount",
        "Other Rate", "Other Customs Number Indicator", "Other Customs Number", "Customs Office Name",
        "Package Dimension Unit Of Measure", "Original Shipment Package Quantity", "Corrected Zone",
        "Tax Law Article Number", "Tax Law Article Basis Amount", "Original tracking number",
        "Scale weight quantity", "Scale Weight Unit of Measure", "Raw dimension unit of measure",
        "Raw dimension length", "BOL # 1", "BOL # 2", "BOL # 3", "BOL # 4", "BOL # 5", "PO # 1", "PO # 2", "PO # 3",
        "PO # 4", "PO # 5", "PO # 6", "PO # 7", "PO # 8", "PO # 9", "PO # 10", "NMFC", "Detail Class",
        "Freight Sequence Number", "Declared Freight Class", "EORI Number", "Detail Keyed Dim",
        "Detail Keyed Unit of Measure", "Detail Keyed Billed Dimension", "Detail Keyed Billed Unit of Measure",
        "Original Service Description", "Promo Discount Applied Indicator", "Promo Discount Alias",
        "SDS Match Level Cd", "SDS RDR Date", "SDS Delivery Date", "SDS Error Code", "Place Holder 46",
        "Place Holder 47", "Place Holder 48", "SCC Scale Weight", "Place Holder 50", "Place Holder 51",
        "Place Holder 52", "Place Holder 53", "Place Holder 54", "Place Holder 55", "Place Holder 56",
        "Place Holder 57", "Place Holder 58", "Place Holder 59",
    ]

    /// For a headerless invoice file: the UPS Billing Data names for its first record's fields, when the record
    /// looks like one (at least the 117 columns up to `Shipment Date`, at most 250, a version number first and an
    /// invoice number sixth); nil otherwise. Files whose last placeholder columns were trimmed are read too.
    public static func upsBillingDataNames(for record: CSVRecord) -> [String]? {
        guard record.count >= 117, record.count <= upsBillingDataColumns.count else { return nil }
        return upsBillingDataNames(count: record.count, version: record.string(at: 0), invoice: record.string(at: 5))
    }

    /// `upsBillingDataNames(for:)` of a first row's texts.
    public static func upsBillingDataNames(for fields: [String]) -> [String]? {
        guard fields.count >= 117, fields.count <= upsBillingDataColumns.count else { return nil }
        return upsBillingDataNames(count: fields.count, version: fields[0], invoice: fields[5])
    }

    private static func upsBillingDataNames(count: Int, version: String, invoice: String) -> [String]? {
        guard !version.isEmpty, version.allSatisfy({ $0.isNumber || $0 == "." || $0 == "," }), !invoice.isEmpty else {
            return nil
        }
        return Array(upsBillingDataColumns.prefix(count))
    }

    /// The documented shipaudit invoices CSV: one row per charge line of a carrier's invoice.
    public static let shipAuditInvoices = Profile(
        id: "shipaudit-invoices", kind: .invoices, title: "shipaudit invoices CSV",
        columns: plain([
            .carrier, .invoiceNumber, .invoiceDate, .trackingNumber, .chargeCode, .chargeDescription, .netAmount,
            .currency, .shippedAt, .invoiceAmount, .deliveredAt, .billedWeight, .billedWeightType, .enteredWeight,
            .scaleWeight, .weightUnit, .dimensions, .dimensionUnit, .dimDivisor, .zone, .receiverCompany,
        ]),
        required: [.trackingNumber, .netAmount],
        signature: ["invoice_number", "tracking_number", "net_amount"])

    /// The documented shipaudit tracking CSV: scan events (one row per scan, with a time) and snapshots (one row
    /// per parcel, current status, maybe scheduled and delivered times), in one layout. Common header spellings of
    /// tracking exports are accepted too.
    public static let shipAuditTracking = Profile(
        id: "shipaudit-tracking", kind: .tracking, title: "shipaudit tracking CSV",
        columns: [
            .trackingNumber: [
                ColumnChoice("tracking_number"), ColumnChoice("Tracking Number"), ColumnChoice("Tracking #"),
                ColumnChoice("Tracking ID"), ColumnChoice("Tracking Code"),
            ],
            .status: [
                ColumnChoice("status"), ColumnChoice("Status Code"), ColumnChoice("Tag"), ColumnChoice("Event"),
                ColumnChoice("Activity"), ColumnChoice("Status Description"), ColumnChoice("Description"),
            ],
            .eventTime: [
                ColumnChoice("time"), ColumnChoice("Event Time"), ColumnChoice("Checkpoint Time"),
                ColumnChoice("Scan Time"), ColumnChoice("Timestamp"),
            ],
            .eventDate: [
                ColumnChoice("date"), ColumnChoice("Event Date"), ColumnChoice("Scan Date"),
                ColumnChoice("Activity Date"),
            ],
            .location: [ColumnChoice("location"), ColumnChoice("Event Location"), ColumnChoice("City")],
            .scheduledDelivery: [
                ColumnChoice("scheduled_delivery"), ColumnChoice("Scheduled Delivery"),
                ColumnChoice("Scheduled Delivery Date"), ColumnChoice("Expected Delivery"),
                ColumnChoice("Estimated Delivery"),
            ],
            .deliveredAt: [
                ColumnChoice("delivered_at"), ColumnChoice("Delivered At"), ColumnChoice("Delivery Date"),
                ColumnChoice("Actual Delivery"),
            ],
            .weight: [ColumnChoice("weight"), ColumnChoice("Package Weight")],
            // A value column's unit column comes with it: carriers' event exports write `Weight UOM` beside it.
            .weightUnit: [
                ColumnChoice("weight_unit"), ColumnChoice("Weight UOM"), ColumnChoice("Weight Unit"),
                ColumnChoice("Package Weight Unit"), ColumnChoice("Package Weight UOM"),
            ],
            .carrier: [ColumnChoice("carrier"), ColumnChoice("Courier")],
            .orderId: [ColumnChoice("order_id"), ColumnChoice("Order Number"), ColumnChoice("Reference")],
        ],
        required: [.trackingNumber, .status],
        signature: ["tracking_number", "status"])

    private static func plain(_ fields: [Field]) -> [Field: [ColumnChoice]] {
        Dictionary(uniqueKeysWithValues: fields.map { ($0, [ColumnChoice($0.rawValue)]) })
    }
}
