import Foundation

/// What an order's or a line's fulfilment status says: shipped by the store, partly shipped, or not yet. Read from the
/// texts of the common shop systems and their translations; a text none of them uses is not guessed: it says nothing
/// of the order (so `not_shipped` never flags on it) and is listed for the user to map (`[fulfillment_statuses]`).
public enum FulfilmentStatus: String, Sendable, CaseIterable {
    case unfulfilled, partial, fulfilled

    /// The status a text means, nil when no vocabulary knows it. `custom` (the config's `[fulfillment_statuses]`)
    /// comes first. Case, `_`, `-` and repeated spaces do not matter.
    public static func read(_ text: String, custom: [String: FulfilmentStatus] = [:]) -> FulfilmentStatus? {
        let key = PaymentStatus.normalized(text)
        if let mapped = custom[key] { return mapped }
        return vocabulary[key]
    }

    /// Shopify, WooCommerce, Etsy, ShipStation, Magento, BigCommerce, Tiendanube and Temu fulfilment or order
    /// statuses, and their common translations (es, pt, de, fr, it, nl).
    static let vocabulary: [String: FulfilmentStatus] = {
        let fulfilled = [
            "fulfilled", "shipped", "delivered", "complete", "completed", "sent", "dispatched", "in transit",
            "out for delivery", "picked up", "ready for pickup",
            "enviado", "enviada", "entregado", "entregada", "despachado", "completado", "en camino", "en tránsito",
            "entregue", "concluído", "concluido", "a caminho",
            "versandt", "verschickt", "zugestellt", "geliefert", "abgeschlossen", "unterwegs",
            "expédié", "expédiée", "expedie", "envoyé", "envoyée", "livré", "livrée", "terminé",
            "spedito", "spedita", "consegnato", "consegnata", "evaso", "evasa", "completato",
            "verzonden", "geleverd", "afgerond", "bezorgd",
        ]
        let partial = [
            "partial", "partially fulfilled", "partially shipped", "partly shipped", "partially delivered",
            "parcialmente enviado", "enviado parcialmente", "parcialmente entregado", "teilweise versandt",
            "teilweise geliefert", "partiellement expédié", "partiellement livré", "parzialmente spedito",
            "parzialmente evaso", "gedeeltelijk verzonden", "gedeeltelijk geleverd",
        ]
        let unfulfilled = [
            "unfulfilled", "unshipped", "not shipped", "pending", "awaiting shipment", "awaiting fulfillment",
            "awaiting pickup", "open", "processing", "on hold", "scheduled", "in progress", "not fulfilled",
            "no enviado", "pendiente", "pendiente de envío", "sin enviar", "no está empaquetado", "no empaquetado",
            "empaquetado", "por enviar", "en preparación", "não enviado", "nao enviado", "pendente", "a enviar",
            "nicht versandt", "offen", "ausstehend", "in bearbeitung", "unversandt", "nicht verschickt",
            "non expédié", "non expediee", "en attente", "en cours", "en préparation", "à expédier",
            "non spedito", "in attesa", "da evadere", "da spedire", "in lavorazione",
            "niet verzonden", "in behandeling", "openstaand", "te verzenden",
        ]
        var table: [String: FulfilmentStatus] = [:]
        for text in fulfilled { table[PaymentStatus.normalized(text)] = .fulfilled }
        for text in partial { table[PaymentStatus.normalized(text)] = .partial }
        for text in unfulfilled { table[PaymentStatus.normalized(text)] = .unfulfilled }
        return table
    }()
}
