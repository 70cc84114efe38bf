import Foundation
import ShipAuditStorage

/// What a charge line of an invoice is for, told once as it is read from its code and its description: the kinds
/// the invoice checks and the shipping P&L read.
public enum ChargeKind: Sendable, Hashable, BitwiseCopyable {
    /// A correction of what a label was billed for its weight or size: UPS's shipping charge corrections (`SCC`,
    /// `ADJ`, `RADJ`), a line described as a shipping charge correction or a weight or dimension adjustment.
    case weightCorrection
    /// An address correction: UPS's `ADC`, or a line described as one.
    case addressCorrection
    /// A residential surcharge: UPS's `RES`, or a line described as a residential surcharge or delivery charge (not a
    /// transportation line whose service names the delivery type, `Ground Residential`).
    case residential
    /// A guaranteed-service refund: UPS's `GSR` and `AGSR`, or a line described as a guarantee, money-back, service
    /// failure or late delivery refund (a credit only when its amount is negative).
    case guarantee
    /// Anything else: transportation, fuel, delivery area, credits.
    case other

    /// The kind of a line with this code and description.
    public static func of(code: String, description: String) -> ChargeKind {
        switch code {
        case "SCC", "ADJ", "RADJ": return .weightCorrection
        case "ADC": return .addressCorrection
        case "RES": return .residential
        case "GSR", "AGSR": return .guarantee
        default: break
        }
        let has = KeywordText(description).contains
        if has("address correction") { return .addressCorrection }
        if has("shipping charge correction") || (has("adjustment") && (has("weight") || has("dim"))) {
            return .weightCorrection
        }
        if has("residential surcharge") || has("residential delivery") { return .residential }
        if has("guarantee") || has("money-back") || has("service failure") || has("late delivery") {
            return .guarantee
        }
        return .other
    }
}
