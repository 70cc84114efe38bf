import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags a package of a guaranteed service (`[delivery] guaranteed`) the carrier delivered after its own transit
/// time, with no refund on any invoice given `[invoices] refund_wait_days` after the delivery: the guarantee's credit
/// (UPS `GSR`, a line described as a guarantee or money-back refund) has to be claimed. The delivery comes from the
/// invoice (`Shipment Delivery Date`, `POD Delivery Date`) or the shipments export; a package with neither, or with
/// no ship date, is not judged, and is counted.
///
/// One flag per package. Evidence: the service, ship day, the carrier's due day, the delivery, the invoice lines
/// looked through. Money at stake: the package's charges (what the guarantee refunds). Deadline: the delivery day
/// plus `[delivery] claim_window_days`.
public struct GuaranteeRefundMissingRule: InputRule {
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

    /// A late guaranteed package an invoice bills, and what it needs to be judged.
    private struct Late {
        let tracking: String, package: InvoicePackages.Package, lines: [InvoiceLine]
        let service: ResolvedService, shipDay: LocalDay?, delivered: Date?
    }

    /// The packages the invoices bill whose label's service is guaranteed.
    private func guaranteed(_ inputs: MatchedInputs, _ context: RuleContext) -> [Late] {
        let packages = inputs.invoicePackages
        let directory = ServiceDirectory(extra: context.configuration.services)
        let settings = context.promises
        return packages.linesByTracking.compactMap { tracking, lines in
            guard let package = packages.order(of: tracking),
                let service = directory.resolve(package.service, carrier: package.carrier),
                context.configuration.delivery.isGuaranteed(service)
            else { return nil }
            let shipped = package.shippedAt ?? lines.lazy.compactMap(\.shipDate).first
            let shipDay = shipped.map {
                settings.calendar.businessDay(onOrAfter: LocalDay($0, in: settings.offsets))
            }
            let delivered = lines.lazy.compactMap(\.package.deliveredAt).first ?? package.deliveredAt
            return Late(
                tracking: tracking, package: package, lines: lines, service: service, shipDay: shipDay,
                delivered: delivered)
        }
    }

    /// A credit of the guarantee: UPS's `GSR`/`AGSR` codes, or a credit described as a guarantee refund.
    static func isGuaranteeCredit(_ line: InvoiceLine) -> Bool { line.amount < 0 && line.kind == .guarantee }

    public func check(_ inputs: MatchedInputs, context: RuleContext, emit: (Finding) -> Void) {
        let settings = context.promises
        let zone = context.configuration.timeZone
        for late in guaranteed(inputs, context) {
            guard let shipDay = late.shipDay, let delivered = late.delivered else { continue }
            let due = settings.calendar.deliveryDay(
                shippedOn: shipDay, transitDays: settings.transit(late.service.tier), tier: late.service.tier)
            let day = LocalDay(delivered, in: settings.offsets)
            guard day > due, !late.lines.contains(where: Self.isGuaranteeCredit),
                context.asOf >= day.adding(context.configuration.invoices.refundWaitDays).end(in: zone)
            else { continue }
            let charged = late.lines.filter { $0.amount > 0 }
            let amount = charged.reduce(Decimal()) { $0 + $1.amount }
            let currency = late.lines.first?.currency ?? context.configuration.defaultCurrency
            let fileBy = day.adding(context.configuration.delivery.claimWindowDays)
            let carrier = late.package.carrier.isEmpty ? late.lines.first?.carrier ?? "" : late.package.carrier
            emit(
                Finding(
                    rule: Self.id, severity: .medium, orderId: late.package.id, orderName: late.package.name,
                    message:
                        "\(late.tracking) (\(late.package.service), guaranteed) was due \(due.labelWithWeekday) and delivered \(day.labelWithWeekday); no invoice credits the guarantee",
                    evidence: ([
                        ("tracking_number", .string(late.tracking)), ("service", .string(late.package.service)),
                        ("ship_day", .string(shipDay.description)), ("carrier_due_day", .string(due.description)),
                        ("delivered", .string(context.localTime(delivered))),
                        ("label_row", .string(late.package.source.description)),
                        ("invoice_rows", .array(late.lines.map { .string($0.source.description) })),
                        ("charged", .string(Money.format(amount))), ("currency", .string(currency)),
                        ("file_by", .string(fileBy.description)),
                    ] as Evidence).disputing(late.lines[0]),
                    moneyAtStake: amount > 0 ? Money(amount, currency) : nil,
                    action:
                        "Claim the guaranteed-service refund for \(late.tracking) with \(carrier.isEmpty ? "the carrier" : carrier) by \(fileBy.labelWithWeekday)",
                    sources: [late.package.source] + late.lines.map(\.source), moneyKind: "guaranteed-service refund",
                    deadline: fileBy.end(in: zone), owner: .carrierClaims))
        }
    }

    public func notChecked(_ inputs: MatchedInputs, context: RuleContext) -> [SkipCount] {
        let unjudged = guaranteed(inputs, context).filter { $0.shipDay == nil || $0.delivered == nil }
        guard !unjudged.isEmpty else { return [] }
        return [
            SkipCount(
                rule: Self.id, reason: "guarantee not verifiable: no ship or delivery date for the package",
                orders: Set(unjudged.map(\.package.id)).count, items: unjudged.map(\.tracking))
        ]
    }
}
