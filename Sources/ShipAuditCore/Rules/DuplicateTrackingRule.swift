import ShipAuditCSV
import ShipAuditStorage

/// Flags one tracking number on packages of two or more orders: one parcel cannot ship two orders, so one of them
/// probably did not ship (a label reprinted onto the wrong order, a copy-paste).
///
/// One flag per order involved; evidence: the tracking number and every package row carrying it. Severity: high.
public struct DuplicateTrackingRule: InputRule {
    public static let id = "duplicate_tracking"
    public static let summary =
        "One tracking number on packages of two or more orders: one of them probably did not ship."

    /// About packages: nothing to judge without the shipments export.
    public static let needs: [InputKind] = [.shipments]

    /// Creates the rule.
    public init() {}

    public func check(_ inputs: MatchedInputs, context: RuleContext, emit: (Finding) -> Void) {
        for (tracking, packages) in inputs.duplicateTracking {
            let orders = Array(Set(packages.map(\.orderId))).sorted(by: OrderMatcher.orderKeyLess)
            for id in orders {
                let others = orders.filter { $0 != id }
                emit(
                    Finding(
                        rule: Self.id, severity: .high, orderId: id,
                        orderName: inputs.loaded.orders[id]?.displayName ?? id,
                        message:
                            "Tracking \(tracking) is also on order\(others.count == 1 ? "" : "s") \(others.joined(separator: ", "))",
                        evidence: [
                            ("tracking_number", .string(tracking)), ("orders", .array(orders.map(JSONValue.string))),
                            ("sources", .array(packages.map { .string($0.source.description) })),
                        ],
                        moneyAtStake: nil,
                        action: "Check which order the parcel holds; ship the other one",
                        sources: packages.map(\.source), owner: .warehouse))
            }
        }
    }
}
