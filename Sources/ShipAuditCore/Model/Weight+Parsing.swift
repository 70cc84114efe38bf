import Foundation
import ShipAuditCSV

extension ValueParsers {
    /// A weight with its unit in the cell (`1.00 LBS`, `16oz`, `0.5 kg`) or, when the cell is a bare number,
    /// in `defaultUnit` (the column's unit). Zero is allowed (a label not yet weighed reads 0); negatives are not.
    public static func weight(_ text: String, defaultUnit: WeightUnit?, decimalMark: Character? = nil) -> Result<
        Weight, ValueError
    > {
        // A cell is one or more "number [unit]" parts: `16`, `1.00 LBS`, `1 lb 4 oz` (ShipStation's split weight),
        // `1,5 kg` with a decimal comma.
        // The common case, a bare number in a column whose unit is known (`162.80` under "Weight (Oz)").
        if decimalMark != ",", let defaultUnit, isPlainNumber(text), let amount = Double(text), amount.isFinite,
            amount >= 0, amount * defaultUnit.grams <= Weight.maximumGrams
        {
            return .success(Weight(grams: amount * defaultUnit.grams))
        }
        var rest = Substring(text.trimmingSpaces())
        var total = 0.0
        var parts = 0
        while !rest.isEmpty {
            let numberEnd = rest.firstIndex { !("0123456789.,'-+".contains($0)) } ?? rest.endIndex
            var numberText = String(rest[..<numberEnd])
            if numberText.contains(",") || numberText.contains("'") || decimalMark == "," {
                switch LocaleNumbers.plain(Substring(numberText), decimalMark: decimalMark) {
                case .success(let plain): numberText = plain.text
                case .failure(let error):
                    return .failure(
                        ValueError(
                            "\"\(text)\" is not a weight this tool reads: "
                                + error.reason.replacingOccurrences(of: "\"\(numberText)\" ", with: ""),
                            hint: error.hint.isEmpty
                                ? "write the weight with its decimal mark, e.g. 1.5 kg" : error.hint
                        ))
                }
            }
            rest = rest[numberEnd...].drop { $0 == " " }
            let unitEnd = rest.firstIndex { "0123456789.-+".contains($0) } ?? rest.endIndex
            let unitText = rest[..<unitEnd].trimmingSpaces()
            rest = rest[unitEnd...]
            guard isPlainNumber(numberText), let amount = Double(numberText), amount.isFinite else {
                return .failure(
                    ValueError(
                        "\"\(text)\" is not a weight",
                        hint: "write a number, optionally with a unit, e.g. 16 oz or 1.00 LBS"))
            }
            guard amount >= 0 else {
                return .failure(ValueError("\"\(text)\" is a negative weight", hint: "fix the export"))
            }
            let unit: WeightUnit
            if unitText.isEmpty {
                guard let defaultUnit, parts == 0, rest.isEmpty else {
                    return .failure(
                        ValueError(
                            "\"\(text)\" has no unit",
                            hint: "write the unit in the cell (16 oz) or set the column's unit"))
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
        guard parts > 0 else {
            return .failure(ValueError("\"\(text)\" is not a weight", hint: "write a number, e.g. 16 oz"))
        }
        guard total <= Weight.maximumGrams else {
            return .failure(
                ValueError(
                    "\"\(text)\" is out of range (more than 1,000,000 kg)",
                    hint: "check the column and its unit; a heavier weight is not read"))
        }
        return .success(Weight(grams: total))
    }
}
