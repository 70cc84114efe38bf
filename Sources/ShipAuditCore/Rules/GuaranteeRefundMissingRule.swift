import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags a package of a guaranteed service (`[delivery] guaranteed`) the carrier delivered after its own transit
/// time, with no refund on any invoice given `[invoices] refund_wait_days` after the delivery: the guarantee's credit
/// (UPS `GSR`, a line described as a guarantee or money-back refund) has to be claimed. The delivery comes from the
/// invoice (`Shipment Delivery Date`, `POD Delivery Date`), else the tracking data's delivery scan, else the shipments
/// export; a package with none of them, or with no ship date, is not judged, and is counted.
///
/// One flag per package. Evidence: the service, ship day, the carrier's due day, the delivery and the row saying so,
/// the invoice lines looked through. Money at stake: the package's charges (what the guarantee refunds). Deadline: the delivery day
/// plus `[delivery] claim_window_days`.
public struct GuaranteeRefundMissingRule: InvoiceRule {
    public static let id = "guarantee_refund_missing"
    public static let summary =
        "A guaranteed service delivered late with no refund on any invoice: claim the guarantee before its window closes."
    public static let needs: [InputKind] = [.shipments, .invoices]

    public static func thresholds(_ configuration: Configuration) -> [String] {
        [
            "refund awaited \(configuration.invoices.refundWaitDays) days after delivery ([invoices] refund_wait_days)",
            "claim window \(configuration.delivery.claimWindowDays) days after delivery ([delivery] claim_window_days)",
        ]
    }

    /// Creates the rule.
    public init() {}

    /// A credit of the guarantee: UPS's `GSR`/`AGSR` codes, or a credit described as a guarantee refund.
    static func isGuaranteeCredit(_ line: InvoiceLine) -> Bool { line.amount < 0 && line.kind == .guarantee }

    public func check(_ package: InvoicedPackage, context: RuleContext, emit: (Finding) -> Void) -> String? {
        // No label, or a voided one: no delivery to hold the carrier to.
        guard let label = package.order, package.voided == nil || !label.service.isEmpty else { return nil }
        guard let service = context.resolve(label.service, carrier: label.carrier) else {
            return "the label's service is not known (map it under [services])"
        }
        guard context.configuration.delivery.isGuaranteed(service) else { return nil }
        let (tracking, lines) = (package.tracking, package.lines)
        let settings = context.promises
        let zone = context.configuration.timeZone
        let shipped = label.shippedAt ?? lines.lazy.compactMap(\.shipDate).first
        // The delivery as the invoice says, else the tracking data's scan, else the shipments export's.
        let onInvoice = lines.first { $0.package.deliveredAt != nil }
        let delivered = onInvoice?.package.deliveredAt ?? label.deliveredAt
        guard let shipped, let delivered else {
            return "guarantee not verifiable: no ship or delivery date for the package"
        }
        let shipDay = settings.calendar.businessDay(onOrAfter: LocalDay(shipped, in: settings.offsets))
        let due = settings.calendar.deliveryDay(
            shippedOn: shipDay, transitDays: settings.transit(service.tier), tier: service.tier)
        let day = LocalDay(delivered, in: settings.offsets)
        guard day > due, !lines.contains(where: Self.isGuaranteeCredit),
            context.asOf >= day.adding(context.configuration.invoices.refundWaitDays).end(in: zone)
        else { return nil }
        let charged = lines.filter { $0.amount > 0 }
        let amount = charged.reduce(Decimal()) { $0 + $1.amount }
        let currency = lines.first?.currency ?? context.configuration.defaultCurrency
        let fileBy = day.adding(context.configuration.delivery.claimWindowDays)
        let carrier = label.carrier.isEmpty ? lines.first?.carrier ?? "" : label.carrier
        emit(
            Finding(
                rule: Self.id, severity: .medium, orderId: label.id, orderName: label.name,
                message:
                    "\(tracking) (\(label.service), guaranteed) was due \(due.labelWithWeekday) and delivered \(day.labelWithWeekday); no invoice credits the guarantee",
                evidence: ([
                    ("tracking_number", .string(tracking)), ("service", .string(label.service)),
                    ("ship_day", .string(shipDay.description)), ("carrier_due_day", .string(due.description)),
                    ("delivered", .string(context.localTime(delivered))),
                    (
                        "delivery_row",
                        .string((onInvoice?.source ?? label.deliverySource ?? label.source).description)
                    ),
                    ("label_row", .string(label.source.description)),
                    ("invoice_rows", .array(lines.map { .string($0.source.description) })),
                    ("charged", .string(Money.format(amount))), ("currency", .string(currency)),
                    ("file_by", .string(fileBy.description)),
                ] as Evidence).disputing(lines[0]),
                moneyAtStake: amount > 0 ? Money(amount, currency) : nil,
                action:
                    "Claim the guaranteed-service refund for \(tracking) with \(carrier.isEmpty ? "the carrier" : carrier) by \(fileBy.labelWithWeekday)",
                sources: [label.source] + lines.map(\.source), moneyKind: "guaranteed-service refund",
                deadline: fileBy.end(in: zone), owner: .carrierClaims))
        return nil
    }
}
