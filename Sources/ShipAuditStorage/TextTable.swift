/// Repeated texts (SKUs, shipping methods, carriers, file paths) stored once and referred to by a 4-byte number,
/// so a million orders do not carry a million copies of "Standard Shipping (3-5 business days)". Texts are found
/// by their bytes (`ByteKeyIndex`), without hashing a `String` per lookup.
public struct TextTable: Sendable {
    private var index = ByteKeyIndex()
    private var texts: [String] = []

    public init() {
        _ = index.insert("")
        texts.append("")
    }

    /// The number of `text`, adding it when new. The empty text is 0.
    public mutating func number(_ text: String) -> UInt32 {
        if text.isEmpty { return 0 }
        let position = index.insert(text)
        if position == texts.count { texts.append(text) }
        return UInt32(position)
    }

    /// The text of a number.
    /// The number of the text whose UTF-8 is `bytes` (valid UTF-8); a `String` is made only for a text not seen before.
    public mutating func number(bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        if bytes.isEmpty { return 0 }
        let position = index.insert(bytes: bytes)
        if position == texts.count { texts.append(String(decoding: bytes, as: UTF8.self)) }
        return UInt32(position)
    }

    /// The same table with strings of its own (new storage, same numbers): values made from it on one thread then
    /// retain and release strings no other thread touches.
    public func withOwnStrings() -> TextTable {
        var copy = self
        copy.texts = texts.map(\.withOwnStorage)
        return copy
    }

    public subscript(number: UInt32) -> String { texts[Int(number)] }

    /// The number of texts (the empty text included).
    public var count: Int { texts.count }

    /// The text of a number, nil for the empty text.
    public func optional(_ number: UInt32) -> String? { number == 0 ? nil : texts[Int(number)] }
}

extension TextTable {
    /// `number(bytes:)` of a view.
    @inlinable public mutating func number(bytes: ByteView) -> UInt32 { number(bytes: bytes.buffer) }
}
