import Foundation
import ShipAuditStorage

/// Numbers as exports outside the US write them: a decimal comma (`15,00`), thousands grouped by `.`, `,`, `'`, a
/// space or a thin space (`1.234,56`, `1'234.50`, `1 234,50`), a currency symbol or code before or after (`15,00€`,
/// `R$ 1.234,56`, `12.00 USD`), and negatives in parentheses or with a trailing minus (`(12.00)`, `12.00-`).
///
/// With no decimal mark given, a value is read only when it has one reading: `12,50` (two digits after one comma)
/// is a decimal comma, `1,234,567` grouped thousands, `1.234,56` and `1,234.56` say which is which by the last mark.
/// `1,234` could be either and is refused, with the key that settles it.
public enum LocaleNumbers {
    /// The outcome: a plain number text (`-1234.56`), and whether a comma was its decimal mark.
    public struct Plain: Equatable, Sendable {
        public let text: String
        public let decimalComma: Bool
    }

    /// The plain form of a number with separators, nil and why when it has none or more than one reading.
    /// `decimalMark`: `.` or `,` when the file says which; nil decides from the value alone.
    public static func plain(_ number: Substring, decimalMark: Character?) -> Result<Plain, ValueError> {
        var digits = number.filter { !"'\u{2009}\u{202F}\u{00A0} ".contains($0) }
        var negative = false
        if digits.first == "-" || digits.first == "+" {
            negative = digits.first == "-"
            digits.removeFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }),
            digits.first!.isNumber
        else { return .failure(ValueError("\"\(number)\" is not a number")) }
        let commas = digits.filter { $0 == "," }.count, dots = digits.filter { $0 == "." }.count
        let mark: Character?
        if let decimalMark {
            mark = decimalMark
        } else if commas > 0 && dots > 0 {
            mark = digits.lastIndex(of: ",")! > digits.lastIndex(of: ".")! ? "," : "."
        } else if commas == 1 {
            let after = digits.count - 1 - digits.distance(from: digits.startIndex, to: digits.firstIndex(of: ",")!)
            if after == 3 {
                return .failure(
                    ValueError(
                        "\"\(number)\" could be \(digits.replacingOccurrences(of: ",", with: "")) or "
                            + "\(digits.replacingOccurrences(of: ",", with: "."))",
                        hint: "say which with decimal_mark = \",\" or \".\" under [store] (or the mapping's decimal)"))
            }
            mark = ","
        } else if commas > 1 {
            mark = "."
        } else if dots > 1 {
            mark = ","
        } else {
            mark = "."
        }
        let grouping: Character = mark == "," ? "." : ","
        let parts = digits.split(separator: mark!, omittingEmptySubsequences: false)
        guard parts.count <= 2 else {
            return .failure(ValueError("\"\(number)\" has more than one decimal mark \"\(mark!)\""))
        }
        // Grouped thousands: groups of three after the first.
        let groups = parts[0].split(separator: grouping, omittingEmptySubsequences: false)
        guard groups.dropFirst().allSatisfy({ $0.count == 3 }), !(groups.first?.isEmpty ?? true),
            parts.count < 2 || !parts[1].contains(grouping)
        else {
            return .failure(
                ValueError(
                    "\"\(number)\" mixes \"\(grouping)\" and \"\(mark!)\" in a way no number is written",
                    hint: "set decimal_mark under [store] (or the mapping's decimal) if the file uses another"))
        }
        var text = (negative ? "-" : "") + groups.joined()
        if parts.count == 2 { text += "." + parts[1] }
        return .success(Plain(text: text, decimalComma: mark == "," && parts.count == 2))
    }

    /// Letters and signs that name a currency: empty, a sign (`$`, `€`), an ISO code (`USD`), a local abbreviation
    /// (`kr`, `zł`, `Rs`), or letters with a sign (`R$`, `US$`, `C$`). `A` in `A-1` is none: that is no amount.
    static func isCurrency(_ text: String) -> Bool {
        let letters = text.filter(\.isLetter)
        let signs = text.filter { $0.unicodeScalars.allSatisfy(\.properties.isCurrencySymbol) }
        guard letters.count + signs.count == text.count, signs.count <= 1 else { return false }
        if letters.isEmpty { return true }
        if letters.count == 3, signs.isEmpty, isoCodes.contains(letters.uppercased()) { return true }
        if !signs.isEmpty { return letters.count <= 2 }
        return ["kr", "zł", "kč", "ft", "lei", "fr", "chf", "rs", "tl", "rp", "rm", "lv", "kn"].contains(
            letters.lowercased())
    }

    /// The ISO 4217 codes in common use (`USD`, `EUR`, `BRL`, ...).
    static let isoCodes = Set(Locale.commonISOCurrencyCodes)

    /// An amount's number without its currency and sign dressing: `R$ 1.234,56` → `1.234,56`, `(12.00)` → `-12.00`,
    /// `15,00€` → `15,00`, `12.00 USD` → `12.00`, `12.00-` → `-12.00`. Nil when what surrounds the number is not a
    /// currency (at most four letters or currency signs).
    public static func amountNumber(_ text: String) -> Substring? {
        var rest = Substring(text.trimmingSpaces())
        var negative = false
        if rest.hasPrefix("("), rest.hasSuffix(")") {
            negative = true
            rest = rest.dropFirst().dropLast()
        }
        if rest.hasSuffix("-") {
            negative = true
            rest = rest.dropLast()
        }
        if rest.hasPrefix("-") {
            negative.toggle()
            rest = rest.dropFirst()
        }
        let isNumberStart = { (c: Character) in c.isASCII && c.isNumber }
        guard let first = rest.firstIndex(where: isNumberStart),
            let last = rest.lastIndex(where: isNumberStart)
        else { return nil }
        let prefix = rest[..<first], suffix = rest[rest.index(after: last)...]
        for dressing in [prefix, suffix] {
            var cleaned = dressing.filter { $0 != " " && $0 != "\u{00A0}" }
            if dressing.endIndex == first || dressing.startIndex == rest.index(after: last) {
                // A sign between the currency and the number: `€ -12,00`, `USD-5`.
                if cleaned.hasSuffix("-"), dressing.endIndex == first {
                    negative.toggle()
                    cleaned.removeLast()
                }
            }
            guard isCurrency(cleaned) else { return nil }
        }
        let number = rest[first...last]
        return negative ? Substring("-" + number) : number
    }
}

extension Unicode.Scalar.Properties {
    /// True for a currency sign (`$`, `€`, `£`, `¥`, `₹`, `₺`, ...).
    var isCurrencySymbol: Bool { generalCategory == .currencySymbol }
}
