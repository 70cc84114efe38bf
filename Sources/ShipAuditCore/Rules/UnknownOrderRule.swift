import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags packages whose order number is in no orders export: a label bought for an order the store does not know
/// (a test label, another store's order, or an order missing from the export).
///
/// One flag per order number; evidence: its packages with file:line. Money at stake: their label cost. Severity:
/// medium.
public struct UnknownOrderRule: InputRule {
    public static let id = "unknown_order"
    public static let summary =
        "A shipment for an order number that is in no orders export (one flag per order number). Money at stake: the label cost."

    /// About packages: nothing to judge without the shipments export.
    public static let needs: [InputKind] = [.shipments]

    /// Creates the rule.
    public init() {}

    public func check(_ inputs: MatchedInputs, context: RuleContext, emit: (Finding) -> Void) {
        // Packages by order number as positions; each order's packages are made into values only for its flag.
        let shipments = inputs.loaded.shipments
        let byOrder = Dictionary(grouping: inputs.unmatchedPackages) { shipments.orderId(at: Int($0)) }
        for id in byOrder.keys.sorted(by: OrderMatcher.orderKeyLess) {
            let packages = byOrder[id]!.map { shipments[Int($0)] }
            let costs = packages.compactMap(\.labelCost)
            emit(
                Finding(
                    rule: Self.id, severity: .medium, orderId: id, orderName: id,
                    message: "Shipped for order \(id), which is in no orders export: "
                        + packages.map { "\(DeliveryFacts.trackingText($0)) (\($0.service))" }.joined(separator: ", "),
                    evidence: [
                        (
                            "packages",
                            .array(
                                packages.map { package in
                                    .object([
                                        ("tracking_number", .string(package.trackingNumber)),
                                        ("carrier", .string(package.carrier)),
                                        ("service", .string(package.service)),
                                        ("label_cost", package.labelCost.map(JSONValue.money) ?? .null),
                                        ("source", .string(package.source.description)),
                                    ])
                                })
                        )
                    ],
                    moneyAtStake: costs.isEmpty
                        ? nil : Money(costs.reduce(0, +), context.configuration.defaultCurrency),
                    action:
                        "Find the order this label belongs to: an order missing from the export, another store, or a test label to void",
                    sources: packages.map(\.source), moneyKind: "label cost", owner: .warehouse))
        }
    }
}
