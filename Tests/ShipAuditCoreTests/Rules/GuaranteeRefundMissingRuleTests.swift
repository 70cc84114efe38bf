import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// `guarantee_refund_missing` (UPS rows made up with `InvoiceTests`).
struct GuaranteeRefundMissingRuleTests {
    static let shipments = """
        order_id,tracking_number,carrier,service,shipped_at
        A,1ZAAA0000000000001,ups,UPS Next Day Air,2026-11-16T15:00:00-05:00
        B,1ZBBB0000000000002,ups,UPS Next Day Air,2026-11-16T15:00:00-05:00
        C,1ZCCC0000000000003,ups,UPS Next Day Air,2026-11-16T15:00:00-05:00
        A,1ZDDD0000000000004,ups,UPS Ground,2026-11-16T15:00:00-05:00
        B,1ZEEE0000000000005,ups,UPS Next Day Air,2026-11-16T15:00:00-05:00

        """

    static func billed(_ tracking: String, delivered: String, code: String = "SHP", amount: String = "31.20") -> String
    {
        InvoiceTests.charge(
            invoice: "691317025", date: "2026-11-21", tracking: tracking, code: code,
            description: code == "GSR" ? "Guaranteed Service Refund" : "Next Day Air", amount: amount,
            package: ["Shipment Delivery Date": delivered])
    }

    @Test(
        "a guaranteed package delivered after the carrier's due day with no credit is flagged with the claim's deadline; a credit, an on-time delivery or a service without guarantee is not; no delivery date is counted"
    )
    func guaranteeRefundMissing() throws {
        let invoice =
            [
                // Shipped Monday, due Tuesday, delivered Wednesday: late, no credit.
                Self.billed("1ZAAA0000000000001", delivered: "2026-11-18"),
                // Late, credited.
                Self.billed("1ZBBB0000000000002", delivered: "2026-11-18"),
                Self.billed("1ZBBB0000000000002", delivered: "2026-11-18", code: "GSR", amount: "-31.20"),
                // On time.
                Self.billed("1ZCCC0000000000003", delivered: "2026-11-17"),
                // Ground: no guarantee.
                Self.billed("1ZDDD0000000000004", delivered: "2026-11-25"),
                // No delivery date: not judged.
                Self.billed("1ZEEE0000000000005", delivered: ""),
            ].joined(separator: "\n") + "\n"
        let (findings, matched) = try InvoiceTests.run([invoice], shipments: Self.shipments)
        let flags = findings.filter { $0.rule == GuaranteeRefundMissingRule.id }
        #expect(flags.map(\.orderId) == ["A"])
        let flag = try #require(flags.first)
        #expect(
            flag.evidence("carrier_due_day") == .string("2026-11-17")
                && flag.evidence("file_by") == .string("2026-12-03"))
        #expect(flag.moneyAtStake == Money(Decimal(string: "31.20")!, "USD") && flag.owner == .carrierClaims)
        let skips = Checker(configuration: matched.configuration).check(matched, asOf: Date()).coverage.skips
        #expect(skips.first { $0.rule == GuaranteeRefundMissingRule.id }?.items == ["1ZEEE0000000000005"])

        // Within the wait for the credit (`refund_wait_days`), nothing yet.
        var configuration = try ConfigLoader.parse("[invoices]\nrefund_wait_days = 30\n", path: "shipaudit.toml")
        configuration.timeZone = Fixture.newYork
        let waiting = try InvoiceTests.run([invoice], shipments: Self.shipments, configuration: configuration)
        #expect(waiting.findings.filter { $0.rule == GuaranteeRefundMissingRule.id }.isEmpty)
    }

    @Test(
        "without a delivery date on the invoice or the shipments export, the tracking data's delivery scan is read, and cited"
    )
    func deliveryFromTracking() throws {
        let invoice = Self.billed("1ZEEE0000000000005", delivered: "") + "\n"
        let tracking = """
            tracking_number,time,status,location
            1ZEEE0000000000005,2026-11-16T18:00:00-05:00,Picked up,Louisville KY
            1ZEEE0000000000005,2026-11-18T14:00:00-05:00,Delivered,Front door

            """
        let (findings, matched) = try InvoiceTests.run([invoice], shipments: Self.shipments, tracking: tracking)
        let flag = try #require(findings.first { $0.rule == GuaranteeRefundMissingRule.id })
        #expect(flag.orderId == "B" && flag.evidence("carrier_due_day") == .string("2026-11-17"))
        guard case .string(let row)? = flag.evidence("delivery_row") else {
            Issue.record("no delivery row")
            return
        }
        #expect(row.hasSuffix("tracking.csv:3"))
        let skips = Checker(configuration: matched.configuration).check(matched, asOf: Date()).coverage.skips
        #expect(!skips.contains { $0.rule == GuaranteeRefundMissingRule.id })
    }
}
