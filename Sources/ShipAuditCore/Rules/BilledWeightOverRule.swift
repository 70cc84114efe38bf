import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags a package billed at more than both its weight on the carrier's own scale and the dimensional weight of the
/// dimensions keyed for it, after the carrier's rounding (`BilledWeights`): nothing the carrier measured or was told
/// gives that weight. A package billed by dimensional weight is `dim_weight_mismatch`'s. Not judged, and counted: a
/// package whose invoice gives no scale weight, and one charged a weight correction with no billed weight stated.
///
/// One flag per package. Evidence: the billed, scale and dimensional weights, the dimensions and divisor, the invoice
/// row and the label's row. Money at stake: the package's weight corrections where the invoice charges them (the rate
/// difference of a first bill is not in the invoice). Deadline: the invoice's date plus `[invoices] dispute_days`.
public struct BilledWeightOverRule: InvoiceRule {
    public static let id = "billed_weight_over"
    public static let summary =
        "A package billed at more than its carrier scale weight and its dimensional weight: dispute the difference."
    public static let needs: [InputKind] = [.invoices]

    public static func thresholds(_ configuration: Configuration) -> [String] {
        [
            "weights rounded up to the next pound (half kilogram), each side to the nearest inch",
            "DIM divisors: "
                + configuration.invoices.dimDivisors.sorted { $0.key < $1.key }.map { "\($0.key) \(Int($0.value))" }
                .joined(separator: ", ") + " ([invoices.dim_divisors])",
            InvoicePackages.disputeWindow(configuration),
        ]
    }

    /// Why a package is not judged: it is charged a weight correction, but its invoice states no billed weight.
    static let noBilledWeight =
        "billed weight not verifiable: the invoice charges a weight correction but states no billed weight"

    /// Creates the rule.
    public init() {}

    public func check(_ package: InvoicedPackage, context: RuleContext, emit: (Finding) -> Void) -> String? {
        guard let billed = BilledWeights.package(package, context) else {
            // No billed weight: nothing to judge, unless the invoice charges a weight correction all the same (a
            // layout with its charges in columns and no weights).
            return package.lines.contains(where: BilledWeights.isWeightCorrection) ? Self.noBilledWeight : nil
        }
        guard !billed.billedByDimensions else { return nil }
        guard let scale = billed.scale else {
            return "billed weight not verifiable: the invoice gives no scale weight"
        }
        let allowed = max(scale, billed.dimensional ?? 0)
        guard billed.billed > allowed + 0.001 else { return nil }
        let line = billed.line, unit = billed.unit
        let order = package.order
        var evidence: Evidence = [
            ("tracking_number", .string(billed.tracking)),
            ("billed_weight", .string(BilledWeights.format(billed.billed, unit))),
            ("scale_weight", .string(BilledWeights.format(scale, unit))),
        ]
        if let dimensions = billed.dimensions, let dimensional = billed.dimensional {
            evidence.pair("dimensions", .string(dimensions.description))
            evidence.pair("dim_divisor", .number(BilledWeights.format(billed.divisor)))
            evidence.pair("dimensional_weight", .string(BilledWeights.format(dimensional, unit)))
        }
        let over = BilledWeights.format(billed.billed - allowed, unit)
        emit(
            BilledWeights.flag(
                Self.id, billed, order: order,
                message:
                    "\(billed.tracking) was billed at \(BilledWeights.format(billed.billed, unit)) on invoice \(line.invoice), \(over) over the \(BilledWeights.format(allowed, unit)) its scale weight and dimensions give",
                evidence: evidence, fix: "bill \(billed.tracking) at \(BilledWeights.format(allowed, unit))",
                moneyKind: "billed weight overcharge", context: context))
        return nil
    }
}
