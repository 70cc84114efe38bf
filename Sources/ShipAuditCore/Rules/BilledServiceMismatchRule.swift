import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// Flags a package billed in a faster (costlier) service tier than its label's: the invoice's transportation line
/// names a service (`Next Day Air`) faster than the shipments export's (`UPS Ground`). Lines whose description names
/// no known service (surcharges, fees) say nothing. Not judged, and counted: a package whose label's service is
/// unknown, whose transportation line's service is unknown, or whose lines name no service at all.
///
/// One flag per package. Evidence: the label's service and row, the billed service, its invoice and row. Money at
/// stake: the charges billed under the faster service. Deadline: the invoice's date plus `[invoices] dispute_days`.
public struct BilledServiceMismatchRule: InvoiceRule {
    public static let id = "billed_service_mismatch"
    public static let summary =
        "A package billed in a faster, costlier service than its label's: dispute the difference."
    public static let needs: [InputKind] = [.shipments, .invoices]

    public static func thresholds(_ configuration: Configuration) -> [String] {
        [InvoicePackages.disputeWindow(configuration)]
    }

    /// Why a package is not judged: no line of the invoices given names the service it was billed in.
    static let noBilledService = "no invoice line names the service billed"

    /// Creates the rule.
    public init() {}

    public func check(_ billed: InvoicedPackage, context: RuleContext, emit: (Finding) -> Void) -> String? {
        let (tracking, lines) = (billed.tracking, billed.lines)
        // No label, or a voided one (`voided_label_billed` judges what it was billed): nothing to compare.
        guard let package = billed.order, billed.voided == nil || !package.service.isEmpty else { return nil }
        guard let label = context.resolve(package.service, carrier: package.carrier) else {
            return "the label's service is not known (map it under [services])"
        }
        // The lines that name a service, and the fastest of them; the first transportation line whose service no
        // name resolves.
        var named: [(line: InvoiceLine, service: ResolvedService)] = []
        var unknown: InvoiceLine?
        for line in lines {
            if let service = Self.billedService(line, context) {
                named.append((line, service))
            } else if unknown == nil, Self.isTransportation(line) {
                unknown = line
            }
        }
        // No line names a service (the transportation charge is on an invoice not given, or the layout has no service
        // column): nothing to compare, said so.
        guard !named.isEmpty || unknown != nil else { return Self.noBilledService }
        guard let fastest = named.min(by: { $0.service.tier < $1.service.tier }),
            fastest.service.tier < label.tier
        else {
            // Not judged when a transportation line's service is not known: its name is listed to map.
            return unknown.map {
                "billed service not known: \"\(TableWriter.oneLine(String($0.description.prefix(60))))\" (map it under [services])"
            }
        }
        let faster = named.filter { $0.service.tier == fastest.service.tier }.map(\.line)
        let amount = faster.reduce(Decimal()) { $0 + $1.amount }
        let line = fastest.line
        emit(
            Finding(
                rule: Self.id, severity: .medium, orderId: package.id, orderName: package.name,
                message:
                    "\(tracking) was labelled \(package.service) (\(label.tier.rawValue)) but invoice \(line.invoice) bills \(line.description) (\(fastest.service.tier.rawValue))",
                evidence: ([
                    ("tracking_number", .string(tracking)), ("label_service", .string(package.service)),
                    ("label_tier", .string(label.tier.rawValue)),
                    ("label_row", .string(package.source.description)),
                    ("billed_service", .string(line.description)),
                    ("billed_tier", .string(fastest.service.tier.rawValue)), ("invoice", .string(line.invoice)),
                    ("billed_rows", .array(faster.map { .string($0.source.description) })),
                    ("billed_amount", .string(Money.format(amount))), ("currency", .string(line.currency)),
                ] as Evidence).disputing(line),
                moneyAtStake: Money(amount, line.currency),
                action:
                    "Dispute invoice \(line.invoice) with \(line.carrier.isEmpty ? "the carrier" : line.carrier): \(tracking) shipped \(package.service), billed \(line.description)",
                sources: [package.source] + faster.map(\.source), moneyKind: "billed in a faster service",
                deadline: InvoicePackages.disputeDeadline(line, context), owner: .carrierClaims))
        return nil
    }

    /// True for a line billing the package's transportation (UPS's `SHP` detail code, the `FRT` line of a FedEx row),
    /// whose description names the service billed; surcharges and credits name none.
    static func isTransportation(_ line: InvoiceLine) -> Bool {
        (line.code == "SHP" || line.code == "FRT") && line.amount > 0 && !line.description.isEmpty
    }

    /// The service an invoice line bills, when its description names one. UPS writes the delivery type after the
    /// service on its transportation lines (`Ground Residential`, `Next Day Air Commercial`): that word is dropped.
    static func billedService(_ line: InvoiceLine, _ context: RuleContext) -> ResolvedService? {
        guard line.amount > 0, !line.description.isEmpty else { return nil }
        if let service = context.resolve(line.description, carrier: line.carrier) { return service }
        for suffix in [" Residential", " Commercial"] where line.description.hasSuffix(suffix) {
            return context.resolve(String(line.description.dropLast(suffix.count)), carrier: line.carrier)
        }
        return nil
    }
}
