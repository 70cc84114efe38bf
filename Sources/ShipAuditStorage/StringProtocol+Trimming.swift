extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and no-break spaces. Standard library only: Foundation's
    /// `trimmingCharacters(in:)` bridges through NSString on Linux and dominated the read stage's profile.
    public func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }
        // Nothing to trim when neither end is a space: only the two end characters are looked at.
        if let first, let last, !isSpace(first), !isSpace(last) { return String(self) }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }

    /// The text with every occurrence of `character` removed.
    public func removing(_ character: Character) -> String {
        String(filter { $0 != character })
    }

    /// The text with `_` read as a space (`weight_short` → `weight short`), byte by byte: Foundation's
    /// `replacingOccurrences` bridges through NSString on Linux and showed up once per flag in the report profile.
    public var underscoresAsSpaces: String {
        String(decoding: utf8.map { $0 == 0x5F ? 0x20 : $0 }, as: UTF8.self)
    }
}

extension String {
    /// `trimmingSpaces()` with a byte test first: neither end a space, a tab or a no-break space (C2 A0), nothing
    /// to trim, and no grapheme breaking at the ends.
    public func trimmingSpaces() -> String {
        if let first = utf8.first, let last = utf8.last, first != 0x20, first != 0x09, first != 0xC2,
            last != 0x20, last != 0x09, last != 0xA0
        {
            return self
        }
        return self[...].trimmingSpaces()
    }

    /// The same text in storage of its own: a copy whose reference count no other holder of the text touches.
    public var withOwnStorage: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    /// Runs `body` on the text's UTF-8 bytes in contiguous memory (no copy for a native string): a loop over a
    /// buffer is several times faster than one over `utf8`.
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        var text = self
        return try text.withUTF8(body)
    }
}
