extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and no-break spaces. Standard library only: Foundation's
    /// `trimmingCharacters(in:)` bridges through NSString on Linux and dominated the read stage's profile.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }

    /// The text with every occurrence of `character` removed.
    func removing(_ character: Character) -> String {
        String(filter { $0 != character })
    }
}
