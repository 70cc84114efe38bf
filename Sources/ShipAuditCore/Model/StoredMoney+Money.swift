import Foundation
import ShipAuditCSV
import ShipAuditStorage

extension StoredMoney {
    /// The stored form of a decimal, or nil when it has more than four decimals or does not fit.
    public static func encode(_ amount: Decimal?) -> Int64? {
        guard let amount else { return none }
        // The usual amount from its significand and exponent; any other through its digits.
        if let stored = Money.storedForm(amount), stored != none { return stored }
        return ValueParsers.fixedPoint(Money.plain(amount))
    }
}
