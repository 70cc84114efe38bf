import Foundation

/// An amount of money in a currency. Decimal, never binary floating point, so 0.1 + 0.2 is 0.3.
public struct Money: Sendable, Hashable {
    /// The amount.
    public var amount: Decimal
    /// ISO 4217 code as the export gives it (`USD`).
    public var currency: String

    /// Creates an amount.
    public init(_ amount: Decimal, _ currency: String) {
        self.amount = amount
        self.currency = currency
    }

    /// The amount with two decimals, `34.95`, for reports.
    public var plainText: String { Money.format(amount) }

    /// `34.95 USD`.
    public var description: String { "\(plainText) \(currency)" }

    /// A decimal as plain digits (`-1234.5678`), whatever the locale.
    static func plain(_ amount: Decimal) -> String { "\(amount)" }

    /// Formats a decimal with at least two fraction digits and no grouping, independent of the locale.
    public static func format(_ amount: Decimal) -> String {
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .bankers)
        // The digits from the significand as an integer: a `Decimal`'s description costs about two microseconds,
        // and a large report formats several amounts per flag.
        if let text = digits(rounded) { return text }
        return byDescription(rounded)
    }

    /// `format` of an amount already rounded to two decimals, from its significand and exponent; nil when they do
    /// not fit 64 bits.
    private static func digits(_ rounded: Decimal) -> String? {
        let exponent = rounded.exponent
        guard exponent >= -2, exponent <= 6 else { return nil }
        // The significand's size through its `Double` (exact below 2^53): a `Decimal` comparison costs about 200 ns.
        let significand = NSDecimalNumber(decimal: rounded.significand).doubleValue
        guard significand.magnitude < 1_000_000_000_000 else { return nil }
        var units = Int64(significand)
        for _ in 0..<max(0, exponent) { units *= 10 }
        let cents = exponent >= 0 ? units * 100 : exponent == -1 ? units * 10 : units
        let whole = cents / 100, fraction = Int(cents % 100)
        let sign = rounded.isSignMinus && cents != 0 ? "-" : ""
        return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// `format` through the amount's description (any amount).
    static func byDescription(_ rounded: Decimal) -> String {
        let text = "\(rounded)"
        guard let dot = text.firstIndex(of: ".") else { return text + ".00" }
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        return decimals >= 2 ? text : text + String(repeating: "0", count: 2 - decimals)
    }
}
