import ShipAuditCSV
import ShipAuditStorage

/// The comparison of paid and shipped tiers that `ServiceDowngradeRule` and `ServiceUpgradeRule` share.
enum ServiceComparison {
    enum Direction { case slower, faster }

    static func compare(_ matched: MatchedOrder, looking direction: Direction, context: RuleContext) -> RuleOutcome {
        guard !matched.packages.isEmpty else { return .skipped(reason: "no package shipped yet") }
        guard let paidText = matched.paidServiceText else {
            return .skipped(reason: "the order has no shipping method")
        }
        guard let paid = matched.paidService else {
            return .skipped(reason: "paid shipping method is not mapped to a tier", items: [paidText])
        }
        var differing: [(Shipment, ResolvedService)] = []
        var unknown: [String] = []
        // By index, tiers first: a package (six strings) is copied only when it differs or its service is unknown.
        for index in matched.packages.indices {
            guard let tier = matched.packageServices[index]?.tier else {
                let service = matched.packages[index].service
                unknown.append(service.isEmpty ? "(no service)" : service)
                continue
            }
            if (direction == .slower && tier > paid.tier) || (direction == .faster && tier < paid.tier) {
                differing.append((matched.packages[index], matched.packageServices[index]!))
            }
        }
        if direction == .faster, matched.packageServices.contains(where: { $0.map { $0.tier > paid.tier } ?? false }) {
            return .passed // a mixed order is a downgrade, reported there
        }
        guard !differing.isEmpty else {
            return unknown.isEmpty ? .passed : .skipped(reason: "shipped service is not known", items: unknown)
        }
        let order = matched.order
        // "Paid UPS Next Day Air (overnight), shipped [faster: ]UPS® Ground (ground); tracking 1Z…".
        func message(_ faster: Bool) -> String {
            var out = TextBuilder(capacity: 192)
            out.put("Paid ")
            out.put(paidText)
            out.put(" (")
            out.put(paid.tier.label)
            out.put(faster ? "), shipped faster: " : "), shipped ")
            for (number, (package, shipped)) in differing.enumerated() {
                if number > 0 { out.put(", ") }
                out.put(package.service)
                out.put(" (")
                out.put(shipped.tier.label)
                out.put(")")
            }
            out.put("; tracking ")
            for (number, (package, _)) in differing.enumerated() {
                if number > 0 { out.put(", ") }
                out.put(package.trackingNumber.isEmpty ? "no tracking number" : package.trackingNumber)
            }
            return out.text
        }
        var evidence = Evidence()
        evidence.string("paid_service", paidText)
        evidence.string("paid_tier", paid.tier.rawValue)
        evidence.money("shipping_paid", matched.shippingPaid?.amount)
        evidence.array(
            "shipped",
            objects: differing.map { package, shipped in
                var entry = Evidence()
                entry.string("tracking_number", package.trackingNumber)
                entry.string("carrier", package.carrier)
                entry.string("service", package.service)
                entry.string("tier", shipped.tier.rawValue)
                entry.money("label_cost", package.labelCost)
                entry.string("source", package.source.description)
                return entry
            })
        let sources = [matched.paidServiceSource].compactMap { $0 } + differing.map(\.0.source)
        switch direction {
        case .slower:
            let paidMoney = matched.shippingPaid
            let refund =
                paidMoney.map { "Refund the \($0.description) shipping paid" } ?? "Refund the shipping upcharge"
            // While the parcel is on its way and a reship can still make the promise, say by when.
            let undelivered = matched.packages.indices.contains { matched.deliveredAt($0) == nil }
            let advice = matched.promise != nil && undelivered ? DeliveryFacts.reshipAdvice(matched, context) : nil
            let action =
                advice?.deadline != nil
                ? "\(refund). \(advice!.action). Ask the warehouse why a slower label was bought"
                : "\(refund); ask the warehouse why a slower label was bought"
            return .flagged(
                Finding(
                    rule: ServiceDowngradeRule.id, severity: .high, orderId: order.id, orderName: order.displayName,
                    message: message(false),
                    evidence: evidence, moneyAtStake: paidMoney,
                    action: action, sources: sources, moneyKind: "shipping paid", deadline: advice?.deadline,
                    owner: .customerService))
        case .faster:
            let costs = differing.compactMap(\.0.labelCost)
            let cost = costs.isEmpty ? nil : Money(costs.reduce(0, +), matched.currency)
            return .flagged(
                Finding(
                    rule: ServiceUpgradeRule.id, severity: .low, orderId: order.id, orderName: order.displayName,
                    message: message(true),
                    evidence: evidence, moneyAtStake: cost,
                    action: "No customer action; check the label rules that picked a faster service than paid",
                    sources: sources, moneyKind: "label cost", owner: .warehouse))
        }
    }
}
