import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// `duplicate_charge` (invoices made up with `InvoiceTests`' UPS rows).
struct DuplicateChargeRuleTests {
    @Test("a charge on two invoices is a duplicate; on one invoice twice, or a credit, is not")
    func duplicateCharge() throws {
        let november =
            [
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZAAA0000000000001",
                    description: "Ground Residential", amount: "11.48"),
                // UPS reuses a tracking number on several packages of one invoice (message dd): not a duplicate.
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZAAA0000000000001",
                    description: "Ground Residential", amount: "11.48"),
            ].joined(separator: "\n") + "\n"
        let december =
            [
                InvoiceTests.charge(
                    invoice: "691317099", date: "2026-11-28", tracking: "1ZAAA0000000000001",
                    description: "Ground Residential", amount: "11.48"),
                InvoiceTests.charge(
                    invoice: "691317099", date: "2026-11-28", tracking: "1ZAAA0000000000001", code: "ADJ",
                    description: "Shipping Charge Correction", amount: "-2.00"),
            ].joined(separator: "\n") + "\n"
        let (findings, _) = try InvoiceTests.run([november, december])
        let flags = findings.filter { $0.rule == DuplicateChargeRule.id }
        #expect(flags.count == 1)
        let flag = try #require(flags.first)
        #expect(flag.orderId == "A" && flag.moneyAtStake == Money(Decimal(string: "11.48")!, "USD"))
        #expect(flag.owner == .carrierClaims && flag.sources.count == 3)
        // The dispute window runs from the later invoice's date: 90 days by default.
        #expect(flag.deadline.map { LocalDay($0, in: Fixture.newYork).description } == "2027-02-26")
    }
}
