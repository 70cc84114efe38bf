import Foundation

/// Payment methods that mean cash on delivery: the order is paid to the carrier or the courier, so a store that ships
/// such orders while their financial status is still "pending" turns on `[store] cash_on_delivery`, and those orders
/// are due to ship like paid ones.
public enum CashOnDelivery {
    /// Phrases that mark a cash-on-delivery payment method or gateway, in the common languages (compared in lower
    /// case, within the text: "Cash on Delivery (COD)", "Pago contra entrega", "Nachnahme").
    static let phrases = [
        "cash on delivery", "cash_on_delivery", "payment on delivery", "pay on delivery", "collect on delivery",
        "contra reembolso", "contrareembolso", "contra entrega", "contraentrega", "pago al recibir",
        "pago en efectivo al recibir", "pagamento na entrega", "pagamento à entrega", "nachnahme",
        "zahlung bei lieferung", "barzahlung bei lieferung", "paiement à la livraison", "contre remboursement",
        "contrassegno", "pagamento alla consegna", "rembours", "betalen bij levering", "betaling bij aflevering",
    ]

    /// True when `method` is a cash-on-delivery method: a built-in phrase is in it, the word `COD` stands alone in it,
    /// or `extra` (the config's `[store] cash_on_delivery_methods`) lists it, whatever the case.
    public static func matches(_ method: String, extra: Set<String> = []) -> Bool {
        let lowered = method.lowercased()
        if lowered.isEmpty { return false }
        if extra.contains(lowered) { return true }
        if phrases.contains(where: { lowered.contains($0) }) { return true }
        return lowered.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains("cod")
    }
}
