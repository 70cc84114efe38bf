import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// Carrier invoices: the UPS Billing Data CSV read by position without a header, the shipaudit invoices layout, and
/// the checks on them (rows made up; column names as UPS's schema has them).
struct InvoiceTests {
    /// A UPS Billing Data row: 250 fields (or `width`), these by name, every other empty.
    static func upsRow(_ values: [String: String], width: Int = 250) -> String {
        let names = BuiltInProfiles.upsBillingDataColumns
        return (0..<width).map { values[names[$0]] ?? "" }.joined(separator: ",")
    }

    static func charge(
        invoice: String, date: String, tracking: String, code: String = "SHP", description: String, amount: String,
        width: Int = 250, total: String = ""
    ) -> String {
        upsRow(
            [
                "Version": "2.1", "Account Number": "0000A1B2C3", "Invoice Date": date, "Invoice Number": invoice,
                "Invoice Currency Code": "USD", "Tracking Number": tracking, "Charge Category Code": "SHP",
                "Charge Category Detail Code": code, "Charge Description": description, "Net Amount": amount,
                "Shipment Date": "2026-11-16", "Invoice Amount": total,
            ], width: width)
    }

    static let shipments = """
        order_id,tracking_number,carrier,service,voided
        A,1ZAAA0000000000001,ups,UPS Ground,
        B,1ZBBB0000000000002,ups,UPS Ground,yes
        C,1ZCCC0000000000003,ups,UPS Ground,yes

        """

    static let orders =
        "order_id,created_at,sku,quantity\nA,2026-11-16T10:00:00-05:00,W,1\nB,2026-11-16T10:00:00-05:00,W,1\n"
        + "C,2026-11-16T10:00:00-05:00,W,1\n"

    static func run(_ invoices: [String], orders: String = orders) throws -> (
        findings: [Finding], matched: MatchedInputs
    ) {
        let orders = Fixture.temporary(orders, name: "orders.csv")
        let files =
            [InputFile(path: orders, kind: .orders), InputFile(path: Fixture.temporary(shipments), kind: .shipments)]
            + invoices.enumerated().map {
                InputFile(path: Fixture.temporary($0.element, name: "Invoice_\($0.offset).csv"), kind: .invoices)
            }
        let matched = try Analysis(configuration: Configuration()).match(files)
        let asOf = try TimestampParser(timeZone: Fixture.newYork).parse("2026-12-01T12:00:00-05:00").get()
        return (Checker(configuration: matched.configuration).check(matched, asOf: asOf).findings, matched)
    }

    @Test("a headerless UPS file is read by position (trimmed placeholders too); invoice numbers lose leading zeros")
    func upsBillingData() throws {
        let first =
            [
                Self.charge(
                    invoice: "000000691317025", date: "2026-11-21", tracking: "1ZAAA0000000000001",
                    description: "Ground Residential", amount: "11.48"),
                Self.charge(
                    invoice: "000000691317025", date: "2026-11-21", tracking: "1ZAAA0000000000001", code: "FSC",
                    description: "Fuel Surcharge", amount: "1.72", width: 240),
            ].joined(separator: "\n") + "\n"
        let (_, matched) = try Self.run([first])
        let input = try #require(matched.loaded.inputs.first { $0.kind == .invoices })
        #expect(input.profile == "ups-billing-data" && input.rowsRejected == 0, "\(matched.loaded.rejects)")
        let lines = matched.loaded.invoiceLines
        #expect(lines.map(\.invoiceNumber) == ["691317025", "691317025"] && lines.map(\.carrier) == ["ups", "ups"])
        #expect(lines.map(\.amount) == [Decimal(string: "11.48")!, Decimal(string: "1.72")!])
        // `inspect` names the layout, though the file has no header row.
        let text = try FileInspector.inspect(
            path: Fixture.temporary(first, name: "Invoice_691317025_112126.csv"), kind: nil, delimiter: nil,
            timeZone: Fixture.newYork)
        #expect(text.contains("recognised: ups-billing-data"), "\(text.prefix(300))")
    }

    @Test("an invoice whose lines do not add up to its stated total is a warning, not a dispute")
    func unreconciled() throws {
        func invoice(_ number: String, total: String) -> String {
            [
                Self.charge(
                    invoice: number, date: "2026-11-21", tracking: "1ZAAA0000000000001",
                    description: "Ground Residential", amount: "11.48", total: total),
                // An invoice-level line (no package) counts toward the total too.
                Self.charge(
                    invoice: number, date: "2026-11-21", tracking: "", code: "SVCH",
                    description: "Service Charge", amount: "1.72", total: total),
            ].joined(separator: "\n") + "\n"
        }
        let (findings, matched) = try Self.run([
            invoice("691317025", total: "13.20"), invoice("691317099", total: "20.00"),
        ])
        let warnings = matched.loaded.warnings.map(\.reason).filter { $0.contains("add up to") }
        #expect(warnings == ["invoice ups 691317099 of 2026-11-21: its lines add up to 13.20 but it states 20.00"])
        #expect(!findings.contains { $0.rule == DuplicateChargeRule.id && $0.orderId != "A" })
    }

    @Test("the shipaudit invoices layout, and a charge line without an amount rejected with its reason")
    func shipauditLayout() throws {
        let invoice = """
            carrier,invoice_number,invoice_date,tracking_number,charge_code,charge_description,net_amount,currency
            fedex,123456789,2026-11-21,1ZAAA0000000000001,TRN,Transportation,11.48,USD
            fedex,123456789,2026-11-21,1ZAAA0000000000001,FSC,Fuel Surcharge,,USD

            """
        let (_, matched) = try Self.run([invoice])
        #expect(matched.loaded.invoiceLines.map(\.carrier) == ["fedex"])
        #expect(matched.loaded.rejects.map(\.column) == ["net_amount"])
    }
}
