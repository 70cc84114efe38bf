import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// `residential_surcharge` (UPS rows made up with `InvoiceTests`).
struct ResidentialSurchargeRuleTests {
    @Test(
        "a residential surcharge on a package the invoice delivers to a company is flagged to review; to a person, or a transportation line naming the delivery type, it is not"
    )
    func residentialSurcharge() throws {
        let company = ["Receiver Company Name": "Acme Supply LLC"]
        let invoice =
            [
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZAAA0000000000001",
                    description: "Ground Residential", amount: "11.48", package: company),
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZAAA0000000000001", code: "RES",
                    description: "Residential Surcharge", amount: "5.55", package: company),
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZBBB0000000000002", code: "RES",
                    description: "Residential Surcharge", amount: "5.55"),
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZCCC0000000000003",
                    description: "Ground Residential", amount: "11.48", package: company),
            ].joined(separator: "\n") + "\n"
        let (findings, _) = try InvoiceTests.run([invoice])
        let flags = findings.filter { $0.rule == ResidentialSurchargeRule.id }
        #expect(flags.map(\.orderId) == ["A"])
        #expect(flags.first?.moneyAtStake == Money(Decimal(string: "5.55")!, "USD"))
        #expect(flags.first?.evidence("receiver_company") == .string("Acme Supply LLC"))
        #expect(flags.first?.severity == .low && flags.first?.evidence("company_from") == .string("the invoice"))

        // The orders export's shipping company names B's receiver a company when the invoice does not.
        let orders =
            "order_id,created_at,sku,quantity,shipping_company\nA,2026-11-16T10:00:00-05:00,W,1,\n"
            + "B,2026-11-16T10:00:00-05:00,W,1,Bright Dental Inc\nC,2026-11-16T10:00:00-05:00,W,1,\n"
        let fromOrders = try InvoiceTests.run([invoice], orders: orders).findings.filter {
            $0.rule == ResidentialSurchargeRule.id
        }
        #expect(fromOrders.map(\.orderId) == ["A", "B"])
        #expect(fromOrders.last?.evidence("receiver_company") == .string("Bright Dental Inc"))
        #expect(fromOrders.last?.evidence("company_from") == .string("the orders export"))
        // The deadline: the invoice's date plus 90 days, or the carrier's own window.
        func deadline(_ findings: [Finding]) -> String? {
            findings.first { $0.rule == ResidentialSurchargeRule.id }?.deadline.map {
                LocalDay($0, in: Fixture.newYork).description
            }
        }
        #expect(deadline(findings) == "2027-02-19")
        var configuration = try ConfigLoader.parse(
            "[invoices.carrier_dispute_days]\nups = 30\nfedex = 60\n", path: "shipaudit.toml")
        configuration.timeZone = Fixture.newYork
        #expect(configuration.invoices.disputeDays(for: "FedEx") == 60)
        #expect(deadline(try InvoiceTests.run([invoice], configuration: configuration).findings) == "2026-12-21")
        #expect(throws: InputProblem.self) {
            try ConfigLoader.parse("[invoices.carrier_dispute_days]\nups = 0.5\n", path: "shipaudit.toml")
        }
    }
}
