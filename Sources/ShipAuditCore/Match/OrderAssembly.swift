import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// How the match puts one order together from what it found (its packages, their parcels, its services resolved):
/// the paid service and its source, the currency and shipping paid, the delivery promise. `MatchedOrders` uses it to
/// make each order's values when the check asks for them (a million orders' values would not fit the run's memory
/// all at once); the check stage holds this, never the matcher.
struct OrderAssembly: Sendable {
    /// The currency of orders whose export names none.
    let defaultCurrency: String
    /// Cutoff, calendar and transit days.
    let promises: PromiseSettings

    /// One order with its packages and their services resolved: `method` is the order's shipping method resolved,
    /// `requested` the first package's with a requested service, resolved; `services` the packages' own.
    /// `tracking` and `services` are aligned with `packages`, whose weights are already the tracking data's where it
    /// has one.
    func matchedOrder(
        _ order: Order, packages: [Shipment], tracking: [ParcelTracking?], method: ResolvedService?,
        requested resolvedRequest: ResolvedService?, services: [ResolvedService?]
    ) -> MatchedOrder {
        // The order export's shipping method is what the customer chose; the shipment export's requested service
        // is the same choice as ShipStation received it, used when the order export has none or it is unmapped.
        let requested = packages.first { $0.serviceRequested != nil }
        var paidText = order.shippingMethod
        var paidSource: SourceLocation? = order.firstRow
        var paid = paidText == nil ? nil : method
        if paid == nil, let requested, let resolved = resolvedRequest {
            // (`MatchedOrders.facts(at:)` works out the same service from the text numbers: method ?? requested.)
            (paidText, paidSource, paid) = (requested.serviceRequested, requested.source, resolved)
        } else if paidText == nil, let requested {
            (paidText, paidSource) = (requested.serviceRequested, requested.source)
        }
        let currency = order.currency ?? defaultCurrency
        let paidAmount = order.shippingPaid ?? packages.lazy.compactMap(\.shippingPaid).first
        return MatchedOrder(
            order: order, packages: packages, paidServiceText: paidText, paidService: paid,
            paidServiceSource: paidSource, packageServices: services,
            shippingPaid: paidAmount.map { Money($0, currency) }, currency: currency, tracking: tracking,
            promise: promises.promise(for: order, paidTier: paid?.tier))
    }

    /// The deadline of a matched order's promise, for its facts (the same as `matchedOrder`'s promise's).
    func deadline(placed: Date?, promised: Date?, paidTier: ServiceTier?, memo: inout DeadlineMemo) -> Date? {
        promises.deadline(placed: placed, promised: promised, paidTier: paidTier, memo: &memo)
    }

    /// The end of the ship-by day of an order whose ship clock started at `placed`, for its facts.
    func shipByEnd(placed: Date, memo: inout DeadlineMemo) -> Date {
        promises.shipByEnd(placed: placed, memo: &memo)
    }
}
