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

/// A flag's evidence: ordered pairs, packed as they are added (`PackedObject`), so a finding keeps a few hundred bytes
/// instead of a tree. Every rule builds its evidence with this one type.
public typealias Evidence = PackedObject

extension PackedObject {
    /// A pair: `key` and an amount with two decimals, or null.
    public mutating func money(_ key: StaticString, _ amount: Decimal?) { number(key, amount.map(Money.format)) }

    /// A pair: `key` and a weight in grams, to the tenth of a gram.
    public mutating func grams(_ key: StaticString, _ weight: Weight) {
        number(key, NumberText.oneDecimal(weight.grams))
    }
}
