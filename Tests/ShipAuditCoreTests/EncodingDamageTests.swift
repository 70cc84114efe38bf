import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// Exports damaged before shipaudit reads them: letters replaced by U+FFFD, text encoded twice.
struct EncodingDamageTests {
    @Test("a Tiendanube-style export with U+FFFD in its headers: counted, named, and the clean mapping still reads it")
    func replacedLetters() throws {
        let orders = Fixture.temporary(
            """
            N\u{FFFD}mero de orden,Fecha,SKU,Cantidad,Nombre del producto
            100,2026-11-10 09:00:00 -0300,A-1,1,Caf\u{FFFD} molido
            101,2026-11-10 10:00:00 -0300,A-2,2,T\u{FFFD} verde

            """, name: "ventas.csv")
        let config = Fixture.temporary(
            """
            [profiles.tiendanube]
            kind = "orders"
            [profiles.tiendanube.columns]
            order_id = "Número de orden"
            created_at = "Fecha"
            sku = "SKU"
            quantity = "Cantidad"
            item_name = "Nombre del producto"

            """, name: "shipaudit.toml")
        let configuration = try ConfigLoader.load(path: config)
        let matched = try Analysis(configuration: configuration).match([InputFile(path: orders, kind: .orders)])
        #expect(matched.orders.count == 2)
        let warning = try #require(matched.loaded.warnings.first { $0.reason.contains("\u{FFFD}") })
        // Two headers-and-cells fields: the damaged header and two names.
        #expect(warning.reason.hasPrefix("has 3 fields with letters replaced by"))
        #expect(warning.hint.contains("UTF-8"))
    }

    @Test("names encoded twice (XuÃ¢n) are counted and named; the row is read as written")
    func doubleEncoded() throws {
        let orders = Fixture.temporary(
            """
            order_id,created_at,sku,quantity,item_name
            1,2026-11-10 09:00:00 -0500,A,1,Áo dài XuÃ¢n
            2,2026-11-10 09:00:00 -0500,B,1,Crème brûlée

            """, name: "orders.csv")
        let matched = try Analysis(configuration: Configuration()).match([InputFile(path: orders, kind: .orders)])
        let warning = try #require(matched.loaded.warnings.first { $0.reason.contains("encoded twice") })
        #expect(warning.reason.hasPrefix("has 1 field that look"))
        #expect(warning.reason.contains("XuÃ¢n"))
    }

    @Test("header matching: a replaced letter stands for any one letter, nothing else")
    func header() {
        let header = Header(["N\u{FFFD}mero de orden", "Fecha"])
        #expect(header.index(of: "Número de orden") == 0)
        #expect(header.index(of: "Numero de orden") == 0)
        #expect(header.index(of: "Número de ordenes") == nil)
        #expect(header.index(of: "fecha") == 1)
    }
}
