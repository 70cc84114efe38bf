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
        #expect(flags.first?.severity == .low && flags.first?.deadline != nil)
    }
}
