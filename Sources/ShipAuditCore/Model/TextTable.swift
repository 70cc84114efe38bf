/// Repeated texts (SKUs, shipping methods, carriers, file paths) stored once and referred to by a 4-byte number,
/// so a million orders do not carry a million copies of "Standard Shipping (3-5 business days)". Texts are found
/// by their bytes (`ByteKeyIndex`), without hashing a `String` per lookup.
struct TextTable: Sendable {
    private var index = ByteKeyIndex()
    private var texts: [String] = []

    init() {
        _ = index.insert("")
        texts.append("")
    }

    /// The number of `text`, adding it when new. The empty text is 0.
    mutating func number(_ text: String) -> UInt32 {
        if text.isEmpty { return 0 }
        let position = index.insert(text)
        if position == texts.count { texts.append(text) }
        return UInt32(position)
    }

    /// The text of a number.
    subscript(number: UInt32) -> String { texts[Int(number)] }

    /// The text of a number, nil for the empty text.
    func optional(_ number: UInt32) -> String? { number == 0 ? nil : texts[Int(number)] }
}
