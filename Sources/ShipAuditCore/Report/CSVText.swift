/// Writes CSV that opens cleanly in Excel: UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting, and text cells
/// that would start a formula (`=`, `+`, `-`, `@`, tab, CR) prefixed with `'` so a spreadsheet shows them as text.
///
/// Cells are appended as bytes: appending to a `String` checked and grew it per cell (a tenth of a large report's
/// rendering).
struct CSVText {
    private(set) var bytes: [UInt8]

    /// Starts the text, with the byte-order mark unless it continues another text.
    init(byteOrderMark: Bool = true, capacity: Int = 0) {
        bytes = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        bytes.reserveCapacity(capacity)
    }

    /// The text written so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            Self.append(cell: field, to: &bytes)
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    /// The cell as written.
    static func cell(_ value: String) -> String {
        var out: [UInt8] = []
        append(cell: value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func append(cell value: String, to out: inout [UInt8]) {
        value.withBytes { bytes in
            // A formula's first character: = + - @ tab CR (all ASCII), unless the cell is a number.
            let formula = bytes.first.map { [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains($0) } == true && Double(value) == nil
            guard formula || bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
                out.append(contentsOf: bytes)
                return
            }
            let quoted = bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            if quoted { out.append(0x22) }
            if formula { out.append(0x27) }
            // Quotes doubled byte by byte (Foundation's replacingOccurrences bridges through NSString on Linux).
            for byte in bytes {
                out.append(byte)
                if byte == 0x22 && quoted { out.append(0x22) }
            }
            if quoted { out.append(0x22) }
        }
    }
}
