import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// `shipping_loss` (invoices made up with `InvoiceTests`' UPS rows).
struct ShippingLossRuleTests {
    static let orders = """
        order_id,created_at,currency,shipping_paid,sku,quantity
        A,2026-11-16T10:00:00-05:00,USD,8.00,W,1
        B,2026-11-16T10:00:00-05:00,USD,12.50,W,1
        C,2026-11-16T10:00:00-05:00,USD,3.00,W,1

        """

    @Test("charges over the shipping paid by more than 5.00 are a loss; a credit counts; under the threshold is not")
    func loss() throws {
        let lines = [
            ("1ZAAA0000000000001", "Ground Residential", "11.48"), ("1ZAAA0000000000001", "Fuel Surcharge", "1.72"),
            ("1ZBBB0000000000002", "Ground", "9.10"),
            ("1ZCCC0000000000003", "Ground", "12.00"), ("1ZCCC0000000000003", "Shipping Charge Correction", "-4.50"),
        ]
        let invoice =
            lines.map {
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: $0.0, description: $0.1, amount: $0.2)
            }.joined(separator: "\n") + "\n"
        let (findings, _) = try InvoiceTests.run([invoice], orders: Self.orders)
        let flags = findings.filter { $0.rule == ShippingLossRule.id }
        // A: 13.20 against 8.00 (5.20 lost). B: 9.10 against 12.50. C: 7.50 net against 3.00 (4.50: under 5.00).
        #expect(flags.map(\.orderId) == ["A"])
        #expect(flags.first?.moneyAtStake == Money(Decimal(string: "5.20")!, "USD"))
        #expect(flags.first?.owner == .warehouse)
    }

    @Test(
        "free shipping (0.00 paid) is not judged by default but counted with its reason; judge_free_shipping judges it; the config refuses a value that is not true or false"
    )
    func freeShipping() throws {
        let orders = Self.orders.replacingOccurrences(
            of: "A,2026-11-16T10:00:00-05:00,USD,8.00", with: "A,2026-11-16T10:00:00-05:00,USD,0.00")
        let invoice =
            [("1ZAAA0000000000001", "Ground Residential", "11.48"), ("1ZBBB0000000000002", "Ground", "9.10")].map {
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: $0.0, description: $0.1, amount: $0.2)
            }.joined(separator: "\n") + "\n"
        let (findings, matched) = try InvoiceTests.run([invoice], orders: orders)
        #expect(!findings.contains { $0.rule == ShippingLossRule.id })
        let asOf = try TimestampParser(timeZone: Fixture.newYork).parse("2026-12-01T12:00:00-05:00").get()
        let coverage = Checker(configuration: matched.configuration).check(matched, asOf: asOf).coverage
        let skip = coverage.skips.first { $0.rule == ShippingLossRule.id && $0.reason == ShippingLossRule.freeShipping }
        #expect(skip?.orders == 1)
        // The order's P&L is reported all the same.
        #expect(matched.orders.ledger(slot: 0)?.text.net == "-11.48")

        let configuration = try ConfigLoader.parse("[invoices]\njudge_free_shipping = true\n", path: "c.toml")
        let (judged, _) = try InvoiceTests.run([invoice], orders: orders, configuration: configuration)
        let flags = judged.filter { $0.rule == ShippingLossRule.id }
        #expect(flags.map(\.orderId) == ["A"])
        #expect(flags.first?.moneyAtStake == Money(Decimal(string: "11.48")!, "USD"))
        let error = #expect(throws: InputProblem.self) {
            try ConfigLoader.parse("[invoices]\njudge_free_shipping = \"yes\"\n", path: "c.toml")
        }
        #expect(error?.reason.contains("must be true or false") == true)
    }
}
