import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags a package billed by dimensional weight at more than its keyed dimensions give at the policy's divisor
/// (`[invoices.dim_divisors]`), after the carrier's rounding (`BilledWeights`), and more than its scale weight: the
/// carrier divided by a smaller number than the agreement's, or rated other dimensions. The divisor the bill implies
/// is shown. Not judged, and counted: a package billed by dimensional weight with no dimensions on its invoice.
///
/// One flag per package. Evidence: the dimensions, the policy's and the effective divisor, the expected and billed
/// weights, the invoice's row. Money at stake: the package's weight corrections where the invoice charges them.
/// Deadline: the invoice's date plus `[invoices] dispute_days`.
public struct DimWeightMismatchRule: InvoiceRule {
    public static let id = "dim_weight_mismatch"
    public static let summary =
        "A package billed by dimensional weight that its keyed dimensions and the policy divisor do not give."
    public static let needs: [InputKind] = [.invoices]

    public static func thresholds(_ configuration: Configuration) -> [String] {
        BilledWeightOverRule.thresholds(configuration)
    }

    /// Creates the rule.
    public init() {}

    public func check(_ package: InvoicedPackage, context: RuleContext, emit: (Finding) -> Void) -> String? {
        guard let billed = BilledWeights.package(package, context), billed.billedByDimensions
        else { return nil }
        guard let dimensions = billed.dimensions, let expected = billed.dimensional else {
            return "dimensional weight not verifiable: the invoice gives no dimensions"
        }
        let allowed = max(expected, billed.scale ?? 0)
        guard billed.billed > allowed + 0.001 else { return nil }
        let line = billed.line, unit = billed.unit
        let order = package.order
        // The divisor that gives the billed weight: the volume over it (in pounds).
        let billedPounds = billed.billed * unit.grams / WeightUnit.pounds.grams
        let effective = BilledWeights.cubicInches(dimensions) / billedPounds
        var evidence: Evidence = [
            ("tracking_number", .string(billed.tracking)), ("dimensions", .string(dimensions.description)),
            ("dim_divisor", .number(BilledWeights.format(billed.divisor))),
            ("expected_weight", .string(BilledWeights.format(expected, unit))),
            ("billed_weight", .string(BilledWeights.format(billed.billed, unit))),
            ("effective_divisor", .number(BilledWeights.format(effective))),
        ]
        if let stated = line.package.statedDivisor {
            evidence.pair("stated_divisor", .number(BilledWeights.format(stated)))
        }
        if let scale = billed.scale { evidence.pair("scale_weight", .string(BilledWeights.format(scale, unit))) }
        emit(
            BilledWeights.flag(
                Self.id, billed, order: order,
                message:
                    "\(billed.tracking) was billed at a dimensional weight of \(BilledWeights.format(billed.billed, unit)) on invoice \(line.invoice), but \(dimensions.description) at divisor \(BilledWeights.format(billed.divisor)) give \(BilledWeights.format(expected, unit)) (the bill implies a divisor of about \(BilledWeights.format(effective)))",
                evidence: evidence,
                fix:
                    "rate \(billed.tracking) at divisor \(BilledWeights.format(billed.divisor)), \(BilledWeights.format(allowed, unit))",
                moneyKind: "dimensional weight overcharge", context: context))
        return nil
    }
}
