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

    /// The most other orders and package rows one flag lists: a number on thousands of packages (a placeholder the
    /// export did not mark as one) makes one flag per order, each naming a few of the others and the count, never
    /// all of them (which made the reports grow with the square of the packages).
    static let listed = 10

    public func check(_ inputs: MatchedInputs, context: RuleContext, emit: (Finding) -> Void) {
        for (tracking, packages) in inputs.duplicateTracking {
            let orders = Array(Set(packages.map(\.orderId))).sorted(by: OrderMatcher.orderKeyLess)
            let byOrder = Dictionary(grouping: packages, by: \.orderId)
            for id in orders {
                // The orders listed: the first few others, in order-number order.
                var others: [String] = []
                for other in orders where other != id {
                    others.append(other)
                    if others.count == Self.listed { break }
                }
                let more = orders.count - 1 - others.count
                let named =
                    others.joined(separator: ", ") + (more > 0 ? " and \(more) more" : "")
                // This order's rows, then the listed orders' first rows.
                let own = byOrder[id] ?? []
                let sources = own.map(\.source) + others.compactMap { byOrder[$0]?.first?.source }
                var evidence: Evidence = [
                    ("tracking_number", .string(tracking)),
                    ("orders", .array(([id] + others).map(JSONValue.string))),
                    ("orders_sharing", .int(orders.count)), ("packages_sharing", .int(packages.count)),
                    ("sources", .array(sources.map { .string($0.description) })),
                ]
                if orders.count > Self.listed + 1 { evidence.string("listed", "the first \(Self.listed) other orders") }
                emit(
                    Finding(
                        rule: Self.id, severity: .high, orderId: id,
                        orderName: inputs.loaded.orders[id]?.displayName ?? id,
                        message:
                            "Tracking \(tracking) is also on order\(orders.count == 2 ? "" : "s") \(named)",
                        evidence: evidence,
                        moneyAtStake: nil,
                        action: "Check which order the parcel holds; ship the other one",
                        sources: sources, owner: .warehouse))
            }
        }
    }
}
