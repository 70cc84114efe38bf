import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// `inspect`'s starter mapping is judged on the columns' values, not one header word.
struct InspectProposalTests {
    func mapping(_ text: String, name: String = "export.csv") throws -> String {
        try FileInspector.inspect(
            path: Fixture.temporary(text, name: name), kind: nil, delimiter: nil, timeZone: Fixture.newYork)
    }

    @Test("a FedEx Ship Manager-style export: the name column is no order number, the empty one no tracking number")
    func fedexStyle() throws {
        let out = try mapping(
            """
            Recipient Contact Name,Reference,Tracking Number,Master Tracking Number,Service Type,Ship Date,Total Charges
            Ana Lima,1041,,794611234567,FedEx Ground,11/16/2026,12.50
            Ben Ok,1042,,794611234568,FedEx 2Day,11/17/2026,19.30

            """)
        #expect(out.contains("kind = \"shipments\""))
        #expect(out.contains("order_id = \"Reference\""))
        #expect(out.contains("tracking_number = \"Master Tracking Number\""))
        #expect(!out.contains("= \"Recipient Contact Name\""))
    }

    @Test("a store's orders with price columns: proposed as orders, prices never as services; dates as created_at")
    func ordersWithPrices() throws {
        let out = try mapping(
            """
            Numero de orden,Fecha,Producto,SKU,Cantidad,Precio,Costo de envio,Nombre del comprador
            100,2026-11-10 09:00:00,Taza grande,A-1,1,12.00,3.50,Ana Lima
            101,2026-11-11 10:00:00,Taza chica,A-2,2,9.00,3.50,Ben Ok

            """)
        #expect(out.contains("kind = \"orders\""))
        #expect(out.contains("created_at = \"Fecha\""))
        #expect(out.contains("sku = \"SKU\""))
        #expect(!out.contains("service ="))
        let etsy = try mapping(
            """
            Sale Date,Order Number,Payment Method,SKU,Quantity
            11/03/2025,3001,Credit Card,A,1
            11/04/2025,3002,PayPal,B,2

            """)
        #expect(!etsy.contains("financial_status"))
    }

    @Test("warnings: letters replaced by U+FFFD, Excel guards, mixed date orders")
    func warnings() throws {
        let out = try mapping(
            """
            N\u{FFFD}mero,Fecha,SKU,Cantidad
            ="0100",24/10/2025,A,1
            ="0101",10/24/2025,B,2

            """)
        #expect(out.contains("replaced by U+FFFD"))
        #expect(out.contains("Excel's guard"))
        #expect(out.contains("mixes day-first dates"))
    }

    @Test("pasted unchanged, the starter mapping reads each fixture with nothing rejected")
    func pastedMappingReads() throws {
        let fixtures: [(String, InputKind)] = [
            (
                """
                Numero de orden,Fecha,Producto,SKU,Cantidad,Precio,Costo de envio,Nombre del comprador
                100,2026-11-10 09:00:00,Taza grande,A-1,1,"12,00","3,50",Ana Lima
                101,2026-11-11 10:00:00,Taza chica,A-2,2,"9,00","3,50",Ben Ok

                """, .orders
            ),
            (
                """
                Recipient Contact Name,Reference,Tracking Number,Master Tracking Number,Service Type,Ship Date
                Ana Lima,100,,794611234567,FedEx Ground,11/16/2026
                Ben Ok,101,,794611234568,FedEx 2Day,11/17/2026

                """, .shipments
            ),
        ]
        for (index, (text, kind)) in fixtures.enumerated() {
            let path = Fixture.temporary(text, name: "export\(index).csv")
            let out = try FileInspector.inspect(path: path, kind: nil, delimiter: nil, timeZone: Fixture.newYork)
            let mapping = String(out[out.range(of: "[profiles.")!.lowerBound...])
            #expect(!mapping.contains("TODO"), "\(mapping)")
            let config = Fixture.temporary(mapping, name: "shipaudit.toml")
            let configuration = try ConfigLoader.load(path: config)
            let loaded = try Analysis(configuration: configuration).match([InputFile(path: path, kind: kind)]).loaded
            #expect(loaded.rejects.isEmpty, "\(loaded.rejects.map(\.description))")
            #expect(loaded.inputs.first?.rowsUsed == 2)
            #expect(loaded.inputs.first?.profile.hasPrefix("export") == true)
        }
    }
}
