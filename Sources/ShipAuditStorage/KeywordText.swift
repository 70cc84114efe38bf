/// A text lower-cased once, searched for ASCII keywords by its bytes: status and charge texts are matched against a
/// few dozen words each, where Foundation's `contains` compared each through a locale.
public struct KeywordText: Sendable {
    private let bytes: [UInt8]

    /// `text`, lower-cased.
    public init(_ text: String) { bytes = Array(text.lowercased().utf8) }

    /// True when the text holds `word` (lower case ASCII) anywhere.
    public func contains(_ word: String) -> Bool {
        let needle = Array(word.utf8)
        guard needle.count <= bytes.count else { return false }
        return (0...(bytes.count - needle.count)).contains { start in
            bytes[start..<start + needle.count].elementsEqual(needle)
        }
    }
}
