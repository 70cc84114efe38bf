/// Repeated texts (SKUs, shipping methods, carriers, file paths) stored once and referred to by a 4-byte number,
/// so a million orders do not carry a million copies of "Standard Shipping (3-5 business days)".
struct TextTable: Sendable {
    private var numbers: [String: UInt32] = ["": 0]
    private var texts: [String] = [""]

    /// The number of `text`, adding it when new. The empty text is 0.
    mutating func number(_ text: String) -> UInt32 {
        if text.isEmpty { return 0 }
        if let known = numbers[text] { return known }
        let number = UInt32(texts.count)
        texts.append(text)
        numbers[text] = number
        return number
    }

    /// The text of a number.
    subscript(number: UInt32) -> String { texts[Int(number)] }

    /// The text of a number, nil for the empty text.
    func optional(_ number: UInt32) -> String? { number == 0 ? nil : texts[Int(number)] }
}
