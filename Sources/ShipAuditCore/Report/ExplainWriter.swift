import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// `shipaudit explain ORDER`: everything known about one order, with file:line, the expected-weight and promise
/// computations, and every rule's outcome with its reason.
public enum ExplainWriter {
    /// Renders the explanation.
    public static func render(
        _ order: MatchedOrder, outcomes: [(rule: String, outcome: RuleOutcome)], catalog: [String: CatalogItem],
        configuration: Configuration, asOf: Date, invoicesGiven: Bool = false
    ) -> String {
        let zone = configuration.timeZone
        let settings = configuration.promise
        let o = order.order
        var out = "Order \(o.displayName) (\(o.firstRow.description))\n"
        var facts: [String] = []
        if let placed = o.createdAt { facts.append("placed \(settings.describe(placed))") }
        facts.append(o.isCancelled ? "cancelled or refunded" : (o.isPaid ? "paid" : "not paid"))
        if let paid = order.shippingPaid { facts.append("shipping paid \(paid.description)") }
        out += "  " + facts.joined(separator: ", ") + "\n"
        if let text = order.paidServiceText {
            let tier = order.paidService.map { "\($0.tier.label)" } ?? "not mapped to a tier"
            out +=
                "  paid service: \"\(clean(text))\" → \(tier)"
                + (order.paidServiceSource.map { " (\($0.description))" } ?? "") + "\n"
        } else {
            out += "  paid service: none in the exports\n"
        }
        out += "\nLine items\n"
        for line in o.lines {
            var text = "  \(line.quantity) × \(line.sku.isEmpty ? "(no SKU)" : clean(line.sku)) \"\(clean(line.name))\""
            if let price = line.unitPrice { text += " at \(Money.format(price))" }
            if !line.requiresShipping { text += ", does not ship" }
            text += " (\(line.source.description))"
            if let item = catalog[line.sku] {
                text += "; catalog \(WeightComparison.format(item.unitWeight)) (\(item.source.description))"
            } else if line.requiresShipping {
                text += "; no catalog weight"
            }
            out += text + "\n"
        }
        out += "\nPackages\n"
        if order.packages.isEmpty { out += "  none\n" }
        for (index, package) in order.packages.enumerated() {
            let tier = order.packageServices[index].map { $0.tier.label } ?? "tier unknown"
            var text =
                "  \(DeliveryFacts.trackingText(package)) \(clean(package.carrier)) \"\(clean(package.service))\" → \(tier)"
            if let weight = package.weight { text += ", \(WeightComparison.format(weight))" }
            if let label = package.shippedAt { text += ", label \(settings.describe(label))" }
            out += text + " (\(package.source.description))\n"
            if let parcel = order.tracking[index] {
                var scan = "    tracking: \(parcel.status.rawValue), \(parcel.rows) row\(parcel.rows == 1 ? "" : "s")"
                if let first = parcel.firstScan { scan += "; first scan \(mark(first, settings))" }
                if let last = parcel.lastScan { scan += "; last scan \(mark(last, settings))" }
                if let delivered = parcel.delivered { scan += "; delivered \(mark(delivered, settings))" }
                if let scheduled = parcel.scheduled {
                    scan +=
                        "; scheduled \(LocalDay(scheduled.date, in: zone).labelWithWeekday) (\(scheduled.source.description))"
                }
                out += scan + "\n"
            } else if let delivered = package.deliveredAt {
                out += "    delivered \(settings.describe(delivered)) (shipment export)\n"
            } else {
                out += "    no tracking rows\n"
            }
        }
        if invoicesGiven { out += invoices(order) }
        let context = RuleContext(
            catalog: catalog, configuration: configuration, hasCatalog: !catalog.isEmpty, asOf: asOf)
        out += "\nWeight\n"
        switch WeightComparison.make(order, context: context) {
        case .success(let comparison):
            out += "  expected \(WeightComparison.format(comparison.expected)) = \(comparison.computation)\n"
            out +=
                "  measured \(WeightComparison.format(comparison.measured)); difference \(WeightComparison.format(Weight(grams: abs(comparison.shortfall.grams)))) \(comparison.shortfall.grams > 0 ? "short" : "over"); tolerance \(WeightComparison.format(comparison.tolerance))\n"
        case .failure(let skip):
            out +=
                "  not checked: \(skip.reason)\(skip.items.isEmpty ? "" : " (" + skip.items.map(clean).joined(separator: ", ") + ")")\n"
        }
        out += "\nPromise\n"
        if let promise = order.promise {
            out += "  \(promise.computation(settings)); late after \(settings.describe(promise.deadline))\n"
        } else {
            out += "  none: no order time or paid service tier\n"
        }
        out += "\nRules (as of \(settings.describe(asOf)))\n"
        let width = outcomes.map(\.rule.count).max() ?? 0
        for (rule, outcome) in outcomes {
            let name = rule.padding(toLength: width, withPad: " ", startingAt: 0)
            switch outcome {
            case .passed: out += "  \(name)  passed\n"
            case .skipped(let reason, let items):
                out +=
                    "  \(name)  not checked: \(reason)\(items.isEmpty ? "" : " (" + items.map(clean).joined(separator: ", ") + ")")\n"
            case .flagged(let finding):
                out += "  \(name)  FLAGGED (\(finding.severity.rawValue)): \(clean(finding.message))\n"
                out += "  \(String(repeating: " ", count: width))  action: \(clean(finding.action))\n"
            }
        }
        return out
    }

    /// What the carriers' invoices bill for the order's packages, line by line, and its shipping P&L.
    static func invoices(_ order: MatchedOrder) -> String {
        var out = "\nInvoices\n"
        guard let ledger = order.shippingLedger, !order.invoiceLines.isEmpty else {
            return out + "  none of the invoices given bills this order's packages\n"
        }
        for line in order.invoiceLines {
            out +=
                "  \(clean(line.trackingNumber))  \(clean(line.invoice))  \(clean(line.description.isEmpty ? line.code : line.description))  \(Money.format(line.amount)) \(clean(line.currency)) (\(line.source.description))\n"
        }
        let text = ledger.text
        out +=
            "  shipping P&L: paid \(text.paid ?? "not known"), labels \(text.label), adjustments \(text.adjustments), credits \(text.credits), cost \(text.cost), net \(text.net ?? "not known") \(clean(ledger.currency))\n"
        return out
    }

    static func mark(_ mark: ParcelTracking.Mark, _ settings: PromiseSettings) -> String {
        (mark.time.map { settings.describe($0) } ?? "no time") + " \"\(clean(mark.text))\" (\(mark.source.description))"
    }

    /// Terminal-safe text.
    static func clean(_ text: String) -> String { TableWriter.oneLine(text) }
}
