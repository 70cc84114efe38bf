import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// Multi-piece shipments: the pieces' rows name the master package, whose row holds the order number.
struct MultiPieceTests {
    @Test("a FedEx Ship Manager-style export: child rows take the order, service and ship date from their master")
    func children() throws {
        let orders = Fixture.temporary(
            """
            order_id,created_at,sku,quantity,fulfillment_status
            1041,2026-11-16 09:00:00 -0500,A,3,fulfilled

            """, name: "orders.csv")
        let shipments = Fixture.temporary(
            """
            Reference,Tracking Number,Master Tracking Number,Service Type,Ship Date
            1041,794611234567,794611234567,FedEx Ground,2026-11-16 16:00:00 -0500
            ,794611234568,794611234567,,
            ,794611234569,794611234567,,
            ,794611234570,794699999999,,

            """, name: "fedex.csv")
        let config = Fixture.temporary(
            """
            [profiles.fedex-ship-manager]
            kind = "shipments"
            [profiles.fedex-ship-manager.columns]
            order_id = "Reference"
            tracking_number = "Tracking Number"
            master_tracking_number = "Master Tracking Number"
            service = "Service Type"
            shipped_at = "Ship Date"
            carrier = { value = "FedEx" }

            """, name: "shipaudit.toml")
        let configuration = try ConfigLoader.load(path: config)
        let files = [InputFile(path: orders, kind: .orders), InputFile(path: shipments, kind: .shipments)]
        let matched = try Analysis(configuration: configuration).match(files)
        let order = try #require(matched.orders.first)
        #expect(order.packages.count == 3)
        #expect(order.packages.allSatisfy { $0.service == "FedEx Ground" && $0.shippedAt != nil })
        // A piece whose master is not in the file is rejected, saying so.
        #expect(matched.loaded.rejects.count == 1)
        #expect(matched.loaded.rejects.first?.hint.contains("master package 794699999999") == true)
    }

    @Test("weight_per = \"shipment\": the shipment's weight, repeated on every piece, is counted once")
    func shipmentWeight() throws {
        let orders = Fixture.temporary(
            """
            order_id,created_at,sku,quantity,fulfillment_status
            1041,2026-11-16 09:00:00 -0500,A,3,fulfilled

            """, name: "orders.csv")
        let shipments = Fixture.temporary(
            """
            Reference,Tracking Number,Master Tracking Number,Service Type,Ship Date,Total Weight
            1041,794611234567,794611234567,FedEx Ground,2026-11-16 16:00:00 -0500,6
            ,794611234568,794611234567,,,6
            ,794611234569,794611234567,,,6

            """, name: "fedex.csv")
        let config = Fixture.temporary(
            """
            [profiles.fedex-ship-manager]
            kind = "shipments"
            weight_per = "shipment"
            [profiles.fedex-ship-manager.columns]
            order_id = "Reference"
            tracking_number = "Tracking Number"
            master_tracking_number = "Master Tracking Number"
            service = "Service Type"
            shipped_at = "Ship Date"
            weight = { column = "Total Weight", unit = "lb" }

            """, name: "shipaudit.toml")
        let configuration = try ConfigLoader.load(path: config)
        let files = [InputFile(path: orders, kind: .orders), InputFile(path: shipments, kind: .shipments)]
        let matched = try Analysis(configuration: configuration).match(files)
        let order = try #require(matched.orders.first)
        let total = order.packages.compactMap(\.weight).reduce(0) { $0 + $1.grams }
        #expect(order.packages.count == 3 && order.packages.allSatisfy { $0.weight != nil })
        #expect(abs(total - 6 * WeightUnit.pounds.grams) < 0.01)
        let bad = Fixture.temporary(
            "[profiles.x]\nkind = \"shipments\"\nweight_per = \"box\"\n[profiles.x.columns]\norder_id = \"a\"\n"
                + "tracking_number = \"b\"\nservice = \"c\"\n", name: "shipaudit.toml")
        #expect(throws: InputProblem.self) { try ConfigLoader.load(path: bad) }
    }
}
