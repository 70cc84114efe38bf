import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// `dim_weight_mismatch` (UPS rows made up with `InvoiceTests`, FedEx rows with `InvoiceTests.fedEx`).
struct DimWeightMismatchRuleTests {
    @Test(
        "billed by dimensional weight above what the dimensions give at the policy divisor is flagged with the effective divisor; at it, or with the contract's divisor configured, it is not; no dimensions is counted"
    )
    func dimWeightMismatch() throws {
        let invoice =
            [
                // 12 × 12 × 12 in = 1,728 in³; at 139: 12.4, 13 lb. Billed 15 lb: a divisor of 115.2.
                BilledWeightOverRuleTests.weighed(
                    "1ZAAA0000000000001", billed: "15", type: "2", dimensions: "12x12x12"),
                BilledWeightOverRuleTests.weighed(
                    "1ZBBB0000000000002", billed: "13", type: "2", dimensions: "12x12x12"),
                BilledWeightOverRuleTests.weighed("1ZCCC0000000000003", billed: "13", type: "2"),
            ].joined(separator: "\n") + "\n"
        let (findings, matched) = try InvoiceTests.run([invoice])
        let flags = findings.filter { $0.rule == DimWeightMismatchRule.id }
        #expect(flags.map(\.orderId) == ["A"])
        let flag = try #require(flags.first)
        #expect(
            flag.evidence("expected_weight") == .string("13 lb") && flag.evidence("billed_weight") == .string("15 lb"))
        #expect(
            flag.evidence("effective_divisor") == .number("115.2") && flag.evidence("dim_divisor") == .number("139"))
        #expect(flag.moneyAtStake == nil && flag.message.contains("divisor of about 115.2"))
        #expect(findings.filter { $0.rule == BilledWeightOverRule.id }.isEmpty)
        let skips = Checker(configuration: matched.configuration).check(matched, asOf: Date()).coverage.skips
        #expect(skips.first { $0.rule == DimWeightMismatchRule.id }?.items == ["1ZCCC0000000000003"])

        // The account's contract divides by 115: 1,728 / 115 = 15.03, 16 lb; billing 15 is within it.
        var configuration = try ConfigLoader.parse("[invoices.dim_divisors]\nups = 115\n", path: "shipaudit.toml")
        configuration.timeZone = Fixture.newYork
        let contract = try InvoiceTests.run([invoice], configuration: configuration).findings
        #expect(contract.filter { $0.rule == DimWeightMismatchRule.id }.isEmpty)
        #expect(throws: InputProblem.self) {
            try ConfigLoader.parse("[invoices.dim_divisors]\nups = 0\n", path: "shipaudit.toml")
        }
    }

    @Test("a FedEx row that states a divisor and bills more than its actual weight is rated by dimensions")
    func fedExStatedDivisor() throws {
        // 20 × 16 × 12 in = 3,840 in³; at 139: 27.6, 28 lb. FedEx billed 38 lb stating divisor 101.
        let invoice = InvoiceTests.fedEx([
            InvoiceTests.fedExRow(
                tracking: "794600000001", net: "30.00", transportation: "24.00", rated: "38", actual: "9",
                dimensions: ("20", "16", "12"), divisor: "101", charges: [("Fuel Surcharge", "6.00")])
        ])
        var shipments = InvoiceTests.shipments
        shipments += "A2,794600000001,fedex,FedEx Ground,\n"
        let (findings, _) = try InvoiceTests.run([invoice], shipments: shipments)
        let flag = try #require(findings.first { $0.rule == DimWeightMismatchRule.id })
        #expect(flag.orderId == "A2" && flag.evidence("stated_divisor") == .number("101"))
        #expect(flag.evidence("expected_weight") == .string("28 lb"))
    }
}
