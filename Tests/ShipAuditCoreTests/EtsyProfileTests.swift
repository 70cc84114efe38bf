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
}
