import ShipAuditCSV
import ShipAuditStorage

/// The layouts shipaudit knows without configuration. Headers are verbatim from real exports (formats.md).
public enum BuiltInProfiles {
    /// Every built-in profile, in the order files are tested against them.
    public static let all: [Profile] = [
        shopifyOrders, etsySoldOrderItems, etsySoldOrders, wooCommerceOrderItems, wooCommerceOrders, shipAuditOrders,
        shopifyProducts, wooCommerceProducts,
        shipAuditCatalog,
        shipStationShipments, shipAuditShipments, shipAuditTracking,
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
            .promisedDelivery, .paidAt, .orderFulfillmentStatus, .fulfilledAt, .paymentMethod,
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
