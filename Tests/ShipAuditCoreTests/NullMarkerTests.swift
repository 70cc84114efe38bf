import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// Null markers (`na`, `N/A`, `-`, `null`, ...) are empty cells in every column, never values to refuse.
struct NullMarkerTests {
    @Test("the markers, whatever their case; values that only look alike are kept")
    func markers() {
        let markers = NullMarkers()
        for text in ["na", "NA", "n/a", "N/A", "-", "--", "null", "NULL", "None", "(none)", "nil", "#N/A"] {
            #expect(ByteView.of(text) { markers.matches($0) }, "\(text)")
        }
        for text in ["", "0", "nan", "n", "---", "North", "1"] { #expect(!ByteView.of(text) { markers.matches($0) }) }
        #expect(!ByteView.of("na") { NullMarkers(["-"]).matches($0) })
    }

    @Test("an orders export with N/A prices and a - shipping; a scan export with na times: no row lost")
    func rowsKept() throws {
        let orders = Fixture.temporary(
            """
            order_id,created_at,sku,quantity,unit_price,shipping_paid,fulfillment_status
            1,2026-11-10 09:00:00 -0500,W,1,N/A,-,fulfilled
            2,2026-11-10 09:00:00 -0500,W,1,12.00,null,fulfilled

            """, name: "orders.csv")
        let shipments = Fixture.temporary(
            """
            order_id,tracking_number,carrier,service,shipped_at
            1,1Z999AA10123456784,UPS,UPS Ground,2026-11-10 15:00:00 -0500
            2,1Z999AA10123456785,UPS,UPS Ground,na

            """, name: "shipments.csv")
        let tracking = Fixture.temporary(
            """
            tracking_number,status,time
            1Z999AA10123456784,In Transit,2026-11-11 08:00:00 -0500
            1Z999AA10123456785,In Transit,na

            """, name: "tracking.csv")
        let files = [
            InputFile(path: orders, kind: .orders), InputFile(path: shipments, kind: .shipments),
            InputFile(path: tracking, kind: .tracking),
        ]
        let matched = try Analysis(configuration: Configuration()).match(files)
        #expect(matched.loaded.rejects.isEmpty, "\(matched.loaded.rejects.map(\.description))")
        #expect(matched.loaded.inputs.allSatisfy { $0.rowsUsed == 2 })
        let first = try #require(matched.orders.first { $0.order.id == "1" })
        #expect(first.order.shippingPaid == nil && first.order.lines.first?.unitPrice == nil)
    }

    @Test("[store] null_markers replaces the list: a store whose SKU is NA keeps it")
    func configured() throws {
        let config = Fixture.temporary("[store]\nnull_markers = [\"-\", \"n/a\"]\n", name: "shipaudit.toml")
        let configuration = try ConfigLoader.load(path: config)
        #expect(configuration.nullMarkers == ["-", "n/a"])
        let orders = Fixture.temporary(
            "order_id,created_at,sku,quantity\n1,2026-11-10 09:00:00 -0500,NA,1\n", name: "orders.csv")
        let matched = try Analysis(configuration: configuration).match([InputFile(path: orders, kind: .orders)])
        #expect(matched.orders.first?.order.lines.first?.sku == "NA")
    }
}

/// Excel's guards are unwrapped to the values they protect.
struct CellHygieneTests {
    @Test("=\"0123\" and '0123 are 0123; other cells are left as they are")
    func unwrapped() {
        #expect(ByteView.of("=\"0123\"") { CellHygiene.unwrapped($0).map(\.text) } == "0123")
        #expect(ByteView.of("'0123") { CellHygiene.unwrapped($0).map(\.text) } == "0123")
        for text in ["0123", "=SUM(A1)", "=\"", "'", "it's"] {
            #expect(ByteView.of(text) { CellHygiene.unwrapped($0) } == nil || text == "'", "\(text)")
        }
    }

    @Test("a file re-saved by Excel: guarded order and tracking numbers match, quantities read")
    func guardedFile() throws {
        let orders = Fixture.temporary(
            #"""
            order_id,created_at,sku,quantity,fulfillment_status
            "=""01041""",2026-11-10 09:00:00 -0500,'00123,"=""2""",fulfilled

            """#, name: "orders.csv")
        let shipments = Fixture.temporary(
            #"""
            order_id,tracking_number,carrier,service,shipped_at
            01041,"=""9400111201080805483016""",USPS,USPS Ground Advantage,2026-11-10 15:00:00 -0500

            """#, name: "shipments.csv")
        let files = [InputFile(path: orders, kind: .orders), InputFile(path: shipments, kind: .shipments)]
        let matched = try Analysis(configuration: Configuration()).match(files)
        #expect(matched.loaded.rejects.isEmpty, "\(matched.loaded.rejects.map(\.description))")
        let order = try #require(matched.orders.first)
        #expect(order.order.lines.first?.sku == "00123" && order.order.lines.first?.quantity == 2)
        #expect(order.packages.first?.trackingNumber == "9400111201080805483016")
    }
}
