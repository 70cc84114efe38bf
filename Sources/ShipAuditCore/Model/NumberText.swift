/// Number formatting without Foundation's `String(format:)`, which bridges through NSString on Linux and showed up
/// in the profile once per order (dates in promises, weights in evidence).
enum NumberText {
    /// `n` with leading zeros to `width` digits (`7`, 2 → `07`).
    static func padded(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// `value` rounded to one decimal: `1021.4`, `-56.7`, `0.0`.
    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    /// `\u003c`-style JSON escape of a scalar.
    static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
