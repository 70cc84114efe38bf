import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// `billed_service_mismatch` (invoices made up with `InvoiceTests`' UPS rows; the packages are `InvoiceTests`').
struct BilledServiceMismatchRuleTests {
    static let orders = InvoiceTests.orders
    @Test(
        "billed Next Day Air for a Ground label: flagged with the faster lines' amount; Ground billed as Ground is not")
    func fasterThanLabel() throws {
        let invoice =
            [
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZAAA0000000000001",
                    description: "Next Day Air Residential", amount: "31.20"),
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZAAA0000000000001", code: "FSC",
                    description: "Fuel Surcharge", amount: "4.10"),
                // A voided label's line and a line naming no service say nothing here.
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZBBB0000000000002",
                    description: "Ground Residential", amount: "9.10"),
            ].joined(separator: "\n") + "\n"
        let (findings, _) = try InvoiceTests.run([invoice])
        let flags = findings.filter { $0.rule == BilledServiceMismatchRule.id }
        #expect(flags.map(\.orderId) == ["A"])
        let flag = try #require(flags.first)
        #expect(flag.moneyAtStake == Money(Decimal(string: "31.20")!, "USD") && flag.owner == .carrierClaims)
        #expect(flag.message.contains("labelled UPS Ground (ground)") && flag.message.contains("(overnight)"))
    }

    @Test("a tracking number the carrier reused: the invoice is the label's that shipped nearest its ship date")
    func reusedNumber() throws {
        // The number was order A's label in March (Next Day Air) and order D's in November (Ground): the November
        // invoice bills Next Day Air, a faster service than D's label, not A's.
        let shipments = """
            order_id,tracking_number,carrier,service,shipped_at
            A,1ZAAA0000000000001,ups,UPS Next Day Air,2026-03-02T10:00:00-05:00
            D,1ZAAA0000000000001,ups,UPS Ground,2026-11-16T10:00:00-05:00

            """
        let orders = Self.orders + "D,2026-11-16T10:00:00-05:00,W,1\n"
        let invoice =
            InvoiceTests.charge(
                invoice: "691317025", date: "2026-11-21", tracking: "1ZAAA0000000000001",
                description: "Next Day Air Residential", amount: "31.20") + "\n"
        let (findings, matched) = try InvoiceTests.run([invoice], orders: orders, shipments: shipments)
        #expect(matched.recycledTracking == 1)
        #expect(findings.filter { $0.rule == BilledServiceMismatchRule.id }.map(\.orderId) == ["D"])
        #expect(!findings.contains { $0.rule == DuplicateTrackingRule.id })
    }

    @Test("a billed service no name resolves, or a label service not known: not judged, and the name listed to map")
    func unknownServices() throws {
        let invoice =
            [
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZAAA0000000000001",
                    description: "Zorp Express Residential", amount: "31.20"),
                // A surcharge names no service: it says nothing.
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZAAA0000000000001", code: "FSC",
                    description: "Zorp Fuel Surcharge", amount: "4.10"),
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZDDD0000000000004",
                    description: "Ground Residential", amount: "9.10"),
            ].joined(separator: "\n") + "\n"
        let shipments = InvoiceTests.shipments + "D,1ZDDD0000000000004,acme,Acme Rocket Post,\n"
        let orders = Self.orders + "D,2026-11-16T10:00:00-05:00,W,1\n"
        let (findings, matched) = try InvoiceTests.run([invoice], orders: orders, shipments: shipments)
        #expect(!findings.contains { $0.rule == BilledServiceMismatchRule.id })
        let all = Checker(configuration: matched.configuration).check(matched, asOf: Date()).coverage.skips
        // Nor can a guarantee be held to an unknown service.
        #expect(
            all.contains {
                $0.rule == GuaranteeRefundMissingRule.id
                    && $0.reason == "the label's service is not known (map it under [services])"
                    && $0.items == ["1ZDDD0000000000004"]
            })
        let skips = all.filter { $0.rule == BilledServiceMismatchRule.id }
        #expect(
            skips.map(\.reason).sorted() == [
                "billed service not known: \"Zorp Express Residential\" (map it under [services])",
                "the label's service is not known (map it under [services])",
            ])
        // Mapped, the billed service is judged: overnight against the label's ground.
        var configuration = Configuration()
        configuration.services["Zorp Express"] = .overnight
        let (mapped, _) = try InvoiceTests.run(
            [invoice], orders: orders, shipments: shipments, configuration: configuration)
        #expect(mapped.filter { $0.rule == BilledServiceMismatchRule.id }.map(\.orderId) == ["A"])
    }

    @Test("the same service billed, or a description that names no service, is not flagged")
    func sameOrUnknown() throws {
        let invoice =
            [
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZAAA0000000000001",
                    description: "Ground Commercial", amount: "11.48"),
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZAAA0000000000001", code: "ADC",
                    description: "Address Correction", amount: "18.00"),
            ].joined(separator: "\n") + "\n"
        let (findings, _) = try InvoiceTests.run([invoice])
        #expect(!findings.contains { $0.rule == BilledServiceMismatchRule.id })
    }

    @Test(
        "a file with a new description on every line (past the names resolved beforehand) is judged the same: its names are resolved where read"
    )
    func manyDescriptions() throws {
        let references = (0...KnownNames.describedCharges).map { index in
            InvoiceTests.charge(
                invoice: "691317025", date: "2026-11-21", tracking: "1ZCCC0000000000003", code: "REF",
                description: "Reference \(index)", amount: "0.01")
        }
        let invoice =
            (references + [
                InvoiceTests.charge(
                    invoice: "691317025", date: "2026-11-21", tracking: "1ZAAA0000000000001",
                    description: "Next Day Air Residential", amount: "31.20")
            ]).joined(separator: "\n") + "\n"
        let (findings, matched) = try InvoiceTests.run([invoice])
        #expect(matched.loaded.invoices.chargeNames(limit: KnownNames.describedCharges) == nil)
        #expect(findings.filter { $0.rule == BilledServiceMismatchRule.id }.map(\.orderId) == ["A"])
    }
}
