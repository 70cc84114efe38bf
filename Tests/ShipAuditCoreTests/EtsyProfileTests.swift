import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// Etsy's "Sold Order Items" export, recognised without a mapping (headers as Etsy writes them; rows made up).
struct EtsyProfileTests {
    static let header =
        "Sale Date,Item Name,Buyer,Quantity,Price,Coupon Code,Coupon Details,Discount Amount,Shipping Discount,"
        + "Order Shipping,Order Sales Tax,Item Total,Currency,Transaction ID,Listing ID,Date Paid,Date Shipped,"
        + "Ship Name,Ship Address1,Ship Address2,Ship City,Ship State,Ship Zipcode,Ship Country,Order ID,Variations,"
        + "Order Type,Listings Type,Payment Type,InPerson Discount,InPerson Location,VAT Paid by Buyer,SKU"

    @Test("recognised; US dates with two-digit years; Date Shipped makes an order shipped, and late when it was")
    func soldOrderItems() throws {
        let orders = Fixture.temporary(
            """
            \(Self.header)
            11/03/25,Ceramic mug,buyer1,2,18.00,,,0,0,4.50,0,36.00,USD,4001,9001,11/03/25,11/04/25,A B,1 Main St,,Town,MA,01001,United States,3001,Color:Blue,online,listing,online_cc,,,0,MUG-BLUE
            11/03/25,Ceramic bowl,buyer1,1,22.00,,,0,0,4.50,0,22.00,USD,4002,9002,11/03/25,11/04/25,A B,1 Main St,,Town,MA,01001,United States,3001,,online,listing,online_cc,,,0,
            11/03/25,Tea towel,buyer2,1,12.00,,,0,0,3.00,0,12.00,USD,4003,9003,11/03/25,11/14/25,C D,2 Main St,,Town,MA,01001,United States,3002,,online,listing,online_cc,,,0,TOWEL

            """, name: "EtsySoldOrderItems2025.csv")
        let files = [InputFile(path: orders, kind: .orders)]
        let configuration = Configuration()
        let matched = try Analysis(configuration: configuration).match(files)
        #expect(matched.loaded.inputs.first?.profile == "etsy-sold-order-items")
        #expect(matched.loaded.rejects.isEmpty, "\(matched.loaded.rejects.map(\.description))")
        let first = try #require(matched.orders.first { $0.order.id == "3001" })
        #expect(first.order.lines.count == 2)
        #expect(LocalDay(first.order.createdAt!, in: Fixture.newYork).description == "2025-11-03")
        let asOf = try TimestampParser(timeZone: Fixture.newYork).parse("2025-11-20T12:00:00-05:00").get()
        let findings = Checker(configuration: matched.configuration).check(matched, asOf: asOf).findings
        #expect(findings.map { "\($0.orderId) \($0.rule)" } == ["3002 shipped_late"])
    }

    @Test("Sold Orders (one row per order): recognised, every order with Date Shipped counts as shipped")
    func soldOrders() throws {
        let header =
            "Sale Date,Order ID,Buyer User ID,Full Name,First Name,Last Name,Number of Items,Payment Method,"
            + "Date Shipped,Street 1,Street 2,Ship City,Ship State,Ship Zipcode,Ship Country,Currency,Order Value,"
            + "Coupon Code,Coupon Details,Discount Amount,Shipping Discount,Shipping,Sales Tax,Order Total,Status,"
            + "Card Processing Fees,Order Net,Adjusted Order Total,Adjusted Card Processing Fees,"
            + "Adjusted Net Order Amount,Buyer,Order Type,Payment Type,InPerson Discount,InPerson Location,SKU"
        let orders = Fixture.temporary(
            """
            \(header)
            11/03/25,3001,b1,A B,A,B,2,Credit Card,11/04/25,1 Main St,,Town,MA,01001,United States,USD,36.00,,,0,0,4.50,0,40.50,Completed,1.20,39.30,,,,buyer1,online,online_cc,,,MUG-BLUE
            11/03/25,3002,b2,C D,C,D,1,Credit Card,11/14/25,2 Main St,,Town,MA,01001,United States,USD,12.00,,,0,0,3.00,0,15.00,Completed,0.50,14.50,,,,buyer2,online,online_cc,,,

            """, name: "EtsySoldOrders2025.csv")
        let matched = try Analysis(configuration: Configuration()).match([InputFile(path: orders, kind: .orders)])
        #expect(matched.loaded.inputs.first?.profile == "etsy-sold-orders")
        #expect(matched.loaded.rejects.isEmpty, "\(matched.loaded.rejects.map(\.description))")
        let asOf = try TimestampParser(timeZone: Fixture.newYork).parse("2025-11-20T12:00:00-05:00").get()
        let findings = Checker(configuration: matched.configuration).check(matched, asOf: asOf).findings
        #expect(findings.map { "\($0.orderId) \($0.rule)" } == ["3002 shipped_late"])
    }

    @Test("an unknown layout's error points at inspect, and 'add the column' only for a layout wholly present")
    func unknownLayoutHint() throws {
        let orders = Fixture.temporary("Pedido,Fecha,Producto\n1,2025-11-03,Taza\n", name: "pedidos.csv")
        let problem = try #require(
            DateOrderTests.problem {
                _ = try Analysis(configuration: Configuration()).match([InputFile(path: orders, kind: .orders)])
            })
        #expect(problem.hint.contains("shipaudit inspect") && problem.hint.contains("docs/mapping.md"))
        let partial = Fixture.temporary("order_id,sku,Menge\n1,A,2\n", name: "teil.csv")
        let missing = try #require(
            DateOrderTests.problem {
                _ = try Analysis(configuration: Configuration()).match([InputFile(path: partial, kind: .orders)])
            })
        #expect(missing.hint.contains("shipaudit inspect"))
    }
}

/// WooCommerce's core product export, recognised as a catalog (headers as its exporter writes them).
struct WooCommerceProductsTests {
    @Test("Weight (kg) read in kilograms, Weight (lbs) in pounds; rows without a SKU or weight left out of the catalog")
    func products() throws {
        for (unit, grams) in [("kg", 250.0), ("lbs", 0.25 * 453.59237)] {
            let catalog = Fixture.temporary(
                """
                ID,Type,SKU,Name,Published,Is featured?,Visibility in catalog,Short description,Description,Weight (\(unit)),Length (cm),Regular price
                11,simple,MUG-1,Mug,1,0,visible,,,0.25,10,12.00
                12,variable,,Shirt,1,0,visible,,,,,

                """, name: "wc-product-export.csv")
            let orders = Fixture.temporary(
                "order_id,created_at,sku,quantity\n1,2026-11-10 09:00:00 -0500,MUG-1,1\n", name: "orders.csv")
            let files = [InputFile(path: orders, kind: .orders), InputFile(path: catalog, kind: .catalog)]
            let matched = try Analysis(configuration: Configuration()).match(files)
            #expect(matched.loaded.inputs.last?.profile == "woocommerce-products")
            #expect(abs((matched.catalog["MUG-1"]?.unitWeight.grams ?? 0) - grams) < 0.01)
        }
    }
}
