import Foundation

/// Shipping methods that mean no carrier: the customer collects the order, or the store delivers it itself. Such
/// orders have no label to check, so no rule judges them; the coverage counts them.
public enum PickupMethods {
    /// Words and phrases that mark a pickup or local-delivery rate title, in the common languages (compared in lower
    /// case, within the title: "Collect from Sandton Store", "Retiro en sucursal", "Abholung im Laden").
    static let phrases = [
        "pickup", "pick up", "pick-up", "local delivery", "local pickup", "collect from", "click & collect",
        "click and collect", "collection in store", "in-store", "in store pickup", "store pickup", "curbside",
        "retiro", "retirar", "recogida", "recoger en", "entrega local", "retirada", "levantamento", "abholung",
        "selbstabholung", "abholen", "lokale lieferung", "retrait", "à emporter", "livraison locale", "ritiro",
        "consegna locale", "afhalen", "ophalen", "lokale bezorging",
    ]

    /// True when `method` is a pickup or local-delivery title: a built-in phrase is in it, or `extra` (the config's
    /// `[store] pickup_methods`) lists it, whatever the case.
    public static func matches(_ method: String, extra: Set<String> = []) -> Bool {
        let lowered = method.lowercased()
        if extra.contains(lowered) { return true }
        return phrases.contains { lowered.contains($0) }
    }
}
