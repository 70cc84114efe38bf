import Foundation
import ShipAuditCSV
import ShipAuditStorage

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

    /// `2,557,999.84 USD`: thousands grouped, for the reports people read (CSV and JSON keep plain digits).
    public var readable: String { "\(Self.grouped(plainText)) \(currency)" }

    /// `1234567.5` → `1,234,567.5`; `-1234` → `-1,234`.
    public static func grouped(_ plain: String) -> String {
        let negative = plain.hasPrefix("-")
        let digits = negative ? plain.dropFirst() : Substring(plain)
        let whole = digits.prefix { $0 != "." }
        let fraction = digits.dropFirst(whole.count)
        var out = ""
        for (index, digit) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (negative ? "-" : "") + out + fraction
    }

    /// A decimal as plain digits (`-1234.5678`), whatever the locale.
    static func plain(_ amount: Decimal) -> String { "\(amount)" }

    /// Formats a decimal with at least two fraction digits and no grouping, independent of the locale.
    public static func format(_ amount: Decimal) -> String {
        // An amount of at most four decimals (every amount read), from its digits: no rounding of a `Decimal`.
        if let stored = storedForm(amount) { return format(stored: stored) }
        return formatRounding(amount)
    }

    /// `format` of any amount, by rounding the `Decimal` to two decimals (half to even).
    static func formatRounding(_ amount: Decimal) -> String {
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .bankers)
        // The digits from the significand as an integer: a `Decimal`'s description costs about two microseconds,
        // and a large report formats several amounts per flag.
        if let text = digits(rounded) { return text }
        return byDescription(rounded)
    }

    /// The amount in ten-thousandths when it has at most four decimals and fits, from its significand and exponent.
    static func storedForm(_ amount: Decimal) -> Int64? {
        let exponent = amount.exponent
        guard exponent >= -4, exponent <= 6 else { return nil }
        // The significand's size through its `Double` (exact below 2^53), as `digits` reads it.
        let significand = NSDecimalNumber(decimal: amount.significand).doubleValue
        guard significand.magnitude < 100_000_000_000 else { return nil }
        var units = Int64(significand)
        for _ in 0..<(exponent + 4) { units *= 10 }
        return amount.isSignMinus ? -units : units
    }

    /// `format` of an amount in ten-thousandths (`StoredMoney`), without making a `Decimal`: rounded to two decimals
    /// half to even, as `format` rounds.
    public static func format(stored: Int64) -> String {
        let magnitude = stored.magnitude
        var cents = magnitude / 100
        let rest = magnitude % 100
        if rest > 50 || (rest == 50 && cents % 2 == 1) { cents += 1 }
        let fraction = cents % 100
        let sign = stored < 0 && cents != 0 ? "-" : ""
        return "\(sign)\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
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

/// A running sum of amounts: exact whole ten-thousandths while each amount is one (prices, and the stakes made of
/// them, have at most four decimals), `Decimal`s for the others. A `Decimal` addition costs about a microsecond, and
/// a report sums the stake of every flag twice (the totals, the digest's money by rule).
struct AmountSum {
    /// The amounts taken as ten-thousandths.
    private var units: Int64 = 0
    /// The others.
    private var rest: Decimal?

    mutating func add(_ amount: Decimal) {
        if let value = Self.tenThousandths(amount) {
            let (sum, overflow) = units.addingReportingOverflow(value)
            if !overflow {
                units = sum
                return
            }
        }
        rest = (rest ?? Decimal()) + amount
    }

    /// The sum, with no trailing zero past the decimal point.
    var total: Decimal {
        var magnitude = units.magnitude, exponent = -4
        while exponent < 0, magnitude != 0, magnitude % 10 == 0 {
            magnitude /= 10
            exponent += 1
        }
        let exact = Decimal(
            sign: units < 0 ? .minus : .plus, exponent: magnitude == 0 ? 0 : exponent, significand: Decimal(magnitude))
        return rest.map { exact + $0 } ?? exact
    }

    /// `amount` as a whole number of ten-thousandths, when it is exactly one that fits 63 bits; nil otherwise.
    static func tenThousandths(_ amount: Decimal) -> Int64? {
        let exponent = amount.exponent
        guard exponent >= -4, exponent <= 4, !amount.isNaN else { return nil }
        // The significand through its `Double`, exact below 2^53 (as `Money.digits` reads it).
        let significand = NSDecimalNumber(decimal: amount.significand).doubleValue.magnitude
        guard significand < 9_007_199_254_740_992, significand == significand.rounded(.towardZero) else { return nil }
        var value = Int64(significand)
        for _ in 0..<(exponent + 4) {
            let (scaled, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = scaled
        }
        return amount.isSignMinus ? -value : value
    }
}
