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
            || (0x2066...0x2069).contains(value)
    }
}
