import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// The facts about promise, shipping and scans that the delivery rules share, and how they are put in evidence.
enum DeliveryFacts {
    /// The promise as evidence: the day, the deadline, and how it was computed.
    /// `computation` is the promise's (`DeliveryPromise.computation`), when the caller has already made it.
    static func evidence(_ promise: DeliveryPromise, _ settings: PromiseSettings, computation: String? = nil)
        -> Evidence
    {
        var out = Evidence()
        out.string("promised_day", promise.day.description)
        out.string("promise_deadline", ReportJSONWriter.localTimestamp(promise.deadline, settings.timeZone))
        out.string("promise_computation", computation ?? promise.computation(settings))
        return out
    }

    /// The day the carrier had package `index`: its first scan, else its label's day (the next business day when
    /// the label was made on a weekend or holiday).
    static func shipDay(_ order: MatchedOrder, _ index: Int, _ settings: PromiseSettings) -> LocalDay? {
        if let scanned = order.tracking[index]?.firstScan?.time { return LocalDay(scanned, in: settings.offsets) }
        if let label = order.packages[index].shippedAt {
            return settings.calendar.businessDay(onOrAfter: LocalDay(label, in: settings.offsets))
        }
        return nil
    }

    /// What to do when the promise is in danger: reship in the paid tier before the deadline, or, when no reship can
    /// make it, the customer-side remedy.
    static func reshipAdvice(_ order: MatchedOrder, _ context: RuleContext) -> (action: String, deadline: Date?) {
        guard let promise = order.promise, let tier = order.paidService?.tier ?? promise.tier else {
            return ("Tell the customer the new date; refund the shipping paid", nil)
        }
        let settings = context.promises
        if let deadline = settings.reshipDeadline(for: promise.day, tier: tier, now: context.asOf) {
            return (
                "Reship in \(tier.label) service by \(settings.describe(deadline)) so it still arrives by \(promise.day.labelWithWeekday); or tell the customer now",
                deadline
            )
        }
        // The paid tier is too slow now; an overnight parcel may still make it.
        if tier > .overnight,
            let deadline = settings.reshipDeadline(for: promise.day, tier: .overnight, now: context.asOf)
        {
            return (
                "Reship overnight (faster than paid) by \(settings.describe(deadline)) so it still arrives by \(promise.day.labelWithWeekday); or tell the customer now",
                deadline
            )
        }
        let refund =
            order.shippingPaid.map { "refund the \($0.description) shipping paid" } ?? "refund the shipping paid"
        return ("No reship can arrive by \(promise.day.labelWithWeekday): tell the customer now and \(refund)", nil)
    }

    /// One package with its tracking, as evidence.
    static func package(_ order: MatchedOrder, _ index: Int, _ context: RuleContext) -> JSONValue {
        let package = order.packages[index]
        let parcel = order.tracking[index]
        return .object([
            ("tracking_number", .string(package.trackingNumber)), ("carrier", .string(package.carrier)),
            ("service", .string(package.service)),
            ("label_created", package.shippedAt.map { .string(context.localTime($0)) } ?? .null),
            ("status", parcel.map { .string($0.status.rawValue) } ?? .null),
            ("last_scan", parcel?.lastScan.map { mark($0, context) } ?? .null),
            ("source", .string(package.source.description)),
        ])
    }

    /// A tracking row as evidence: time, text and file:line.
    static func mark(_ mark: ParcelTracking.Mark, _ context: RuleContext) -> JSONValue {
        .object([
            ("time", mark.time.map { .string(context.localTime($0)) } ?? .null),
            ("status", .string(mark.text)),
            ("source", .string(mark.source.description)),
        ])
    }

    /// `no tracking number` or the number.
    static func trackingText(_ package: Shipment) -> String {
        package.trackingNumber.isEmpty ? "no tracking number" : package.trackingNumber
    }

    /// Hours between two instants that fall on business days of the calendar, in the zone.
    static func businessHours(from start: Date, to end: Date, _ settings: PromiseSettings) -> Double {
        guard end > start else { return 0 }
        var total = 0.0
        var day = LocalDay(start, in: settings.offsets)
        let last = LocalDay(end, in: settings.offsets)
        while day <= last {
            if settings.calendar.isBusinessDay(day) {
                let open = max(start, day.at(hour: 0, minute: 0, in: settings.offsets))
                let close = min(end, day.adding(1).at(hour: 0, minute: 0, in: settings.offsets))
                if close > open { total += close.timeIntervalSince(open) / 3600 }
            }
            day = day.adding(1)
        }
        return total
    }
}
