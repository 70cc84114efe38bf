import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// The weights an invoice billed packages at, for `billed_weight_over` and `dim_weight_mismatch`: each package's
/// billed, scale and dimensional weight in its billing unit, after the carriers' rounding (each dimension to the
/// nearest whole inch, half up; weights up to the next whole pound, or the next half kilogram).
struct BilledWeights {
    /// One package as its invoices bill it.
    struct Package {
        let tracking: String
        /// The line that bills the highest weight (an adjustment's corrected weight, when there is one).
        let line: InvoiceLine
        let lines: [InvoiceLine]
        let unit: WeightUnit
        /// Billed, scale and dimensional weight in `unit`, rounded as the carrier rounds; nil when not known.
        let billed: Double
        let scale: Double?
        let dimensional: Double?
        let dimensions: Dimensions?
        let divisor: Double
        /// True when billed by dimensional weight: as the invoice says, or (where it does not say) when it states a
        /// divisor and bills more than the scale weight.
        let billedByDimensions: Bool
        /// The charges that adjusted the package's weight (shipping charge corrections), summed; nil for none.
        let adjustments: Decimal?
    }

    /// The package as its invoices bill it, nil when no line bills it a weight.
    static func package(_ package: InvoicedPackage, _ context: RuleContext) -> Package? {
        if let known = package.billedWeights { return known }
        let billed = make(package, context)
        package.billedWeights = .some(billed)
        return billed
    }

    private static func make(_ package: InvoicedPackage, _ context: RuleContext) -> Package? {
        let (tracking, lines) = (package.tracking, package.lines)
        // One pass over the lines: the one billing the highest weight (the first of equals), and the first of each
        // figure the others give.
        var best: Int?, bestGrams = 0.0
        var dimensions: Dimensions?, scaleWeight: Weight?, stated: Double?, service: String?
        var corrections: Decimal?
        for (index, line) in lines.enumerated() {
            if let grams = line.package.billedWeight?.grams, best == nil || grams > bestGrams {
                (best, bestGrams) = (index, grams)
            }
            if dimensions == nil { dimensions = line.package.dimensions }
            if scaleWeight == nil { scaleWeight = line.package.scaleWeight }
            if stated == nil { stated = line.package.statedDivisor }
            if service == nil, line.code == "FRT" { service = line.description }
            if isWeightCorrection(line) { corrections = (corrections ?? 0) + line.amount }
        }
        guard let best else { return nil }
        let line = lines[best]
        let unit: WeightUnit = line.package.weightUnit == .kilograms ? .kilograms : .pounds
        let divisor = context.dimDivisor(carrier: line.carrier, service: service ?? "")
        let scale = scaleWeight.map { roundedUp($0, unit) }
        let billed = roundedUp(line.package.billedWeight!, unit, exact: true)
        let byDimensions =
            line.package.dimensional
            ?? (stated != nil && scale.map { billed > $0 + 0.001 } == true)
        return Package(
            tracking: tracking, line: line, lines: lines, unit: unit, billed: billed, scale: scale,
            dimensional: dimensions.map { dimensionalWeight($0, divisor: divisor, unit) },
            dimensions: dimensions, divisor: divisor, billedByDimensions: byDimensions, adjustments: corrections)
    }

    /// A charge that corrects a package's weight or size (`ChargeKind.weightCorrection`).
    static func isWeightCorrection(_ line: InvoiceLine) -> Bool { line.kind == .weightCorrection }

    /// `weight` in `unit`, rounded up to the next billing step (1 lb, 0.5 kg); `exact` keeps a billed figure as is.
    static func roundedUp(_ weight: Weight, _ unit: WeightUnit, exact: Bool = false) -> Double {
        let amount = weight.grams / unit.grams
        if exact { return (amount * 1000).rounded() / 1000 }
        let step = unit == .kilograms ? 0.5 : 1
        // A hair over a step (16.0000001 oz read from text) is that step.
        return ((amount - 1e-6) / step).rounded(.up) * step
    }

    /// The dimensional weight of `dimensions` at `divisor` (cubic inches per pound) in `unit`: each side rounded to
    /// the nearest whole inch, the volume over the divisor rounded up to the next billing step.
    static func dimensionalWeight(_ dimensions: Dimensions, divisor: Double, _ unit: WeightUnit) -> Double {
        let pounds = cubicInches(dimensions) / divisor
        return roundedUp(Weight(pounds, .pounds), unit)
    }

    /// The volume the carriers divide: each side rounded to the nearest whole inch (half up).
    static func cubicInches(_ dimensions: Dimensions) -> Double {
        [dimensions.length, dimensions.width, dimensions.height].map { ($0 + 1e-9).rounded(.toNearestOrAwayFromZero) }
            .reduce(1, *)
    }

    /// `12.5 lb`, `6 kg`.
    static func format(_ amount: Double, _ unit: WeightUnit) -> String {
        (amount == amount.rounded() ? String(Int(amount)) : String(format: "%.1f", amount)) + " " + unit.rawValue
    }

    /// A number as evidence shows it: `139`, `120.5`.
    static func format(_ number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(format: "%.1f", number)
    }

    /// A weight flag on `billed`: its invoice row and the label's row as sources and evidence, a dispute of the
    /// invoice as its action (asking for `fix`), the package's weight corrections as the money at stake.
    static func flag(
        _ rule: String, _ billed: Package, order: InvoicePackages.Package?, message: String, evidence: Evidence,
        fix: String, moneyKind: String, context: RuleContext
    ) -> Finding {
        let line = billed.line
        var evidence = evidence
        evidence.pair("invoice", .string(line.invoice))
        evidence.pair("invoice_row", .string(line.source.description))
        if let order { evidence.pair("label_row", .string(order.source.description)) }
        if let amount = billed.adjustments { evidence.pair("weight_corrections", .string(Money.format(amount))) }
        evidence = evidence.disputing(line)
        return Finding(
            rule: rule, severity: .medium, orderId: order?.id ?? billed.tracking,
            orderName: order?.name ?? "tracking \(billed.tracking)", message: message, evidence: evidence,
            moneyAtStake: money(billed),
            action:
                "Dispute invoice \(line.invoice) with \(line.carrier.isEmpty ? "the carrier" : line.carrier): \(fix)",
            sources: [line.source] + (order.map { [$0.source] } ?? []), moneyKind: moneyKind,
            deadline: InvoicePackages.disputeDeadline(line, context), owner: .carrierClaims)
    }

    /// The money a weight flag puts at stake: the package's weight corrections, when the invoices charge any.
    static func money(_ package: Package) -> Money? {
        guard let amount = package.adjustments, amount > 0 else { return nil }
        return Money(amount, package.line.currency)
    }
}
