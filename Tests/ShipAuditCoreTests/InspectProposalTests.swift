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

    @Test("dates with month names or year first with slashes: inspect names their format and the mapping reads them")
    func writtenDates() throws {
        let cases: [(values: [String], pattern: String)] = [
            (["7 dic 2026", "15 ene 2026 10:30"], "%d %b %Y %H:%M:%S"),
            (["Dec 7, 2026 3:04 PM", "Jan 15, 2026 11:00 AM"], "%b %d, %Y %I:%M %p"),
            (["Dec 7, 2026 3:04:05 PM PST"], "%b %d, %Y %I:%M:%S %p %Z"),
            (["Dec-07-26", "Jan-15-26"], "%b-%d-%y"),
            (["7. Dez. 2026", "15. März 2026"], "%d. %b %Y %H:%M"),
            (["7 de diciembre de 2026"], "%d de %b de %Y %H:%M"),
            (["2026/12/07", "2026/01/15 08:00:00"], "%Y/%m/%d %H:%M:%S"),
            (["Mon, 07 Dec 2026 15:04:05 +0000", "Thu, 15 Jan 2026 11:00:00 -0500"], "%a, %d %b %Y %H:%M:%S %z"),
            (["lun. 7 déc. 2026", "jeu. 15 janv. 2026 10:30:00"], "%a %d %b %Y %H:%M:%S"),
        ]
        for (values, pattern) in cases {
            #expect(FileInspector.writtenDatePattern(values) == pattern, "\(values)")
            let format = DateFormat(pattern, timeZone: Fixture.newYork)
            #expect(values.allSatisfy { format.parse($0).isSuccess }, "\(values)")
        }
        // Not dates, or an ISO date (read without a format): none.
        for values in [["Dec", "Jan"], ["Steel Widget"], [""], ["2026-12-07"], ["1041"]] {
            #expect(FileInspector.writtenDatePattern(values) == nil, "\(values)")
        }
        let out = try mapping(
            """
            Order number,Date created,SKU,Qty,Shipping price
            10001,"Dec 7, 2026 3:04 PM",WDG-1,2,12.50
            10002,"Dec 8, 2026 11:00 AM",WDG-2,1,8.00

            """)
        #expect(out.contains("date (%b %d, %Y %I:%M %p)"))
        #expect(out.contains("date_format = \"%b %d, %Y %I:%M %p\""))
        #expect(out.contains("created_at = \"Date created\""))
    }

    @Test(
        "a ShipStation shipments export without its order column: no carrier name as the order number, no confirmation type as the service"
    )
    func shipStationWithoutOrder() throws {
        let out = try mapping(
            """
            Carrier - Name,Service - Confirmation Type,Ship To - Name,Shipment - Tracking Number,Ship To - Postal Code,Custom - Field 1
            USPS,Delivery,Ann Lee,9400111899223344556677,12345,1041
            UPS,Signature,Bo Chan,1Z5R89390357567127,97201,1042

            """)
        #expect(
            !out.contains("order_id = \"Carrier - Name\"") && !out.contains("service = \"Service - Confirmation Type\"")
        )
        #expect(
            out.contains(
                "# order_id = \"TODO\"   # required: no header names it; whole numbers in \"Custom - Field 1\"\n"))
        #expect(out.contains("carrier = \"Carrier - Name\""))
        #expect(out.contains("tracking_number = \"Shipment - Tracking Number\""))
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

    @Test(
        "EasyPost's shipment report asked for as invoices (its header as its docs list it): the fees are charges, the refund status is not"
    )
    func easyPostAsInvoices() throws {
        let path = Fixture.temporary(
            """
            id,tracking_code,status,created_at,updated_at,length,width,height,weight,postage_label_created_at,service,carrier,rate,insured_value,is_return,refund_status,reference,label_fee,postage_fee,insurance_fee
            shp_1,1Z5R89390357567127,delivered,2026-11-16T16:02:11Z,2026-11-18T10:00:00Z,8,6,4,20,2026-11-16T16:02:11Z,Ground,UPS,11.48,0,false,,#1041,0.05,11.48,0

            """, name: "easypost.csv")
        let out = try FileInspector.inspect(path: path, kind: .invoices, delimiter: nil, timeZone: Fixture.newYork)
        #expect(out.contains("kind = \"invoices\""))
        #expect(out.contains("tracking_number = \"tracking_code\""))
        #expect(out.contains("\"postage_fee\" = \"label\""))
        #expect(out.contains("\"label_fee\" = \"surcharge\""))
        #expect(out.contains("\"insurance_fee\" = \"surcharge\""))
        #expect(!out.contains("\"refund_status\" ="), "\(out)")
        #expect(!out.contains("\"insured_value\" ="))
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
            (
                // A warehouse's invoice: a row per package, a column per charge, no net amount.
                """
                Invoice #,Invoice Date,Ship Date,Tracking #,Carrier,Service,Postage,Fuel Surcharge,Residential Fee,Carrier Adjustment,Notes
                W-7,11/21/2026,11/16/2026,1Z5R89390357567127,UPS,UPS Ground,11.48,1.72,,,
                W-7,11/21/2026,11/16/2026,477179081230,FedEx,FedEx 2Day,19.30,1.45,4.90,12.75,reweighed

                """, .invoices
            ),
            (
                // A row per charge.
                """
                Invoice Number,Invoice Date,Tracking Number,Charge Description,Amount,Currency
                5501,2026-11-21,1Z5R89390357567127,Ground,11.48,USD
                5501,2026-11-21,1Z5R89390357567127,Fuel Surcharge,1.72,USD

                """, .invoices
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
            #expect(mapping.contains("kind = \"\(kind.rawValue)\""), "\(mapping)")
            if kind == .invoices { #expect(loaded.invoices.lines.count == (index == 2 ? 6 : 2), "\(mapping)") }
        }
    }
}
