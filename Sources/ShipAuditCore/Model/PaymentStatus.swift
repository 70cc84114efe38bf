import Foundation

/// What an order's financial status says about shipping it: paid (due to ship), pending (not yet due) or cancelled
/// (never due). Read from the texts of the common shop systems and their translations; a text none of them uses is
/// not guessed: the order is not checked, and the text is listed for the user to map (`[payment_statuses]`).
public enum PaymentStatus: String, Sendable, CaseIterable {
    case paid, pending, cancelled

    /// The status a text means, nil when no vocabulary knows it. `custom` (the config's `[payment_statuses]`) comes
    /// first. Case, `_`, `-` and repeated spaces do not matter.
    public static func read(_ text: String, custom: [String: PaymentStatus] = [:]) -> PaymentStatus? {
        let key = normalized(text)
        if let mapped = custom[key] { return mapped }
        return vocabulary[key]
    }

    /// The form texts are compared in: lower case, `_` and `-` as spaces, spaces collapsed and trimmed.
    public static func normalized(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
            .split(separator: " ").joined(separator: " ")
    }

    /// Shopify, WooCommerce, Etsy, ShipStation, Magento and BigCommerce financial or order statuses, and their common
    /// translations (es, pt, de, fr, it, nl).
    static let vocabulary: [String: PaymentStatus] = {
        let paid = [
            "paid", "partially refunded", "completed", "complete", "processing", "captured", "succeeded", "success",
            "approved", "settled", "awaiting fulfillment", "awaiting shipment", "awaiting pickup", "partially shipped",
            "shipped", "disputed",
            "pagado", "pago", "paga", "pagada", "aprobado", "aprovado", "recibido", "reembolsado parcialmente",
            "parcialmente reembolsado", "bezahlt", "teilweise erstattet", "abgeschlossen", "payé", "payée", "paye",
            "partiellement remboursé", "pagato", "parzialmente rimborsato", "betaald", "gedeeltelijk terugbetaald",
        ]
        let pending = [
            "pending", "authorized", "authorised", "unpaid", "expired", "partially paid", "on hold", "awaiting payment",
            "pending payment", "payment review", "manual verification required", "incomplete", "checkout draft",
            "holded", "pendiente", "pendiente de pago", "pendente", "autorizado", "ausstehend", "offen", "unbezahlt",
            "autorisiert", "en attente", "non payé", "autorisé", "in attesa", "non pagato", "autorizzato",
            "in afwachting", "openstaand", "onbetaald", "geautoriseerd",
        ]
        let cancelled = [
            "refunded", "voided", "void", "cancelled", "canceled", "failed", "declined", "closed", "trash",
            "reembolsado", "cancelado", "cancelada", "anulado", "rechazado", "estornado", "erstattet", "storniert",
            "abgebrochen", "rückerstattet", "remboursé", "annulé", "annulée", "rimborsato", "annullato", "terugbetaald",
            "geannuleerd",
        ]
        var table: [String: PaymentStatus] = [:]
        for text in paid { table[normalized(text)] = .paid }
        for text in pending { table[normalized(text)] = .pending }
        for text in cancelled { table[normalized(text)] = .cancelled }
        return table
    }()
}
