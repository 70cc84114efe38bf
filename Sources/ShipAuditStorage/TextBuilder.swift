/// A sentence put together from its pieces as UTF-8 bytes in one buffer, made into a `String` once: a flag's message,
/// action and steps of a promise are a dozen pieces each, and string interpolation appended each through the
/// string's checks and growth (some 500 instructions a piece, a few million flags' worth in a large run).
public struct TextBuilder {
    private var bytes: [UInt8]

    /// An empty text with room for `capacity` bytes.
    public init(capacity: Int = 160) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Appends a constant.
    public mutating func put(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends a text.
    public mutating func put(_ text: String) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) { return done }
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends a number's decimal digits.
    public mutating func put(_ number: Int) { NumberText.append(number, to: &bytes) }

    /// Appends `texts` with `separator` between them.
    public mutating func put(_ texts: [String], separator: StaticString) {
        for (index, text) in texts.enumerated() {
            if index > 0 { put(separator) }
            put(text)
        }
    }

    /// `singular` or `plural` as `count` says (`day` / `days`).
    public mutating func put(_ count: Int, _ singular: StaticString, _ plural: StaticString) {
        put(count)
        put(count == 1 ? singular : plural)
    }

    /// The text written.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
