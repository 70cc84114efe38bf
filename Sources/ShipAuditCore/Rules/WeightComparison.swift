import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Expected against measured weight for one order, shared by `WeightShortRule` and `WeightOverRule`.
///
/// expected = Σ quantity × unit weight (items that ship) + packaging × packages; tolerance = max(absolute,
/// percent × expected). Measured is the sum over the order's packages.
struct WeightComparison: Sendable {
    struct Content: Sendable {
        let sku: String
        let name: String
        let quantity: Int
        let unitWeight: Weight
        let unitPrice: Decimal?
        let source: SourceLocation
        let catalogSource: SourceLocation
    }

    let contents: [Content]
    let packaging: Weight
    let packageCount: Int
    let expected: Weight
    let measured: Weight
    let tolerance: Weight

    /// expected − measured: positive when the boxes are light.
    var shortfall: Weight { expected - measured }

    /// True when `difference` is beyond the tolerance. A twentieth of a gram of slack absorbs floating-point noise,
    /// so a difference exactly at the tolerance is never flagged.
    func exceedsTolerance(_ difference: Weight) -> Bool {
        Self.exceeds(difference, tolerance: tolerance)
    }

    /// True when `difference` is over `tolerance` (by more than rounding to the tenth of a gram).
    static func exceeds(_ difference: Weight, tolerance: Weight) -> Bool {
        difference.grams - tolerance.grams > 0.05
    }

    /// Runs `body` on the order's comparison, or skips the order with the reason it cannot be weight-checked.
    static func check(_ matched: MatchedOrder, context: RuleContext, _ body: (WeightComparison) -> RuleOutcome)
        -> RuleOutcome
    {
        switch matched.weighed ?? make(matched, context: context) {
        case .success(let comparison): body(comparison)
        case .failure(let skip): .skipped(reason: skip.reason, items: skip.items)
        }
    }

    /// Builds the comparison, or says why the order cannot be weight-checked.
    static func make(_ matched: MatchedOrder, context: RuleContext) -> Result<WeightComparison, SkipReason> {
        let settings = context.configuration.weight
        guard !matched.packages.isEmpty else { return .failure(SkipReason("no package shipped yet")) }
        guard context.hasCatalog else {
            return .failure(SkipReason("no catalog given (--catalog): unit weights unknown"))
        }
        if matched.order.isPartiallyFulfilled {
            return .failure(SkipReason("partially fulfilled: some items are not marked shipped yet"))
        }
        var contents: [Content] = []
        var missing: [String] = []
        for line in matched.order.lines where line.requiresShipping && line.quantity > 0 {
            guard !line.sku.isEmpty else { missing.append("(no SKU) \(line.name)"); continue }
            guard let item = context.catalog[line.sku] else { missing.append(line.sku); continue }
            contents.append(
                Content(
                    sku: line.sku, name: line.name, quantity: line.quantity, unitWeight: item.unitWeight,
                    unitPrice: line.unitPrice, source: line.source, catalogSource: item.source))
        }
        if !missing.isEmpty {
            return .failure(SkipReason("weight not verifiable: SKU without a catalog weight", items: missing))
        }
        guard !contents.isEmpty else { return .failure(SkipReason("no shippable items")) }
        if matched.packages.contains(where: { $0.weight == nil }) {
            return .failure(
                SkipReason(
                    "a package has no measured weight",
                    items: matched.packages.filter { $0.weight == nil }.map(\.trackingNumber)))
        }
        let packaging = Weight(grams: settings.packagingPerPackage.grams * Double(matched.packages.count))
        let goods = contents.reduce(Weight(grams: 0)) { $0 + Weight(grams: $1.unitWeight.grams * Double($1.quantity)) }
        let expected = goods + packaging
        let measured = matched.packages.reduce(Weight(grams: 0)) { $0 + $1.weight! }
        return .success(
            WeightComparison(
                contents: contents, packaging: packaging, packageCount: matched.packages.count,
                expected: expected, measured: measured, tolerance: settings.tolerance(for: expected)))
    }

    /// How the expected weight was computed, in words: "2 × WDG-STL-L at 16.0 oz + 4.0 oz packaging".
    var computation: String {
        var out = TextBuilder()
        computation(into: &out)
        return out.text
    }

    /// The weight rules' message: "Packages weigh 16.2 oz (459 g), expected 36.0 oz (1021 g) (2 × WDG at 16.0 oz
    /// (454 g) + 4.0 oz (113 g) packaging); short by 19.8 oz (562 g), tolerance 1.8 oz (51 g): consistent with …".
    func message(_ direction: StaticString, _ difference: Weight, _ explanation: String) -> String {
        var out = TextBuilder(capacity: 256)
        out.put("Packages weigh ")
        out.put(Self.format(measured))
        out.put(", expected ")
        out.put(Self.format(expected))
        out.put(" (")
        computation(into: &out)
        out.put("); ")
        out.put(direction)
        out.put(Self.format(difference))
        out.put(", tolerance ")
        out.put(Self.format(tolerance))
        out.put(": ")
        out.put(explanation)
        return out.text
    }

    /// Writes `computation` to `out`.
    func computation(into out: inout TextBuilder) {
        for content in contents {
            out.put(content.quantity)
            out.put(" × ")
            out.put(content.sku)
            out.put(" at ")
            out.put(Self.format(content.unitWeight))
            out.put(" + ")
        }
        out.put(Self.format(packaging))
        if packageCount == 1 {
            out.put(" packaging")
        } else {
            out.put(" packaging for ")
            out.put(packageCount)
            out.put(" packages")
        }
    }

    /// Evidence common to both weight rules, packed: expected, measured, their difference and the tolerance (grams),
    /// packages and packaging, the contents, the unit sets consistent with the difference, and whether more than one is.
    func evidence(explanations: [UnitSet], ambiguous: Bool) -> Evidence {
        var out = Evidence()
        out.grams("expected_grams", expected)
        out.grams("measured_grams", measured)
        out.grams("difference_grams", measured - expected)
        out.grams("tolerance_grams", tolerance)
        out.int("packages", packageCount)
        out.grams("packaging_grams", packaging)
        out.array(
            "contents",
            objects: contents.map { content in
                var entry = Evidence()
                entry.string("sku", content.sku)
                entry.int("quantity", content.quantity)
                entry.grams("unit_grams", content.unitWeight)
                return entry
            })
        out.array("consistent_with", strings: explanations.map(\.description))
        out.bool("ambiguous", ambiguous)
        return out
    }

    /// Every row the comparison used: order lines, catalog rows, packages.
    func sources(_ matched: MatchedOrder) -> [SourceLocation] {
        contents.flatMap { [$0.source, $0.catalogSource] } + matched.packages.map(\.source) + matched.weightSources
            + [matched.order.firstRow]
    }

    /// `16.0 oz (454 g)`.
    static func format(_ weight: Weight) -> String {
        let ounces = weight.value(in: .ounces), grams = weight.grams.rounded()
        // Sums of many weights can pass what one cell may hold: printed plainly, never converted where they overflow.
        guard ounces.isFinite, abs(ounces) < 1e8, grams >= 0, grams < 1e9 else {
            return "\(ounces.isFinite ? String(format: "%.1f", ounces) : "?") oz (\(String(format: "%.0f", grams)) g)"
        }
        let tenths = Int((ounces * 10).rounded())
        return NumberText.fixed { out in
            out.oneDecimal(tenths: tenths)
            out.put(" oz (")
            out.number(Int(grams))
            out.put(" g)")
        }
    }

    /// The smallest sets of whole units whose weight is within tolerance of `target`, at most `limit` of them.
    /// Each SKU is used at most as many times as it was ordered.
    func unitSets(explaining target: Weight, limit: Int = 5) -> [UnitSet] {
        let items = contents.sorted { $0.sku < $1.sku }
        let totalUnits = items.reduce(0) { $0 + $1.quantity }
        var budget = 200_000
        for size in 1...max(1, min(totalUnits, 60)) {
            var found: [UnitSet] = []
            var counts = [Int](repeating: 0, count: items.count)
            func search(_ index: Int, remaining: Int, weight: Double) {
                budget -= 1
                if budget <= 0 || found.count >= limit { return }
                if remaining == 0 {
                    if abs(weight - target.grams) <= tolerance.grams {
                        found.append(UnitSet(units: zip(items, counts).filter { $0.1 > 0 }.map { ($0.0.sku, $0.1) }))
                    }
                    return
                }
                guard index < items.count else { return }
                let most = min(items[index].quantity, remaining)
                for count in stride(from: most, through: 0, by: -1) {
                    counts[index] = count
                    search(
                        index + 1, remaining: remaining - count,
                        weight: weight + Double(count) * items[index].unitWeight.grams)
                }
                counts[index] = 0
            }
            search(0, remaining: size, weight: 0)
            if !found.isEmpty || budget <= 0 { return found }
        }
        return []
    }

    /// The goods value of a set of units, when every SKU in it has a price.
    func value(of set: UnitSet) -> Decimal? {
        var total = Decimal()
        for (sku, count) in set.units {
            guard let price = contents.first(where: { $0.sku == sku })?.unitPrice else { return nil }
            total += price * Decimal(count)
        }
        return total
    }
}

/// A set of whole units: `1 × WDG-STL-L + 2 × WDG-KIT`.
struct UnitSet: Sendable {
    let units: [(sku: String, count: Int)]
    var description: String { units.map { "\($0.count) × \($0.sku)" }.joined(separator: " + ") }
}

/// Why a rule did not check an order, with the items concerned.
struct SkipReason: Error, Sendable {
    let reason: String
    let items: [String]
    init(_ reason: String, items: [String] = []) {
        self.reason = reason
        self.items = items
    }
}
