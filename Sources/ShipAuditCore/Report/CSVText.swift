/// Writes CSV that opens cleanly in Excel: UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting, and text cells
/// that would start a formula (`=`, `+`, `-`, `@`, tab, CR) prefixed with `'` so a spreadsheet shows them as text.
struct CSVText {
    private(set) var text = "\u{FEFF}"

    mutating func append(_ fields: [String]) {
        text += fields.map(Self.cell).joined(separator: ",") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(value) == nil {
            value = "'" + value
        }
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
