import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// WooCommerce orders as SkyVerge's Customer/Order CSV Export writes them (headers from the plugin's format
/// definitions; rows made up), recognised without a mapping.
struct WooCommerceOrdersTests {
    static let itemHeader =
        "order_id,order_number,date,status,shipping_total,shipping_tax_total,fee_total,fee_tax_total,tax_total,"
        + "discount_total,order_total,refunded_total,order_currency,payment_method,shipping_method,customer_id,"
        + "billing_first_name,billing_last_name,billing_company,vat_number,billing_email,billing_phone,"
        + "billing_address_1,billing_address_2,billing_postcode,billing_city,billing_state,billing_country,"
        + "shipping_first_name,shipping_last_name,shipping_address_1,shipping_address_2,shipping_postcode,"
        + "shipping_city,shipping_state,shipping_country,shipping_company,customer_note,item_id,item_product_id,"
        + "item_name,item_sku,item_price,item_quantity,item_subtotal,item_subtotal_tax,item_total,item_total_tax,"
        + "item_refunded,item_refunded_qty,item_meta,shipping_items,fee_items,tax_items,coupon_items,order_notes,"
        + "download_permissions_granted"

    static let orderHeader =
        "order_id,order_number,order_number_formatted,date,status,shipping_total,shipping_tax_total,fee_total,"
        + "fee_tax_total,tax_total,discount_total,order_total,refunded_total,order_currency,payment_method,"
        + "shipping_method,customer_id,billing_first_name,billing_last_name,billing_company,vat_number,"
        + "billing_email,billing_phone,billing_address_1,billing_address_2,billing_postcode,billing_city,"
        + "billing_state,billing_country,shipping_first_name,shipping_last_name,shipping_address_1,"
        + "shipping_address_2,shipping_postcode,shipping_city,shipping_state,shipping_country,shipping_company,"
        + "customer_note,line_items,shipping_items,fee_items,tax_items,coupon_items,refunds,order_notes,"
        + "download_permissions_granted"

    /// A row of `header` with these cells (by column name), every other cell empty, quoted where it must be.
    static func row(_ header: String, _ cells: [String: String]) -> String {
        let order: [String: String] = [
            "date": "2026-11-02 10:15:00", "order_currency": "USD", "payment_method": "stripe", "order_total": "50.00",
            "billing_email": "a@example.com", "shipping_country": "US", "shipping_postcode": "07030",
        ]
        return header.split(separator: ",").map { name -> String in
            let value = cells[String(name)] ?? order[String(name)] ?? ""
            return value.contains(where: { ",\"\n".contains($0) })
                ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }.joined(separator: ",")
    }

    static func item(
        _ id: String, number: String = "", status: String, shipping: String, method: String = "Flat rate",
        sku: String, name: String, quantity: String, price: String
    ) -> String {
        row(
            itemHeader,
            [
                "order_id": id, "order_number": number, "status": status, "shipping_total": shipping,
                "shipping_method": method, "item_sku": sku, "item_name": name, "item_quantity": quantity,
                "item_price": price,
            ])
    }

    @Test("one row per item: order_number read where set, order_id otherwise; status says paid and shipped")
    func oneRowPerItem() throws {
        let orders = Fixture.temporary(
            [
                Self.itemHeader,
                Self.item(
                    "501", status: "completed", shipping: "12.50", sku: "WDG-1", name: "Steel Widget", quantity: "2",
                    price: "19.99"),
                Self.item(
                    "501", status: "completed", shipping: "12.50", sku: "WDG-KIT", name: "Mounting Kit", quantity: "1",
                    price: "9.99"),
                Self.item(
                    "502", status: "processing", shipping: "34.95", method: "UPS Next Day Air", sku: "WDG-1",
                    name: "Steel Widget", quantity: "1", price: "19.99"),
                Self.item(
                    "503", status: "pending", shipping: "5.00", sku: "WDG-1", name: "Steel Widget", quantity: "1",
                    price: "19.99"),
                Self.item(
                    "504", number: "WC-1004", status: "on-hold", shipping: "5.00", sku: "WDG-1", name: "Steel Widget",
                    quantity: "1", price: "19.99"),
            ].joined(separator: "\n") + "\n", name: "orders-export-2026_11_20.csv")
        let configuration = Configuration()
        let matched = try Analysis(configuration: configuration).match([InputFile(path: orders, kind: .orders)])
        #expect(matched.loaded.inputs.first?.profile == "woocommerce-order-items")
        #expect(matched.loaded.rejects.isEmpty, "\(matched.loaded.rejects.map(\.description))")
        #expect(matched.orders.map(\.order.id).sorted() == ["501", "502", "503", "WC-1004"])
        let first = try #require(matched.orders.first { $0.order.id == "501" })
        #expect(first.order.lines.map { "\($0.quantity) \($0.sku)" } == ["2 WDG-1", "1 WDG-KIT"])
        #expect(first.order.shippingPaid == Decimal(string: "12.50"))
        let asOf = try TimestampParser(timeZone: Fixture.newYork).parse("2026-11-20T12:00:00-05:00").get()
        let findings = Checker(configuration: matched.configuration).check(matched, asOf: asOf).findings
        // Completed is shipped; processing is paid and due; pending and on-hold are not paid yet.
        #expect(findings.map { "\($0.orderId) \($0.rule)" } == ["502 not_shipped"])
    }

    @Test("one row per order: items read from the packed line_items cell, escapes and JSON included")
    func packedLineItems() throws {
        let packed =
            "id:11|name:Steel Widget\\: Large|product_id:71|sku:WDG-1|quantity:2|subtotal:39.98|subtotal_tax:0.00|"
            + "total:39.98|total_tax:0.00|refunded:0.00|refunded_qty:0|meta:;id:12|name:Kit|product_id:72|"
            + "sku:WDG-KIT|quantity:1|subtotal:9.99|subtotal_tax:0.00|total:9.99|total_tax:0.00|refunded:0.00|"
            + "refunded_qty:0|meta:"
        let json = #"[{"id":13,"name":"Steel Widget","product_id":71,"sku":"WDG-1","quantity":3,"subtotal":"59.97"}]"#
        func order(_ id: String, _ items: String) -> String {
            Self.row(
                Self.orderHeader,
                [
                    "order_id": id, "order_number_formatted": id, "status": "completed", "shipping_total": "12.50",
                    "shipping_method": "Flat rate", "line_items": items,
                ])
        }
        let orders = Fixture.temporary(
            [Self.orderHeader, order("601", packed), order("602", json), order("603", "id:14|name:Kit|quantity:two")]
                .joined(separator: "\n") + "\n", name: "orders-export-default.csv")
        let matched = try Analysis(configuration: Configuration()).match([InputFile(path: orders, kind: .orders)])
        #expect(matched.loaded.inputs.first?.profile == "woocommerce-orders")
        let first = try #require(matched.orders.first { $0.order.id == "601" })
        #expect(
            first.order.lines.map { "\($0.quantity) \($0.sku) \($0.name)" } == [
                "2 WDG-1 Steel Widget: Large", "1 WDG-KIT Kit",
            ])
        #expect(first.order.lines.first?.unitPrice == Decimal(string: "19.99"))
        let second = try #require(matched.orders.first { $0.order.id == "602" })
        #expect(second.order.lines.map { "\($0.quantity) \($0.sku)" } == ["3 WDG-1"])
        // A cell that cannot be read rejects its row with the column and the reason.
        let reject = try #require(matched.loaded.rejects.first)
        #expect(reject.column == "line_items" && reject.location.line == 4, "\(reject.description)")
    }

    @Test("the packed cell's reader: escapes, empty items, unreadable cells")
    func reader() {
        let items = try? PackedLineItems.items("name:a\\|b|sku:X\\;1|quantity:2;;name:c|quantity:1").get()
        #expect(items?.map(\.name) == ["a|b", "c"])
        #expect(items?.first?.sku == "X;1")
        #expect((try? PackedLineItems.items("").get())?.isEmpty == true)
        guard case .failure = PackedLineItems.items("no pairs here") else {
            Issue.record("a cell with no key:value pair must be refused")
            return
        }
        guard case .failure = PackedLineItems.items("[not json") else {
            Issue.record("a cell that is not JSON must be refused")
            return
        }
    }
}
