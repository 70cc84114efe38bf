/// Writes CSV that opens cleanly in Excel: UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting, and text cells
/// that would start a formula (`=`, `+`, `-`, `@`, tab, CR) prefixed with `'` so a spreadsheet shows them as text.
struct CSVText {
    private(set) var text: String

    /// Starts the text, with the byte-order mark unless it continues another text.
    init(byteOrderMark: Bool = true) {
        text = byteOrderMark ? "\u{FEFF}" : ""
    }

    mutating func append(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { text += "," }
            text += Self.cell(field)
        }
        text += "\r\n"
    }

    static func cell(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(value) == nil {
            value = "'" + value
        }
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return value }
        // Quotes doubled byte by byte (Foundation's replacingOccurrences bridges through NSString on Linux).
        var quoted: [UInt8] = [0x22]
        quoted.reserveCapacity(value.utf8.count + 8)
        for byte in value.utf8 {
            quoted.append(byte)
            if byte == 0x22 { quoted.append(0x22) }
        }
        quoted.append(0x22)
        return String(decoding: quoted, as: UTF8.self)
    }
}
