import Foundation

/// Reading the plain values of export cells: quantities, money, weights, order and tracking numbers, flags.
public enum ValueParsers {
    /// A whole number of units, zero or more (`2`, also `2.0` as Excel writes it).
    public static func quantity(_ text: String) -> Result<Int, ValueError> {
        if let value = Int(text), value >= 0 { return .success(value) }
        if let value = Double(text), value >= 0, value == value.rounded(), value < 1e9 { return .success(Int(value)) }
        if let value = Double(text), value < 0 {
            return .failure(ValueError("\"\(text)\" is a negative quantity", hint: "quantities count units shipped; fix the export"))
        }
        return .failure(ValueError("\"\(text)\" is not a whole number", hint: "write the quantity as digits, e.g. 2"))
    }

    /// A decimal amount: `34.95`, `$34.95`, `1,234.50`, `-5.00`, `USD 12.00`. Never binary floating point.
    public static func money(_ text: String) -> Result<Decimal, ValueError> {
        var cleaned = text.trimmingCharacters(in: .whitespaces)
        for symbol in ["US$", "USD", "EUR", "GBP", "CAD", "AUD", "$", "€", "£"] {
            cleaned = cleaned.replacingOccurrences(of: symbol, with: "")
        }
        cleaned = cleaned.trimmingCharacters(in: .whitespaces)
        // A comma is a thousands separator only in the 1,234.50 shape; "12,50" (decimal comma) is refused, not guessed.
        if cleaned.contains(",") {
            let groups = cleaned.split(separator: ".", maxSplits: 1)[0].split(separator: ",", omittingEmptySubsequences: false)
            let grouped = groups.count > 1 && groups.dropFirst().allSatisfy { $0.count == 3 } && cleaned.contains(".")
            guard grouped else {
                return .failure(ValueError("\"\(text)\" is not an amount this tool reads",
                                           hint: "write amounts with a dot for decimals, e.g. 1234.50"))
            }
            cleaned = cleaned.replacingOccurrences(of: ",", with: "")
        }
        guard Self.isPlainNumber(cleaned),
              let value = Decimal(string: cleaned, locale: Locale(identifier: "en_US_POSIX")) else {
            return .failure(ValueError("\"\(text)\" is not an amount", hint: "write amounts as digits, e.g. 34.95"))
        }
        return .success(value)
    }

    /// Digits with at most one dot and an optional leading sign: `-12.50`, `+3`, `.5`.
    static func isPlainNumber(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, parts.count <= 2, parts.contains(where: { !$0.isEmpty }) else { return false }
        return parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// A weight with its unit in the cell (`1.00 LBS`, `16oz`, `0.5 kg`) or, when the cell is a bare number,
    /// in `defaultUnit` (the column's unit). Zero is allowed (a label not yet weighed reads 0); negatives are not.
    public static func weight(_ text: String, defaultUnit: WeightUnit?) -> Result<Weight, ValueError> {
        // A cell is one or more "number [unit]" parts: `16`, `1.00 LBS`, `1 lb 4 oz` (ShipStation's split weight).
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var total = 0.0
        var parts = 0
        while !rest.isEmpty {
            let numberEnd = rest.firstIndex { !("0123456789.-+".contains($0)) } ?? rest.endIndex
            let numberText = String(rest[..<numberEnd])
            rest = rest[numberEnd...].drop { $0 == " " }
            let unitEnd = rest.firstIndex { "0123456789.-+".contains($0) } ?? rest.endIndex
            let unitText = rest[..<unitEnd].trimmingCharacters(in: .whitespaces)
            rest = rest[unitEnd...]
            guard isPlainNumber(numberText), let amount = Double(numberText), amount.isFinite else {
                return .failure(ValueError("\"\(text)\" is not a weight", hint: "write a number, optionally with a unit, e.g. 16 oz or 1.00 LBS"))
            }
            guard amount >= 0 else { return .failure(ValueError("\"\(text)\" is a negative weight", hint: "fix the export")) }
            let unit: WeightUnit
            if unitText.isEmpty {
                guard let defaultUnit, parts == 0, rest.isEmpty else {
                    return .failure(ValueError("\"\(text)\" has no unit", hint: "write the unit in the cell (16 oz) or set the column's unit"))
                }
                unit = defaultUnit
            } else {
                guard let spelled = WeightUnit(spelling: unitText) else {
                    return .failure(ValueError("\"\(unitText)\" is not a weight unit", hint: "use g, kg, oz or lb"))
                }
                unit = spelled
            }
            total += amount * unit.grams
            parts += 1
        }
        guard parts > 0 else { return .failure(ValueError("\"\(text)\" is not a weight", hint: "write a number, e.g. 16 oz")) }
        return .success(Weight(grams: total))
    }

    /// The order number used for matching: `#1041`, ` 1041 `, `01041` all become `1041`; letters are upper-cased.
    public static func orderNumber(_ text: String) -> String {
        var value = text.trimmingCharacters(in: .whitespaces)
        while value.hasPrefix("#") { value.removeFirst() }
        value = value.trimmingCharacters(in: .whitespaces).uppercased()
        if !value.isEmpty, value.allSatisfy(\.isASCII), value.allSatisfy(\.isNumber) {
            let stripped = value.drop { $0 == "0" }
            return stripped.isEmpty ? "0" : String(stripped)
        }
        return value
    }

    /// A tracking number kept as text; spaces and an Excel apostrophe are removed. A number Excel turned into
    /// scientific notation (`7.90535E+11`) has lost digits for good and is refused.
    public static func trackingNumber(_ text: String) -> Result<String, ValueError> {
        var value = text.trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("'") { value.removeFirst() }
        value = value.replacingOccurrences(of: " ", with: "").uppercased()
        let mantissaAndExponent = value.split(separator: "E", maxSplits: 1)
        if mantissaAndExponent.count == 2, Double(mantissaAndExponent[0]) != nil, Int(mantissaAndExponent[1]) != nil {
            return .failure(ValueError("\"\(text)\" is a tracking number Excel turned into a number; its digits are lost",
                                       hint: "export again without opening the file in Excel, or format the column as Text before saving"))
        }
        return .success(value)
    }

    /// A yes/no cell: `true`, `yes`, `y`, `1`, `x` are true; `false`, `no`, `n`, `0` and empty are false.
    public static func flag(_ text: String) -> Result<Bool, ValueError> {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "yes", "y", "1", "x", "t": .success(true)
        case "false", "no", "n", "0", "", "f": .success(false)
        default: .failure(ValueError("\"\(text)\" is not yes or no", hint: "write true or false"))
        }
    }

    /// The key a SKU is matched by: trimmed and upper-cased.
    public static func sku(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).uppercased()
    }
}
