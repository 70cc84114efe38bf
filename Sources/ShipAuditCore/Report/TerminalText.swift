import Foundation

/// Text for a terminal: control characters from the data (ESC, BEL, CR, DEL, the C1 controls) and the marks that
/// reorder text on screen (U+202A-U+202E, U+2066-U+2069) are shown escaped (`\x1b`, `\u{202E}`), never sent: an
/// export's cell must not move the cursor, ring the bell or display text reversed.
public enum TerminalText {
    /// `text` with every such character escaped; line feeds kept when `keepingNewlines`, else shown as spaces.
    public static func escaped(_ text: String, keepingNewlines: Bool = true) -> String {
        guard
            text.unicodeScalars.contains(where: {
                needsEscape($0) || !keepingNewlines && ($0 == "\n" || $0 == "\t")
            })
        else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                out.append(contentsOf: (keepingNewlines ? "\n" : " ").unicodeScalars)
            } else if scalar == "\t" {
                out.append(contentsOf: (keepingNewlines ? "\t" : " ").unicodeScalars)
            } else if needsEscape(scalar) {
                let hex = String(scalar.value, radix: 16)
                let shown =
                    scalar.value < 0x100 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{\(hex.uppercased())}"
                out.append(contentsOf: shown.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// True for a character that must not reach a terminal as it is.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value == 0x0A || value == 0x09 { return false }
        return value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F || value == 0x061C
    }

    /// The marks that reorder text on screen (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C) from the UTF-8
    /// bytes at `index` of `bytes`: the mark and its length in bytes, or nil. The HTML and Markdown reports show such
    /// a mark as `[U+202E]`, so a cell cannot display the text around it reversed.
    static func bidiMark(_ bytes: some RandomAccessCollection<UInt8>, at index: Int) -> (mark: String, length: Int)? {
        let start = bytes.index(bytes.startIndex, offsetBy: index)
        let first = bytes[start]
        guard first == 0xE2 || first == 0xD8, index + 1 < bytes.count else { return nil }
        let second = bytes[bytes.index(after: start)]
        if first == 0xD8 { return second == 0x9C ? ("[U+061C]", 2) : nil }
        guard index + 2 < bytes.count else { return nil }
        let third = bytes[bytes.index(start, offsetBy: 2)]
        let value = 0x2000 | UInt32(second & 0x0F) << 6 | UInt32(third & 0x3F)
        guard
            (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) || value == 0x200E
                || value == 0x200F
        else { return nil }
        return ("[U+\(String(value, radix: 16, uppercase: true))]", 3)
    }
}
