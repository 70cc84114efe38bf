import Foundation

/// Money kept in 8 bytes as an exact count of ten-thousandths (a `Decimal` takes 20); `Int64.min` is "none".
/// Still decimal fixed point, never binary floating point: amounts are parsed from their digits straight into this
/// form (`ValueParsers.storedMoney`).
enum StoredMoney {
    static let none = Int64.min

    /// The stored form of a decimal, or nil when it has more than four decimals or does not fit.
    static func encode(_ amount: Decimal?) -> Int64? {
        guard let amount else { return none }
        return ValueParsers.fixedPoint(Money.plain(amount))
    }

    /// The amount back, exact.
    static func decode(_ stored: Int64) -> Decimal? {
        stored == none ? nil : Decimal(sign: stored < 0 ? .minus : .plus, exponent: -4, significand: Decimal(stored.magnitude))
    }
}
