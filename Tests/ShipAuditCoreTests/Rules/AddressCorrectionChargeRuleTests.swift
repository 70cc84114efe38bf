import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// `address_correction_charge` (invoices made up with `InvoiceTests`' UPS rows).
struct AddressCorrectionChargeRuleTests {
    @Test("an ADC line, or one described as an address correction, is flagged for review; its credit is not")
    func corrections() throws {
        let invoice =
            [
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZAAA0000000000001", code: "ADC",
                    description: "Address Correction Ground", amount: "18.00"),
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZBBB0000000000002", code: "MSC",
                    description: "Residential Address Correction", amount: "18.00"),
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZCCC0000000000003", code: "ADC",
                    description: "Address Correction Credit", amount: "-18.00"),
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZCCC0000000000003",
                    description: "Ground Residential", amount: "9.10"),
            ].joined(separator: "\n") + "\n"
        let (findings, _) = try InvoiceTests.run([invoice])
        let flags = findings.filter { $0.rule == AddressCorrectionChargeRule.id }
        #expect(flags.map(\.orderId) == ["A", "B"])
        #expect(flags.allSatisfy { $0.owner == .customerService && $0.severity == .low })
        #expect(flags.first?.moneyAtStake == Money(Decimal(string: "18.00")!, "USD"))
    }
}
