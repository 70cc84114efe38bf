import Foundation
import Testing

@testable import ShipAuditCSV
@testable import ShipAuditCore
@testable import ShipAuditStorage

/// `billed_weight_over` (UPS rows made up with `InvoiceTests`).
struct BilledWeightOverRuleTests {
    /// A package's charge line with its billed, scale and keyed figures (pounds, inches).
    static func weighed(
        _ tracking: String, billed: String, type: String = "1", scale: String = "", dimensions: String = "",
        code: String = "SHP", description: String = "Ground", amount: String = "9.10"
    ) -> String {
        InvoiceTests.charge(
            invoice: "691317025", date: "2026-11-21", tracking: tracking, code: code, description: description,
            amount: amount,
            package: [
                "Billed Weight": billed, "Billed Weight Unit of Measure": "L", "Billed Weight Type": type,
                "Scale weight quantity": scale, "Package Dimensions": dimensions,
                "Package Dimension Unit Of Measure": dimensions.isEmpty ? "" : "IN",
            ])
    }

    @Test(
        "billed above both the rounded scale weight and the dimensional weight is flagged with its correction; at the rounded weight, by dimensions, or without a scale weight it is not (the last counted)"
    )
    func billedWeightOver() throws {
        let invoice =
            [
                // 7.2 lb rounds up to 8; 12 × 9 × 7 in at 139 gives 6 lb: 12 lb is 4 lb over.
                Self.weighed("1ZAAA0000000000001", billed: "12.0", scale: "7.2", dimensions: "12.0x 9.0x 7.0"),
                Self.weighed(
                    "1ZAAA0000000000001", billed: "12.0", scale: "7.2", dimensions: "12.0x 9.0x 7.0", code: "SCC",
                    description: "Shipping Charge Correction Ground", amount: "6.50"),
                // 7.2 lb billed as 8: the carrier's rounding.
                Self.weighed("1ZBBB0000000000002", billed: "8", scale: "7.2"),
                // No scale weight: not judged.
                Self.weighed("1ZCCC0000000000003", billed: "10"),
            ].joined(separator: "\n") + "\n"
        let (findings, matched) = try InvoiceTests.run([invoice])
        let flags = findings.filter { $0.rule == BilledWeightOverRule.id }
        #expect(flags.map(\.orderId) == ["A"])
        let flag = try #require(flags.first)
        #expect(flag.moneyAtStake == Money(Decimal(string: "6.50")!, "USD"))
        #expect(flag.evidence("billed_weight") == .string("12 lb") && flag.evidence("scale_weight") == .string("8 lb"))
        #expect(flag.evidence("dimensional_weight") == .string("6 lb"))
        #expect(flag.message.contains("4 lb over the 8 lb") && flag.owner == .carrierClaims && flag.deadline != nil)
        let skips = Checker(configuration: matched.configuration).check(matched, asOf: Date()).coverage.skips
        let skip = try #require(skips.first { $0.rule == BilledWeightOverRule.id })
        #expect(skip.items == ["1ZCCC0000000000003"] && skip.reason.contains("no scale weight"))
    }

    @Test("a package billed by dimensional weight is left to dim_weight_mismatch; kilograms round to the half")
    func dimensionalAndKilograms() throws {
        var kilograms = Self.weighed("1ZBBB0000000000002", billed: "3.5", scale: "3.1")
        kilograms = kilograms.replacingOccurrences(of: ",L,", with: ",K,")
        let invoice =
            [
                Self.weighed("1ZAAA0000000000001", billed: "20", type: "2", scale: "7.2", dimensions: "12x12x12"),
                kilograms,
            ].joined(separator: "\n") + "\n"
        let (findings, _) = try InvoiceTests.run([invoice])
        // 3.1 kg rounds up to 3.5 kg; the dimensional package is not this rule's.
        #expect(findings.filter { $0.rule == BilledWeightOverRule.id }.isEmpty)
        #expect(BilledWeights.roundedUp(Weight(3.1, .kilograms), .kilograms) == 3.5)
        #expect(BilledWeights.roundedUp(Weight(16, .ounces), .pounds) == 1)
        #expect(BilledWeights.cubicInches(Dimensions(length: 12.5, width: 9.49, height: 7)) == 13 * 9 * 7)
    }
}

extension Finding {
    /// The value of one piece of evidence.
    func evidence(_ key: String) -> JSONValue? { evidence.first { $0.0 == key }?.1 }
}
