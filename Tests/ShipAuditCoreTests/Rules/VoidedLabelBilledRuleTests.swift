import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// `voided_label_billed` (invoices made up with `InvoiceTests`' UPS rows).
struct VoidedLabelBilledRuleTests {
    @Test("a voided label that an invoice still charges is flagged; one whose charge a credit cancels is not")
    func voidedLabelBilled() throws {
        let invoice =
            [
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZBBB0000000000002",
                    description: "Ground", amount: "9.10"),
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZCCC0000000000003",
                    description: "Ground", amount: "9.10"),
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZCCC0000000000003", code: "VOID",
                    description: "Void Credit", amount: "-9.10"),
            ].joined(separator: "\n") + "\n"
        let (findings, _) = try InvoiceTests.run([invoice])
        let flags = findings.filter { $0.rule == VoidedLabelBilledRule.id }
        #expect(flags.map(\.orderId) == ["B"])
        #expect(flags.first?.moneyAtStake == Money(Decimal(string: "9.10")!, "USD"))
    }
}
