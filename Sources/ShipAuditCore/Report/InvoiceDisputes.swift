import Foundation
import ShipAuditCSV
import ShipAuditStorage

/// The disputes of carriers' invoices in a report: the flags that name an invoice to dispute (their evidence has
/// `invoice_number`, `InvoicePackages`' `disputing`), soonest deadline first, with their totals by carrier and by
/// reason. `claims.csv` lists them; the manager's reports sum them up.
public struct InvoiceDisputes: Sendable {
    /// One dispute: the flag and what a carrier's dispute form asks.
    public struct Dispute: Sendable {
        public let finding: Finding
        public let carrier: String, invoiceNumber: String, invoiceDate: String, trackingNumber: String
        /// In the carrier's terms (`duplicate charge`).
        public let reason: String
        /// True when its deadline passed before the report's `as of`.
        public let missed: Bool
    }

    /// Disputes, money and count, under one label (a carrier, a reason).
    public struct Total: Sendable {
        public let label: String
        public let disputes: Int
        public let money: [Money]
    }

    /// Every dispute, soonest deadline first (none last).
    public let all: [Dispute]
    public let byCarrier: [Total]
    public let byReason: [Total]
    /// Every dispute, and its money.
    public let total: Total
    /// The disputes whose window closed before `as of`, and their money.
    public let missed: Total

    /// The reason a carrier's dispute form is given, by rule: every invoice check whose flags are disputes (a new one
    /// is listed here, or its flags are not disputes).
    static let reasons: [String: String] = [
        "billed_service_mismatch": "billed a faster service than the label's",
        "duplicate_charge": "duplicate charge",
        "voided_label_billed": "voided label billed",
        "address_correction_charge": "address correction charged (to review)",
        "billed_weight_over": "billed weight above scale and dimensional weight",
        "dim_weight_mismatch": "dimensional weight not matching the keyed dimensions",
        "residential_surcharge": "residential surcharge on a commercial address",
        "guarantee_refund_missing": "guaranteed service delivered late, not refunded",
    ]

    /// The disputes of `report`.
    public init(_ report: Report) {
        func text(_ finding: Finding, _ key: String) -> String? {
            guard let found = finding.evidence.first(where: { $0.0 == key })?.1, case .string(let text) = found else {
                return nil
            }
            return text
        }
        // Only the invoice checks' flags are disputes: a million-order run's other flags are passed over by their
        // rule, without a look through their evidence.
        all = report.findings.compactMap { finding -> Dispute? in
            guard let reason = Self.reasons[finding.rule], let number = text(finding, "invoice_number") else {
                return nil
            }
            return Dispute(
                finding: finding, carrier: text(finding, "carrier") ?? "", invoiceNumber: number,
                invoiceDate: text(finding, "invoice_date") ?? "",
                trackingNumber: text(finding, "tracking_number") ?? "",
                reason: reason, missed: report.deadlineMissed(finding))
        }.sorted { a, b in
            switch (a.finding.deadline, b.finding.deadline) {
            case (let x?, let y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return (a.finding.rule, a.finding.orderId) < (b.finding.rule, b.finding.orderId)
            }
        }
        byCarrier = Self.totals(all) { $0.carrier.isEmpty ? "unnamed carrier" : $0.carrier }
        byReason = Self.totals(all, \.reason)
        total = Self.totals(all) { _ in "all" }.first ?? Total(label: "all", disputes: 0, money: [])
        missed =
            Self.totals(all.filter(\.missed)) { _ in "missed" }.first ?? Total(label: "missed", disputes: 0, money: [])
    }

    /// The disputes summed by `label`, the most disputes first.
    private static func totals(_ disputes: [Dispute], _ label: (Dispute) -> String) -> [Total] {
        var counts: [String: Int] = [:]
        var sums: [String: [String: AmountSum]] = [:]
        for dispute in disputes {
            let key = label(dispute)
            counts[key, default: 0] += 1
            if let money = dispute.finding.moneyAtStake {
                sums[key, default: [:]][money.currency, default: AmountSum()].add(money.amount)
            }
        }
        return counts.keys.sorted { (counts[$1]!, $0) < (counts[$0]!, $1) }.map { key in
            let money = sums[key] ?? [:]
            return Total(
                label: key, disputes: counts[key]!,
                money: money.keys.sorted().map { Money(money[$0]!.total, $0) })
        }
    }
}
