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
