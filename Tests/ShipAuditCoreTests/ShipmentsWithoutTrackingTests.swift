import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// A shipments row with no tracking number, or a placeholder for one, is no package: it must not make its order look
/// shipped.
struct ShipmentsWithoutTrackingTests {
    @Test("empty and placeholder tracking numbers are counted, not packages; the order is then not shipped")
    func placeholders() throws {
        let orders = Fixture.temporary(
            """
            order_id,created_at,sku,quantity,financial_status,shipping_method,fulfillment_status
            1,2026-11-10 09:00:00 -0500,W,1,paid,UPS Ground,
            2,2026-11-10 09:00:00 -0500,W,1,paid,UPS Ground,
            3,2026-11-10 09:00:00 -0500,W,1,paid,UPS Ground,

            """, name: "orders.csv")
        let shipments = Fixture.temporary(
            """
            order_id,tracking_number,carrier,service,shipped_at
            1,,ups,UPS Ground,2026-11-10 12:00:00 -0500
            1,N/A,ups,UPS Ground,2026-11-10 12:00:00 -0500
            2,PENDING,ups,UPS Ground,2026-11-10 12:00:00 -0500
            2, - ,ups,UPS Ground,2026-11-10 12:00:00 -0500
            2,0,ups,UPS Ground,2026-11-10 12:00:00 -0500
            3,1Z999AA10123456784,ups,UPS Ground,2026-11-10 12:00:00 -0500

            """, name: "shipments.csv")
        let analysis = Analysis(configuration: Configuration())
        let files = [InputFile(path: orders, kind: .orders), InputFile(path: shipments, kind: .shipments)]
        let matched = try analysis.match(files)
        #expect(matched.loaded.shipmentRowsWithoutTracking == 5)
        #expect(matched.loaded.shipments.count == 1)
        #expect(matched.loaded.rejects.isEmpty)
        let asOf = try TimestampParser(timeZone: Fixture.newYork).parse("2026-11-19T02:00:00-05:00").get()
        let checked = Checker(configuration: Configuration()).check(matched, asOf: asOf)
        #expect(checked.findings.filter { $0.rule == "not_shipped" }.map(\.orderId) == ["1", "2"])
        #expect(checked.coverage.shipmentRowsWithoutTracking == 5)
    }

    @Test("the placeholder list: case and spaces do not matter, real numbers are never placeholders")
    func list() {
        for text in ["", "n/a", "N / A", "none", "Pending", "TBD", "-", "0"] {
            #expect(TrackingPlaceholder.matches(text))
        }
        for text in ["1Z999AA10123456784", "9400111201080805483016", "00", "A1"] {
            #expect(!TrackingPlaceholder.matches(text))
        }
    }
}

/// Shopify's line fulfilment statuses as a store's export writes them: `fulfilled`, `partial`, `pending`.
struct LineFulfilmentTests {
    @Test("a partly fulfilled line has shipped something: never 'not shipped', and its weight is not compared")
    func partial() throws {
        let header =
            "Name,Financial Status,Fulfillment Status,Created at,Lineitem quantity,Lineitem sku,Lineitem requires shipping,Lineitem fulfillment status,Shipping Method"
        let orders = Fixture.temporary(
            """
            \(header)
            #1,paid,partial,2024-01-30 13:49:01 +0100,2,A,true,partial,Express
            #2,paid,unfulfilled,2024-01-30 13:49:01 +0100,1,A,true,pending,Express
            #3,paid,fulfilled,2024-01-30 13:49:01 +0100,1,A,true,fulfilled,Express

            """, name: "orders_export.csv")
        let matched = try Analysis(configuration: Configuration()).match([InputFile(path: orders, kind: .orders)])
        let lines = matched.orders.map { $0.order.lines[0] }
        #expect(lines.map(\.isFulfilled) == [true, false, true])
        #expect(lines.map(\.isPartiallyFulfilled) == [true, false, false])
        #expect(matched.orders[0].order.isPartiallyFulfilled)
        let asOf = try TimestampParser(timeZone: Fixture.newYork).parse("2024-02-10T12:00:00+01:00").get()
        for quickTest in [true, false] {
            let checked = Checker(configuration: Configuration(), quickTest: quickTest).check(matched, asOf: asOf)
            #expect(checked.findings.map { "\($0.orderId) \($0.rule)" } == ["2 not_shipped"])
        }
    }
}

/// The ship clock starts at payment when the order was paid later (draft and invoice orders).
struct PaymentClockTests {
    @Test("paid twelve days after it was created: due from the payment, and the words say 'paid'")
    func paidLater() throws {
        let header =
            "Name,Financial Status,Paid at,Created at,Lineitem quantity,Lineitem sku,Lineitem requires shipping,Lineitem fulfillment status,Shipping Method"
        let orders = Fixture.temporary(
            """
            \(header)
            #1,paid,2025-04-01 10:00:00 -0400,2025-03-20 09:00:00 -0400,1,A,true,pending,Express
            #2,paid,2025-03-20 09:00:02 -0400,2025-03-20 09:00:00 -0400,1,A,true,pending,Express

            """, name: "orders_export.csv")
        let matched = try Analysis(configuration: Configuration()).match([InputFile(path: orders, kind: .orders)])
        #expect(matched.orders[0].order.paidAt != nil && matched.orders[1].order.paidAt == nil)
        let parser = TimestampParser(timeZone: Fixture.newYork)
        for quickTest in [true, false] {
            let early = Checker(configuration: Configuration(), quickTest: quickTest)
                .check(matched, asOf: try parser.parse("2025-04-02T08:00:00-04:00").get())
            #expect(early.findings.map(\.orderId) == ["2"])
            let late = Checker(configuration: Configuration(), quickTest: quickTest)
                .check(matched, asOf: try parser.parse("2025-04-05T08:00:00-04:00").get())
            #expect(late.findings.map(\.orderId) == ["1", "2"])
            let one = try #require(late.findings.first)
            #expect(one.message.contains("(paid Tue 2025-04-01 10:00"), "\(one.message)")
            #expect(one.evidence.contains { $0.0 == "paid" })
        }
    }
}

/// Exports with no line status: a shipped date or the order's own status says whether it shipped.
struct OrderFulfilmentTests {
    @Test("a shipped date or an order status 'Shipped' is never 'not shipped'; 'Unshipped' is judged")
    func orderLevel() throws {
        let orders = Fixture.temporary(
            """
            order_id,created_at,sku,quantity,financial_status,fulfilled_at,order_fulfillment_status
            1,2026-11-10 09:00:00 -0500,W,1,paid,2026-11-11 10:00:00 -0500,
            2,2026-11-10 09:00:00 -0500,W,1,paid,,Shipped
            3,2026-11-10 09:00:00 -0500,W,1,paid,,Unshipped
            4,2026-11-10 09:00:00 -0500,W,1,paid,,

            """, name: "orders.csv")
        let matched = try Analysis(configuration: Configuration()).match([InputFile(path: orders, kind: .orders)])
        #expect(matched.orders.map { $0.order.lines[0].isFulfilled } == [true, true, false, nil])
        let asOf = try TimestampParser(timeZone: Fixture.newYork).parse("2026-11-19T02:00:00-05:00").get()
        for quickTest in [true, false] {
            let checked = Checker(configuration: Configuration(), quickTest: quickTest).check(matched, asOf: asOf)
            #expect(checked.findings.map { "\($0.orderId) \($0.rule)" } == ["3 not_shipped"])
        }
    }
}
