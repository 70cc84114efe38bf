import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// Financial statuses: read from the common vocabularies and translations, never guessed.
struct PaymentStatusTests {
    @Test("texts of several shop systems and languages, whatever their case, underscores and dashes")
    func vocabulary() {
        let cases: [(String, PaymentStatus?)] = [
            ("paid", .paid), ("PARTIALLY_REFUNDED", .paid), ("Awaiting Shipment", .paid), ("Recibido", .paid),
            ("Bezahlt", .paid), ("pending", .pending), ("on-hold", .pending), ("Awaiting Payment", .pending),
            ("Pendiente", .pending), ("refunded", .cancelled), ("Storniert", .cancelled), ("Cancelado", .cancelled),
            ("voided", .cancelled), ("Rückerstattet", .cancelled), ("Quasi pagato", nil), ("", nil),
        ]
        for (text, expected) in cases { #expect(PaymentStatus.read(text) == expected, "\(text)") }
        #expect(PaymentStatus.read("Quasi pagato", custom: ["quasi pagato": .paid]) == .paid)
    }

    @Test("an unknown status: the order is not checked, the text listed; mapped in the config, it is judged")
    func unknownNotGuessed() throws {
        let orders = Fixture.temporary(
            """
            order_id,created_at,sku,quantity,financial_status,fulfillment_status
            1,2026-11-10 09:00:00 -0500,W,1,Quasi pagato,pending
            2,2026-11-10 09:00:00 -0500,W,1,paid,pending

            """, name: "orders.csv")
        let asOf = try TimestampParser(timeZone: Fixture.newYork).parse("2026-11-19T02:00:00-05:00").get()
        var configuration = Configuration()
        let files = [InputFile(path: orders, kind: .orders)]
        let matched = try Analysis(configuration: configuration).match(files)
        for quickTest in [true, false] {
            let checked = Checker(configuration: configuration, quickTest: quickTest).check(matched, asOf: asOf)
            #expect(checked.findings.map(\.orderId) == ["2"])
            #expect(checked.coverage.ordersNotChecked[Checker.paymentUnknown] == 1)
            #expect(checked.coverage.unknownPaymentStatuses == ["Quasi pagato": 1])
        }
        configuration.paymentStatuses = ["quasi pagato": .paid]
        let mapped = try Analysis(configuration: configuration).match(files)
        #expect(Checker(configuration: configuration).check(mapped, asOf: asOf).findings.map(\.orderId) == ["1", "2"])
    }

    @Test("[payment_statuses] in the config: mapped texts, and a wrong status named with its key")
    func config() throws {
        let good = Fixture.temporary("[payment_statuses]\n\"Quasi Pagato\" = \"paid\"\n", name: "shipaudit.toml")
        #expect(try ConfigLoader.load(path: good).paymentStatuses == ["quasi pagato": .paid])
        let bad = Fixture.temporary("[payment_statuses]\nRecibido = \"received\"\n", name: "shipaudit.toml")
        #expect(throws: InputProblem.self) { try ConfigLoader.load(path: bad) }
    }
}

/// Pickup and local delivery: no carrier, so no rule judges the order; the coverage counts it.
struct PickupTests {
    @Test("'Collect from … Store' and a title named in the config: not judged, counted; a carrier method is")
    func pickup() throws {
        let orders = Fixture.temporary(
            """
            order_id,created_at,sku,quantity,financial_status,shipping_method,fulfillment_status
            1,2026-11-10 09:00:00 -0500,W,1,paid,Collect from Sandton Store,pending
            2,2026-11-10 09:00:00 -0500,W,1,paid,Retiro en sucursal,pending
            3,2026-11-10 09:00:00 -0500,W,1,paid,Botenlieferung Zone 2,pending
            4,2026-11-10 09:00:00 -0500,W,1,paid,Express,pending

            """, name: "orders.csv")
        var configuration = Configuration()
        configuration.pickupMethods = ["botenlieferung zone 2"]
        let matched = try Analysis(configuration: configuration).match([InputFile(path: orders, kind: .orders)])
        let asOf = try TimestampParser(timeZone: Fixture.newYork).parse("2026-11-19T02:00:00-05:00").get()
        for quickTest in [true, false] {
            let checked = Checker(configuration: configuration, quickTest: quickTest).check(matched, asOf: asOf)
            #expect(checked.findings.map { "\($0.orderId) \($0.rule)" } == ["4 not_shipped"])
            #expect(checked.coverage.ordersNotChecked[Checker.pickup] == 3)
        }
        #expect(PickupMethods.matches("Local Pickup (Warehouse)") && !PickupMethods.matches("UPS Ground"))
    }

    @Test("[store] pickup_methods in the config")
    func config() throws {
        let path = Fixture.temporary("[store]\npickup_methods = [\"Botenlieferung Zone 2\"]\n", name: "shipaudit.toml")
        #expect(try ConfigLoader.load(path: path).pickupMethods == ["botenlieferung zone 2"])
    }
}

/// Fulfilment statuses: the store's word on shipping, read from the common vocabularies and translations, never
/// guessed.
struct FulfilmentStatusTests {
    @Test("texts of several shop systems and languages")
    func vocabulary() {
        let cases: [(String, FulfilmentStatus?)] = [
            ("fulfilled", .fulfilled), ("Shipped", .fulfilled), ("Versandt", .fulfilled), ("Enviado", .fulfilled),
            ("Spedito", .fulfilled), ("PARTIALLY_FULFILLED", .partial), ("Teilweise versandt", .partial),
            ("unfulfilled", .unfulfilled), ("Nicht versandt", .unfulfilled), ("No está empaquetado", .unfulfilled),
            ("Awaiting Shipment", .unfulfilled), ("Da evadere", .unfulfilled), ("Restocked", nil), ("", nil),
        ]
        for (text, expected) in cases { #expect(FulfilmentStatus.read(text) == expected, "\(text)") }
        #expect(FulfilmentStatus.read("Restocked", custom: ["restocked": .fulfilled]) == .fulfilled)
    }

    @Test("an order-level status: known texts judged, an unknown one says nothing and is listed; mapped, it counts")
    func orderLevel() throws {
        let orders = Fixture.temporary(
            """
            order_id,created_at,sku,quantity,order_fulfillment_status
            1,2026-11-10 09:00:00 -0500,W,1,Nicht versandt
            2,2026-11-10 09:00:00 -0500,W,1,Versandt
            3,2026-11-10 09:00:00 -0500,W,1,Halb fertig

            """, name: "orders.csv")
        let asOf = try TimestampParser(timeZone: Fixture.newYork).parse("2026-11-19T02:00:00-05:00").get()
        var configuration = Configuration()
        let files = [InputFile(path: orders, kind: .orders)]
        let matched = try Analysis(configuration: configuration).match(files)
        for quickTest in [true, false] {
            let checked = Checker(configuration: configuration, quickTest: quickTest).check(matched, asOf: asOf)
            #expect(checked.findings.map(\.orderId) == ["1"])
            #expect(checked.coverage.unknownFulfilmentStatuses == ["Halb fertig": 1])
        }
        configuration.fulfilmentStatuses = ["halb fertig": .unfulfilled]
        let mapped = try Analysis(configuration: configuration).match(files)
        #expect(Checker(configuration: configuration).check(mapped, asOf: asOf).findings.map(\.orderId) == ["1", "3"])
        let config = Fixture.temporary(
            "[fulfillment_statuses]\n\"Halb fertig\" = \"partial\"\n", name: "shipaudit.toml")
        #expect(try ConfigLoader.load(path: config).fulfilmentStatuses == ["halb fertig": .partial])
        let bad = Fixture.temporary("[fulfillment_statuses]\nX = \"gone\"\n", name: "shipaudit.toml")
        #expect(throws: InputProblem.self) { try ConfigLoader.load(path: bad) }
    }

    @Test("an order the store marked shipped with no package in the shipments export: a coverage line, not a flag")
    func fulfilledWithoutPackage() throws {
        let orders = Fixture.temporary(
            """
            order_id,created_at,sku,quantity,fulfillment_status
            1,2026-11-10 09:00:00 -0500,W,1,fulfilled
            2,2026-11-10 09:00:00 -0500,W,1,fulfilled

            """, name: "orders.csv")
        let shipments = Fixture.temporary(
            """
            order_id,tracking_number,carrier,service,shipped_at
            2,1Z999AA10123456784,UPS,UPS Ground,2026-11-10 15:00:00 -0500

            """, name: "shipments.csv")
        let asOf = try TimestampParser(timeZone: Fixture.newYork).parse("2026-11-19T02:00:00-05:00").get()
        let configuration = Configuration()
        let files = [InputFile(path: orders, kind: .orders), InputFile(path: shipments, kind: .shipments)]
        let matched = try Analysis(configuration: configuration).match(files)
        for quickTest in [true, false] {
            let checked = Checker(configuration: configuration, quickTest: quickTest).check(matched, asOf: asOf)
            #expect(!checked.findings.contains { $0.orderId == "1" })
            #expect(checked.coverage.fulfilledWithoutPackage == 1)
        }
    }
}

/// Cash on delivery: pending orders paid to the courier are due to ship once the store says it ships them.
struct CashOnDeliveryTests {
    @Test("payment method texts in several languages; 'COD' only as a word")
    func phrases() {
        for text in ["Cash on Delivery (COD)", "Pago contra entrega", "Nachnahme", "Contrassegno", "COD"] {
            #expect(CashOnDelivery.matches(text), "\(text)")
        }
        for text in ["Shopify Payments", "Bank transfer", "Codice sconto", ""] {
            #expect(!CashOnDelivery.matches(text), "\(text)")
        }
        #expect(CashOnDelivery.matches("Efectivo en mostrador", extra: ["efectivo en mostrador"]))
    }

    @Test("[store] cash_on_delivery: a pending COD order is due to ship; another pending order is still not")
    func switchOn() throws {
        let orders = Fixture.temporary(
            """
            order_id,created_at,sku,quantity,financial_status,fulfillment_status,payment_method
            1,2026-11-10 09:00:00 -0500,W,1,pending,pending,Cash on Delivery (COD)
            2,2026-11-10 09:00:00 -0500,W,1,pending,pending,Bank transfer

            """, name: "orders.csv")
        let asOf = try TimestampParser(timeZone: Fixture.newYork).parse("2026-11-19T02:00:00-05:00").get()
        var configuration = Configuration()
        let files = [InputFile(path: orders, kind: .orders)]
        let off = try Analysis(configuration: configuration).match(files)
        #expect(Checker(configuration: configuration).check(off, asOf: asOf).findings.isEmpty)
        let config = Fixture.temporary("[store]\ncash_on_delivery = true\n", name: "shipaudit.toml")
        configuration = try ConfigLoader.load(path: config)
        #expect(configuration.cashOnDelivery)
        let on = try Analysis(configuration: configuration).match(files)
        for quickTest in [true, false] {
            let checked = Checker(configuration: configuration, quickTest: quickTest).check(on, asOf: asOf)
            #expect(checked.findings.map(\.orderId) == ["1"])
        }
        let bad = Fixture.temporary("[store]\ncash_on_delivery = \"yes\"\n", name: "shipaudit.toml")
        #expect(throws: InputProblem.self) { try ConfigLoader.load(path: bad) }
    }
}
