import Foundation
import ShipAuditCSV
import ShipAuditStorage

// The domain's amounts and weights as JSON: the JSON machinery (ShipAuditStorage) knows neither.
extension JSONValue {
    /// A decimal amount with two fraction digits.
    public static func money(_ amount: Decimal) -> JSONValue { .number(Money.format(amount)) }

    /// A weight in grams, to the tenth of a gram.
    public static func grams(_ weight: Weight) -> JSONValue { .number(NumberText.oneDecimal(weight.grams)) }
}

extension PackedEvidence {
    /// `JSONValue.money`, or null.
    public mutating func money(_ amount: Decimal?) {
        guard let amount else { return null() }
        number(Money.format(amount))
    }

    /// `JSONValue.grams`.
    public mutating func grams(_ weight: Weight) { number(NumberText.oneDecimal(weight.grams)) }

    /// A pair: `key` and its weight in grams.
    public mutating func grams(_ key: StaticString, _ weight: Weight) {
        self.key(key)
        grams(weight)
    }

    /// A pair: `key` and its amount, or null.
    public mutating func money(_ key: StaticString, _ amount: Decimal?) {
        self.key(key)
        money(amount)
    }
}
